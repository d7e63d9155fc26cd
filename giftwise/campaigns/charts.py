"""Campaign charts (PNG or SVG): the funnel from target to success, and progress across checkpoints.

``campaigns.report_service.campaign_chart`` reads what each chart shows; this module draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from giftwise.campaigns.report import FUNNEL
from giftwise.campaigns.schemas import CampaignReport
from giftwise.core.i18n import t
from giftwise.ledger.charts import RETURN_COLOUR, SPEND_COLOUR, footnote, new_figure, remembered, render
from giftwise.models.campaigns import Campaign, CampaignCheckpoint

CHARTS = ("funnel", "progress")
CONTROL_COLOUR, PENDING_COLOUR, EXPECTED_COLOUR = "#9aa5b1", "#e9c46a", "#6c757d"


def funnel_chart(report: CampaignReport, *, language: str, fmt: str) -> bytes:
    """Horizontal bars: targets, gifted group, planned, sent, delivered, followed up, succeeded; then the control.

    Drawn once per distinct picture (the content-addressed chart cache), so a page view reads it back."""
    return remembered("funnel", [report.model_dump(mode="json"), language, fmt],
                      lambda: _funnel(report, language=language, fmt=fmt))


def _funnel(report: CampaignReport, *, language: str, fmt: str) -> bytes:
    stages = [s for s in FUNNEL if not (s.startswith("control") and report.funnel["control"] == 0)]
    labels = [t(f"campaigns.funnel.{s}", language) for s in stages]
    counts = [report.funnel[s] for s in stages]
    colours = [CONTROL_COLOUR if s.startswith("control") else RETURN_COLOUR if s == "succeeded" else "#457b9d"
               for s in stages]
    figure = new_figure(8.5, 0.5 * len(stages) + 2.0)
    axes = figure.add_subplot()
    positions = list(range(len(stages)))[::-1]
    axes.barh(positions, counts, color=colours, height=0.6)
    for y, count in zip(positions, counts, strict=True):
        axes.annotate(str(count), (count, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=10)
    axes.set_yticks(positions, labels)
    axes.set_xlabel(t("campaigns.chart.contacts", language))
    axes.set_xlim(0, max([*counts, 1]) * 1.15)
    axes.set_title(t("campaigns.chart.funnel_title", language, name=report.name))
    axes.spines[["top", "right"]].set_visible(False)
    footnote(figure, report.lift.note, width=110)
    return render(figure, fmt)


def progress_chart(
    campaign: Campaign, *, won: Sequence[date], checkpoints: Sequence[CampaignCheckpoint], today: date, language: str,
    fmt: str,
) -> bytes:
    """Cumulative successes (``won``: the days the gifted targets succeeded, in order) over the window against the
    pro-rated path, checkpoints marked met, missed or pending; drawn once per distinct picture (the chart cache)."""
    shown = [campaign.name, campaign.metric, campaign.starts_on, campaign.ends_on, campaign.target_count, list(won),
             [[c.on, c.expected_count, c.status, c.achieved_count] for c in checkpoints], today, language, fmt]
    return remembered("progress", shown, lambda: _progress(campaign, won=won, checkpoints=checkpoints, today=today,
                                                           language=language, fmt=fmt))


def _progress(
    campaign: Campaign, *, won: Sequence[date], checkpoints: Sequence[CampaignCheckpoint], today: date, language: str,
    fmt: str,
) -> bytes:
    last = min(today, campaign.ends_on)
    days = [campaign.starts_on + timedelta(days=k) for k in range(max((last - campaign.starts_on).days, 0) + 1)]
    achieved = [sum(1 for d in won if d <= day) for day in days]
    from matplotlib.dates import date2num

    figure = new_figure(9.0, 5.0)
    axes = figure.add_subplot()
    axes.step(date2num(days), achieved, where="post", color=RETURN_COLOUR, linewidth=2.2,
              label=t("campaigns.chart.achieved", language))
    axes.plot(date2num([campaign.starts_on, campaign.ends_on]), [0, campaign.target_count], linestyle="--",
              color=EXPECTED_COLOUR, linewidth=1, label=t("campaigns.chart.pace", language))
    axes.axhline(campaign.target_count, color=SPEND_COLOUR, linestyle=":", linewidth=1.4,
                 label=t("campaigns.chart.target", language))
    for checkpoint in checkpoints:
        colour = {"met": RETURN_COLOUR, "missed": SPEND_COLOUR}.get(checkpoint.status, PENDING_COLOUR)
        axes.scatter(date2num([checkpoint.on]), [checkpoint.expected_count], s=90, color=colour, zorder=3,
                     edgecolor="white")
        got = "?" if checkpoint.achieved_count is None else checkpoint.achieved_count
        axes.annotate(f"{checkpoint.on:%m-%d}\n{got}/{checkpoint.expected_count}",
                      (float(date2num(checkpoint.on)), checkpoint.expected_count),
                      xytext=(0, 10), textcoords="offset points", ha="center", fontsize=8)
    axes.scatter([], [], s=90, color=PENDING_COLOUR, label=t("campaigns.chart.expected", language))
    axes.set_xlim(float(date2num(campaign.starts_on)) - 1, float(date2num(campaign.ends_on)) + 1)
    axes.set_ylim(0, campaign.target_count * 1.3 + 0.5)
    axes.set_xlabel(t("campaigns.chart.date", language))
    axes.set_ylabel(t(f"campaigns.metric.{campaign.metric}", language))
    axes.set_title(t("campaigns.chart.progress_title", language, name=campaign.name))
    axes.xaxis.set_major_formatter(_date_format())
    axes.grid(alpha=0.25)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False, loc="upper left")
    return render(figure, fmt)


def _date_format() -> Any:
    from matplotlib.dates import DateFormatter

    return DateFormatter("%m-%d")
