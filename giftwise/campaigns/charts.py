"""Campaign charts (PNG or SVG): the funnel from target to success, and progress across checkpoints."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from giftwise.campaigns import progress, repository
from giftwise.campaigns.report import FUNNEL, campaign_report
from giftwise.campaigns.service import get_campaign
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.core.i18n import t
from giftwise.ledger.charts import RETURN_COLOUR, SPEND_COLOUR, check_format, footnote, new_figure, render
from giftwise.ledger.service import load_history

CHARTS = ("funnel", "progress")
CONTROL_COLOUR, PENDING_COLOUR, EXPECTED_COLOUR = "#9aa5b1", "#e9c46a", "#6c757d"


def campaign_chart(session: Session, actor: Actor, *, campaign_id: int, kind: str, fmt: str) -> bytes:
    """The campaign's ``funnel`` or checkpoint ``progress`` chart as PNG or SVG bytes."""
    fmt = check_format(fmt)
    if kind not in CHARTS:
        raise Invalid("campaigns.campaign_chart_funnel_progress", kind=kind, field="kind")
    if kind == "funnel":
        return funnel_chart(session, actor, campaign_id=campaign_id, fmt=fmt)
    return progress_chart(session, actor, campaign_id=campaign_id, fmt=fmt)


def funnel_chart(session: Session, actor: Actor, *, campaign_id: int, fmt: str) -> bytes:
    """Horizontal bars: targets, gifted group, planned, sent, delivered, followed up, succeeded; then the control."""
    report = campaign_report(session, actor, campaign_id=campaign_id)
    language = actor.language
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


def progress_chart(session: Session, actor: Actor, *, campaign_id: int, fmt: str) -> bytes:
    """Cumulative successes over the window against the pro-rated path, checkpoints marked met, missed or pending."""
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    language = actor.language
    targets = repository.targets_of(session, campaign.id)
    gifted = {t.contact_id for t in targets if t.arm != "control"}
    history = load_history(session, actor, contact_ids=[t.contact_id for t in targets])
    today = clock.today()
    won = sorted(progress.successes(campaign, history, gifted, today).values())
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
    for checkpoint in repository.checkpoints_of(session, campaign.id):
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
