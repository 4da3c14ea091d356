"""Charts of a review drawn as inline SVG from its snapshot: the same drawing on the page
and in the PDF pack (no script, no browser, nothing fetched). Every chart carries its
figures as text too (labels and a title), so colour is never the only cue."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

STATUS_COLOURS = {
    "on_track": ("#2f7d3e", "On track"),
    "at_risk": ("#c58b00", "At risk"),
    "off_track": ("#b3261e", "Off track"),
    "no_data": ("#9a968b", "No data"),
}
INK, SOFT, LINE, PLANNED, SPENT = "#22211d", "#5c5a52", "#e3dfd3", "#e9dfc2", "#8a6d1f"
FONT = 'font-family="DejaVu Sans, system-ui, sans-serif"'


def _svg(width: int, height: int, label: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rchart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}" {FONT}>'
        f"<title>{escape(label)}</title>{''.join(body)}</svg>"
    )


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def score_bars(results: list[dict[str, Any]], width: int = 720) -> SafeString:
    """One bar per result: its score out of 100, coloured and labelled by status."""
    rows = [r for r in results if r.get("own")]
    label_w, row_h, top = 300, 24, 24
    bar_w = width - label_w - 110
    height = top + row_h * max(len(rows), 1) + 8
    body = [
        f'<text x="{label_w}" y="14" font-size="11" fill="{SOFT}">0</text>',
        f'<text x="{label_w + bar_w}" y="14" font-size="11" fill="{SOFT}" text-anchor="end">100</text>',
    ]
    for x in (0, 50, 90, 100):
        gx = label_w + bar_w * x / 100
        body.append(f'<line x1="{gx:.1f}" y1="{top - 4}" x2="{gx:.1f}" y2="{height - 6}" '
                    f'stroke="{LINE}" stroke-width="1"/>')
    if not rows:
        body.append(f'<text x="0" y="{top + 14}" font-size="13" fill="{SOFT}">'
                    "No results in this review.</text>")
    for i, r in enumerate(rows):
        y = top + i * row_h
        colour, words = STATUS_COLOURS.get(r["status"], STATUS_COLOURS["no_data"])
        name = _clip(f"{r['code']} {r['title']}", 44)
        body.append(f'<text x="0" y="{y + 15}" font-size="12" fill="{INK}">{escape(name)}</text>')
        score = r.get("score")
        if score is not None:
            w = max(bar_w * float(score) / 100, 2)
            body.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 9}" '
                        f'rx="3" fill="{colour}"/>')
            text = f"{float(score):.0f} {words}"
        else:
            body.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row_h - 9}" rx="3" '
                        f'fill="none" stroke="{LINE}" stroke-dasharray="4 3"/>')
            text = words
        body.append(f'<text x="{label_w + bar_w + 8}" y="{y + 15}" font-size="12" fill="{INK}">'
                    f"{escape(text)}</text>")
    return _svg(width, height, "Scores of the unit's results, out of 100, with their status", body)


def status_strip(counts: dict[str, int], width: int = 720) -> SafeString:
    """The unit's results by status, as one stacked bar with the counts written in."""
    total = sum(counts.values())
    body: list[str] = []
    x = 0.0
    for key, (colour, words) in STATUS_COLOURS.items():
        n = counts.get(key, 0)
        if not n:
            continue
        w = width * n / total
        body.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="26" fill="{colour}"/>')
        if w > 60:
            body.append(f'<text x="{x + 6:.1f}" y="17" font-size="12" fill="#fff">'
                        f"{n} {escape(words.lower())}</text>")
        x += w
    if not total:
        body.append(f'<text x="0" y="17" font-size="12" fill="{SOFT}">No results.</text>')
    label = ", ".join(f"{counts.get(k, 0)} {w.lower()}" for k, (_, w) in STATUS_COLOURS.items())
    return _svg(width, 26, f"Results by status: {label}", body)


def risk_matrix(risks: list[dict[str, Any]], appetite: int, size: int = 34) -> SafeString:
    """The 5 x 5 likelihood x impact matrix, cells at or above the appetite shaded, with
    the number of red risks in each cell."""
    counts: dict[tuple[int, int], int] = {}
    for r in risks:
        key = (int(r["likelihood"]), int(r["impact"]))
        counts[key] = counts.get(key, 0) + 1
    left, top = 70, 8
    width, height = left + 5 * size + 10, top + 5 * size + 44
    body = []
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            x = left + (impact - 1) * size
            y = top + (5 - likelihood) * size
            score = likelihood * impact
            fill = "#f6d3d3" if score >= appetite else ("#fbf0c9" if score >= 8 else "#e4f1e6")
            body.append(f'<rect x="{x}" y="{y}" width="{size - 2}" height="{size - 2}" rx="3" '
                        f'fill="{fill}"/>')
            n = counts.get((likelihood, impact))
            if n:
                body.append(f'<text x="{x + size / 2 - 1}" y="{y + size / 2 + 4}" font-size="13" '
                            f'font-weight="bold" text-anchor="middle" fill="#8c1d1d">{n}</text>')
    body.append(f'<text x="{left + 5 * size / 2}" y="{top + 5 * size + 16}" font-size="11" '
                f'text-anchor="middle" fill="{SOFT}">impact 1 → 5</text>')
    body.append(f'<text x="0" y="{top + 5 * size / 2}" font-size="11" fill="{SOFT}">likelihood</text>')
    body.append(f'<text x="0" y="{top + 5 * size / 2 + 14}" font-size="11" fill="{SOFT}">1 ↑ 5</text>')
    body.append(f'<text x="{left}" y="{top + 5 * size + 34}" font-size="11" fill="{SOFT}">'
                f"red: residual score ≥ {appetite}</text>")
    return _svg(width, height, f"{len(risks)} red risks on the likelihood by impact matrix", body)


def execution_bars(lines: list[dict[str, Any]], currency: str, width: int = 720) -> SafeString:
    """Planned against spent, one row per line: the light bar is the year's budget, the dark
    bar what was spent, the tick what the calendar expects by now."""
    rows = lines[:30]
    label_w, row_h, top = 230, 26, 6
    bar_w = width - label_w - 150
    height = top + row_h * max(len(rows), 1) + 6
    largest = max([Decimal(r["planned"]) for r in rows] + [Decimal(r["spent"]) for r in rows]
                  + [Decimal(1)])
    body = []
    if not rows:
        body.append(f'<text x="0" y="{top + 14}" font-size="13" fill="{SOFT}">'
                    "Nothing planned or spent.</text>")
    for i, r in enumerate(rows):
        y = top + i * row_h
        planned, spent, expected = (Decimal(r[k]) for k in ("planned", "spent", "expected"))
        scale = float(bar_w) / float(largest)
        name = _clip(f"{r['key']} {r['label']}".strip() if r["key"] else r["label"], 32)
        body.append(f'<text x="0" y="{y + 16}" font-size="12" fill="{INK}">{escape(name)}</text>')
        body.append(f'<rect x="{label_w}" y="{y + 4}" width="{float(planned) * scale:.1f}" '
                    f'height="{row_h - 8}" rx="3" fill="{PLANNED}"/>')
        body.append(f'<rect x="{label_w}" y="{y + 8}" width="{max(float(spent) * scale, 1):.1f}" '
                    f'height="{row_h - 16}" rx="2" fill="{SPENT}"/>')
        if expected:
            ex = label_w + float(expected) * scale
            body.append(f'<line x1="{ex:.1f}" y1="{y + 2}" x2="{ex:.1f}" y2="{y + row_h - 2}" '
                        f'stroke="{INK}" stroke-width="1.5"/>')
        rate = "no budget" if r["rate"] is None else f"{r['rate'] * 100:.0f}% spent"
        body.append(f'<text x="{label_w + bar_w + 8}" y="{y + 16}" font-size="12" fill="{INK}">'
                    f"{escape(rate)}</text>")
    return _svg(width, height, f"Budget execution in {currency}: planned, spent and expected by now",
                body)
