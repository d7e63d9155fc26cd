"""Charts people look at (PNG or SVG): spend vs returns over time, ROI by gift kind.

matplotlib is imported lazily (it is slow to load) and used through ``Figure`` with the Agg
canvas, so charts render in servers and tests without a display.
"""

from __future__ import annotations

import io
import json
import re
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from giftwise.core import cache
from giftwise.core.errors import Invalid
from giftwise.core.i18n import t
from giftwise.ledger.schemas import MonthPoint, RoiReport

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "svg")
# Part of every cached chart's key: change it when the drawing code changes, so old pictures are not reused.
CHART_STYLE = "ledger-charts-1"
CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimHei", "DejaVu Sans"]
SPEND_COLOUR, RETURN_COLOUR, ORDER_COLOUR = "#c8553d", "#2a9d8f", "#264653"


def check_format(fmt: str) -> str:
    """``png`` or ``svg``; a clear error otherwise."""
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise Invalid("ledger.chart_format_png_svg", fmt=fmt, field="format")
    return fmt


def new_figure(width: float = 9.0, height: float = 5.0) -> Figure:
    """A blank figure that can show Chinese text."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams["font.sans-serif"] = CJK_FONTS
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.hashsalt"] = "giftwise"
    return Figure(figsize=(width, height), dpi=110, layout="constrained")


def render(figure: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes."""
    buffer = io.BytesIO()
    metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {}
    figure.savefig(buffer, format=check_format(fmt), metadata=metadata)
    return buffer.getvalue()


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
CJK_WIDTH_SHARE = 0.58


def footnote(figure: Figure, text: str, *, width: int = 120) -> None:
    """A small wrapped note under the chart (the attribution rule goes here), ``width`` Latin letters wide."""
    if _CJK.search(text):
        width = round(width * CJK_WIDTH_SHARE)  # a Chinese character takes nearly two letters' room
    lines = textwrap.wrap(text, width, break_on_hyphens=False)
    figure.supxlabel("\n".join(lines), fontsize=8, color="#555555")


def remembered(kind: str, inputs: Any, draw: Callable[[], bytes]) -> bytes:
    """The chart drawn from exactly ``inputs`` (JSON-able), from the content-addressed cache when it was drawn
    before: drawing takes a second or two, reading the same picture back a millisecond."""
    name = f"chart-{kind}-{cache.key_of(CHART_STYLE, json.dumps(inputs, sort_keys=True, default=str))}.pickle"
    found = cache.load(name)
    if isinstance(found, bytes):
        return found
    drawn = draw()
    cache.store(name, drawn)
    return drawn


def spend_vs_returns_chart(
    points: list[MonthPoint], *, title: str, rule_text: str, currency: str, language: str, fmt: str
) -> bytes:
    """Monthly bars of gift spend vs attributed returns, with the month's order value as a line (cached)."""
    inputs = [[p.model_dump(mode="json") for p in points], title, rule_text, currency, language, fmt]
    return remembered("spend", inputs, lambda: _spend_vs_returns(points, title=title, rule_text=rule_text,
                                                                 currency=currency, language=language, fmt=fmt))


def _spend_vs_returns(
    points: list[MonthPoint], *, title: str, rule_text: str, currency: str, language: str, fmt: str
) -> bytes:
    figure = new_figure()
    axes = figure.add_subplot()
    xs = list(range(len(points)))
    width = 0.38
    axes.bar([x - width / 2 for x in xs], [p.spent for p in points], width, color=SPEND_COLOUR,
             label=t("ledger.chart.spend", language))
    axes.bar([x + width / 2 for x in xs], [p.attributed for p in points], width, color=RETURN_COLOUR,
             label=t("ledger.chart.returns", language))
    axes.plot(xs, [p.orders for p in points], color=ORDER_COLOUR, marker="o", linewidth=1.8,
              label=t("ledger.chart.orders", language))
    axes.set_xticks(xs, [p.month for p in points], rotation=45, ha="right")
    axes.set_ylabel(t("ledger.chart.money", language, currency=currency))
    axes.set_title(f"{t('ledger.chart.spend_title', language)} · {title}")
    axes.yaxis.set_major_formatter(_thousands())
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    top = max([p.spent for p in points] + [p.attributed for p in points] + [p.orders for p in points] + [1.0])
    axes.set_ylim(0, top * 1.22)  # headroom so the legend never sits on the data
    axes.legend(frameon=False, loc="upper center", ncol=3)
    footnote(figure, rule_text, width=130)
    return render(figure, fmt)


def roi_chart(report: RoiReport, *, language: str, fmt: str) -> bytes:
    """ROI per group (gift kind by default) as bars, each labelled with spend and attributed value (cached)."""
    return remembered("roi", [report.model_dump(mode="json"), language, fmt],
                      lambda: _roi(report, language=language, fmt=fmt))


def _roi(report: RoiReport, *, language: str, fmt: str) -> bytes:
    figure = new_figure(8.0, 4.8)
    axes = figure.add_subplot()
    names = [t(f"ledger.gift_kind.{r.value}", language) if report.by == "kind" else r.value for r in report.rows]
    rois = [r.roi if r.roi is not None else 0.0 for r in report.rows]
    colours = [RETURN_COLOUR if v >= 0 else SPEND_COLOUR for v in rois]
    bars = axes.bar(names, rois, color=colours, width=0.55)
    for bar, row in zip(bars, report.rows, strict=True):
        label = f"{row.roi:+.0%}\n{row.attributed_value:,.0f} / {row.spent:,.0f}" if row.roi is not None else "–"
        axes.annotate(label, (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center",
                      va="bottom" if bar.get_height() >= 0 else "top", fontsize=9,
                      xytext=(0, 4 if bar.get_height() >= 0 else -4), textcoords="offset points")
    axes.axhline(0, color="#333333", linewidth=0.8)
    axes.set_ylabel(t("ledger.chart.roi_axis", language))
    axes.set_title(t("ledger.chart.roi_title", language))
    axes.yaxis.set_major_formatter(_percent())
    axes.margins(y=0.25)
    axes.spines[["top", "right"]].set_visible(False)
    footnote(figure, report.attribution_rule, width=110)
    return render(figure, fmt)


def _thousands() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: f"{value:,.0f}")


def _percent() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: f"{value:.0%}")
