"""The review pack: a review as a PDF (WeasyPrint) and as an XLSX workbook (openpyxl).

Both are drawn from the review's snapshot and its notes, decisions and follow-up actions.
The PDF is rendered from HTML with the charts inline as SVG; WeasyPrint is given a URL
fetcher that refuses everything but inline ``data:`` URLs, so making a pack never reaches
the network or the file system.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from goldenthread.core import clock
from goldenthread.reviews import charts
from goldenthread.reviews.models import Review
from goldenthread.reviews.selectors import ReviewPage, review_page


class FetchRefused(ValueError):
    """A pack asked for a resource outside itself."""


def local_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves inline ``data:`` URLs and refuses any other
    address (no network, no file), stopping the rendering if one is asked for."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LocalOnly(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=True)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("data:"):
                raise FetchRefused(f"the review pack does not fetch {url}")
            return super().fetch(url, headers)

    assert issubclass(FetchRefused, Exception) and FatalURLFetchingError
    return LocalOnly()


def pack_context(review: Review, page: ReviewPage | None = None) -> dict[str, Any]:
    """What the pack (and the review's page) draws: the snapshot, its charts, and the
    review's notes, decisions and actions."""
    page = page or review_page(review)
    snap = review.snapshot
    execution = snap.get("execution") or {}
    today = clock.today()
    for action in page.actions:
        action.overdue = action.is_overdue(today)  # type: ignore[attr-defined]
    return {
        "review": review,
        "snap": snap,
        "page": page,
        "today": today,
        "overdue_actions": sum(1 for a in page.actions if a.is_overdue(today)),
        "own_results": [r for r in snap.get("results", []) if r.get("own")],
        "thread_results": [r for r in snap.get("results", []) if not r.get("own")],
        "chart_scores": charts.score_bars(snap.get("results", [])),
        "chart_status": charts.status_strip(snap.get("status_counts", {})),
        "chart_risks": charts.risk_matrix(snap.get("risks", []), snap["risk_appetite"]),
        "chart_execution": charts.execution_bars(
            execution.get("by_output", []), execution.get("currency", "")
        ),
        "chart_execution_units": charts.execution_bars(
            execution.get("by_unit", []), execution.get("currency", "")
        ),
    }


def pack_html(review: Review) -> str:
    return render_to_string("reviews/pack.html", pack_context(review))


def pack_document(review: Review) -> Any:
    """The laid-out PDF document (``weasyprint.Document``): its pages can be read back."""
    import weasyprint

    return weasyprint.HTML(string=pack_html(review), url_fetcher=local_only_fetcher()).render()


def pack_pdf(review: Review) -> bytes:
    data: bytes = pack_document(review).write_pdf()
    return data


# ------------------------------------------------------------------ the workbook


def _number(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return float(Decimal(value))
    return value


#: The number formats of the XLSX pack.
PERCENT, MONEY, SCORE, WHOLE = "0.0%", "#,##0.00", "0.0", "0"
DATE, DATETIME = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class Cell:
    """A value with the number format it is shown in (for a column of mixed kinds)."""

    value: Any
    format: str


def _when(value: Any) -> dt.datetime | None:
    """An ISO time (as a snapshot stores it) as a local time without a zone, which is what
    a spreadsheet holds."""
    if not value:
        return None
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(tzinfo=None, microsecond=0)


def _day(value: Any) -> dt.date | None:
    if not value:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def pack_xlsx(review: Review) -> bytes:
    """The workbook: summary, scores, risks, escalated, budget, overdue, decisions, actions.
    Every sheet has a bold, frozen header row, columns sized to what they hold, and number
    formats: rates as percentages (0.0%), money with two decimals and separators, scores
    with one decimal, days and times as spreadsheet dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    page = review_page(review)
    snap = review.snapshot
    book = Workbook()
    bold = Font(bold=True)

    def sheet(title: str, header: list[str], rows: list[list[Any]],
              formats: dict[str, str] | None = None, first: bool = False) -> None:
        ws = book.active if first else book.create_sheet()
        assert ws is not None
        ws.title = title
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        by_column = [(formats or {}).get(name) for name in header]
        widths = [len(name) for name in header]
        for row in rows:
            values = [v.value if isinstance(v, Cell) else v for v in row]
            ws.append(values)
            for index, (cell, given) in enumerate(zip(ws[ws.max_row], row, strict=False)):
                shape = given.format if isinstance(given, Cell) else (
                    by_column[index] if index < len(by_column) else None
                )
                if shape and cell.value is not None and not isinstance(cell.value, str):
                    cell.number_format = shape
                shown = 16 if isinstance(cell.value, dt.datetime | dt.date) else len(
                    f"{cell.value:,.2f}" if isinstance(cell.value, float) else str(cell.value or "")
                )
                if index < len(widths):
                    widths[index] = max(widths[index], shown)
                else:
                    widths.append(shown)
        for index, width in enumerate(widths, start=1):
            letter = ws.cell(row=1, column=index).column_letter
            ws.column_dimensions[letter].width = min(max(width + 2, 8), 60)
        ws.freeze_panes = "A2"

    execution = snap.get("execution") or {}
    total = execution.get("total") or {}
    counts = snap.get("status_counts", {})
    sheet("summary", ["item", "value"], [
        ["review", review.title or str(review)],
        ["unit", f"{snap['unit']['code']} {snap['unit']['name']}"],
        ["period", snap["period"]],
        ["cycle", snap["cycle"]["code"]],
        ["snapshot taken", Cell(_when(snap["taken_at"]), DATETIME)],
        ["snapshot version", Cell(snap["version"], WHOLE)],
        ["results on track", Cell(counts.get("on_track", 0), WHOLE)],
        ["results at risk", Cell(counts.get("at_risk", 0), WHOLE)],
        ["results off track", Cell(counts.get("off_track", 0), WHOLE)],
        ["results with no data", Cell(counts.get("no_data", 0), WHOLE)],
        ["red risks", Cell(len(snap.get("risks", [])), WHOLE)],
        [f"planned {execution.get('year', '')} ({snap['cycle']['currency']})",
         Cell(_number(total.get("planned")), MONEY)],
        ["spent to date", Cell(_number(total.get("spent")), MONEY)],
        ["execution rate", Cell(total.get("rate"), PERCENT)],
        ["projected at year end", Cell(_number(total.get("projected")), MONEY)],
        ["overdue reports",
         "not available" if snap.get("overdue") is None else Cell(len(snap["overdue"]), WHOLE)],
        ["decisions", Cell(len(page.decisions), WHOLE)],
        ["follow-up actions", Cell(len(page.actions), WHOLE)],
    ], first=True)
    sheet("scores", ["code", "title", "level", "unit", "own or thread", "score", "status", "coverage",
                     "forecast", "likely to miss", "priority"], [
        [r["code"], r["title"], r["level"], r["unit"], "own" if r["own"] else "thread", r["score"],
         r["status"].replace("_", " "), r["coverage"], r["forecast"], "yes" if r["likely_to_miss"] else "",
         r["priority"]]
        for r in snap.get("results", [])
    ], {"score": SCORE, "coverage": PERCENT, "forecast": SCORE})
    sheet("risks", ["code", "title", "unit", "category", "result", "owner", "likelihood", "impact",
                    "score", "treatment", "escalated from"], [
        [r["code"], r["title"], r["unit"], r["category"], r["result"], r["owner"], r["likelihood"],
         r["impact"], r["score"], r["treatment"], (r.get("escalation") or {}).get("from", "")]
        for r in snap.get("risks", [])
    ], {"likelihood": WHOLE, "impact": WHOLE, "score": WHOLE})
    sheet("escalated", ["code", "title", "score", "from", "to", "escalated at", "escalated by",
                        "by a review's decision", "why"], [
        [r["code"], r["title"], r["score"], r["escalation"]["from"], r["escalation"]["to"],
         _when(r["escalation"]["at"]), r["escalation"]["by"],
         "yes" if r["escalation"]["review"] else "", r["escalation"]["reason"]]
        for r in snap.get("escalated", [])
    ], {"score": WHOLE, "escalated at": DATETIME})
    budget_rows = []
    for kind, lines in (("output", execution.get("by_output", [])), ("unit", execution.get("by_unit", [])),
                        ("category", execution.get("by_category", [])), ("total", [total] if total else [])):
        for x in lines:
            budget_rows.append([kind, x["key"], x["label"], _number(x["planned"]), _number(x["spent"]),
                                _number(x["expected"]), x["rate"], _number(x["burn_rate"]),
                                _number(x["projected"])])
    sheet("budget", ["by", "code", "name", "planned", "spent", "expected by now", "execution rate",
                     "burn rate per quarter", "projected at year end"], budget_rows,
          {"planned": MONEY, "spent": MONEY, "expected by now": MONEY, "execution rate": PERCENT,
           "burn rate per quarter": MONEY, "projected at year end": MONEY})
    sheet("overdue", ["indicator", "name", "result", "person", "period", "due", "days overdue", "status"], [
        [o["indicator"], o["name"], o["result"], o["person"], o["period"], _day(o["due"]),
         o["days_overdue"], o["status"]]
        for o in snap.get("overdue") or []
    ], {"due": DATE, "days overdue": WHOLE})
    sheet("decisions", ["number", "kind", "parameters", "rationale", "status", "proposed by", "applied by",
                        "applied at", "what it changed"], [
        [d.pk, d.get_kind_display(), ", ".join(f"{k}={v}" for k, v in d.params.items() if v != ""),
         d.rationale, d.get_status_display(), d.proposed_by_label, d.applied_by_label,
         _when(d.applied_at), d.outcome]
        for d in page.decisions
    ], {"number": WHOLE, "applied at": DATETIME})
    today = clock.today()
    sheet("actions", ["action", "owner", "due", "status", "overdue"], [
        [a.description, a.owner.name, a.due, a.get_status_display(), "yes" if a.is_overdue(today) else ""]
        for a in page.actions
    ], {"due": DATE})
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
