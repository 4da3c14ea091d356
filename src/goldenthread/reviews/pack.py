"""The review pack: a review as a PDF (WeasyPrint) and as an XLSX workbook (openpyxl).

Both are drawn from the review's snapshot and its notes, decisions and follow-up actions.
The PDF is rendered from HTML with the charts inline as SVG; WeasyPrint is given a URL
fetcher that refuses everything but inline ``data:`` URLs, so making a pack never reaches
the network or the file system.
"""

from __future__ import annotations

import io
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


def pack_xlsx(review: Review) -> bytes:
    """The workbook: summary, scores, risks, escalated, budget, overdue, decisions, actions."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    page = review_page(review)
    snap = review.snapshot
    book = Workbook()
    bold = Font(bold=True)

    def sheet(title: str, header: list[str], rows: list[list[Any]], first: bool = False) -> None:
        ws = book.active if first else book.create_sheet()
        assert ws is not None
        ws.title = title
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append(row)
        for column, name in zip(ws.columns, header, strict=False):
            width = max([len(str(name)), *[len(str(c.value or "")) for c in column][:200]])
            ws.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
        ws.freeze_panes = "A2"

    execution = snap.get("execution") or {}
    total = execution.get("total") or {}
    counts = snap.get("status_counts", {})
    sheet("summary", ["item", "value"], [
        ["review", review.title or str(review)],
        ["unit", f"{snap['unit']['code']} {snap['unit']['name']}"],
        ["period", snap["period"]],
        ["cycle", snap["cycle"]["code"]],
        ["snapshot taken", snap["taken_at"]],
        ["snapshot version", snap["version"]],
        ["results on track", counts.get("on_track", 0)],
        ["results at risk", counts.get("at_risk", 0)],
        ["results off track", counts.get("off_track", 0)],
        ["results with no data", counts.get("no_data", 0)],
        ["red risks", len(snap.get("risks", []))],
        [f"planned {execution.get('year', '')} ({snap['cycle']['currency']})", _number(total.get("planned"))],
        ["spent to date", _number(total.get("spent"))],
        ["execution rate", total.get("rate")],
        ["projected at year end", _number(total.get("projected"))],
        ["overdue reports", "not available" if snap.get("overdue") is None else len(snap["overdue"])],
        ["decisions", len(page.decisions)],
        ["follow-up actions", len(page.actions)],
    ], first=True)
    sheet("scores", ["code", "title", "level", "unit", "own or thread", "score", "status", "coverage",
                     "forecast", "likely to miss", "priority"], [
        [r["code"], r["title"], r["level"], r["unit"], "own" if r["own"] else "thread", r["score"],
         r["status"].replace("_", " "), r["coverage"], r["forecast"], "yes" if r["likely_to_miss"] else "",
         r["priority"]]
        for r in snap.get("results", [])
    ])
    sheet("risks", ["code", "title", "unit", "category", "result", "owner", "likelihood", "impact",
                    "score", "treatment", "escalated from"], [
        [r["code"], r["title"], r["unit"], r["category"], r["result"], r["owner"], r["likelihood"],
         r["impact"], r["score"], r["treatment"], (r.get("escalation") or {}).get("from", "")]
        for r in snap.get("risks", [])
    ])
    sheet("escalated", ["code", "title", "score", "from", "to", "escalated at", "escalated by",
                        "by a review's decision", "why"], [
        [r["code"], r["title"], r["score"], r["escalation"]["from"], r["escalation"]["to"],
         r["escalation"]["at"][:16].replace("T", " "), r["escalation"]["by"],
         "yes" if r["escalation"]["review"] else "", r["escalation"]["reason"]]
        for r in snap.get("escalated", [])
    ])
    budget_rows = []
    for kind, lines in (("output", execution.get("by_output", [])), ("unit", execution.get("by_unit", [])),
                        ("category", execution.get("by_category", [])), ("total", [total] if total else [])):
        for x in lines:
            budget_rows.append([kind, x["key"], x["label"], _number(x["planned"]), _number(x["spent"]),
                                _number(x["expected"]), x["rate"], _number(x["burn_rate"]),
                                _number(x["projected"])])
    sheet("budget", ["by", "code", "name", "planned", "spent", "expected by now", "execution rate",
                     "burn rate per quarter", "projected at year end"], budget_rows)
    sheet("overdue", ["indicator", "name", "result", "person", "period", "due", "days overdue", "status"], [
        [o["indicator"], o["name"], o["result"], o["person"], o["period"], o["due"], o["days_overdue"],
         o["status"]]
        for o in snap.get("overdue") or []
    ])
    sheet("decisions", ["number", "kind", "parameters", "rationale", "status", "proposed by", "applied by",
                        "applied at", "what it changed"], [
        [d.pk, d.get_kind_display(), ", ".join(f"{k}={v}" for k, v in d.params.items() if v != ""),
         d.rationale, d.get_status_display(), d.proposed_by_label, d.applied_by_label,
         timezone.localtime(d.applied_at).strftime("%Y-%m-%d %H:%M") if d.applied_at else "", d.outcome]
        for d in page.decisions
    ])
    today = clock.today()
    sheet("actions", ["action", "owner", "due", "status", "overdue"], [
        [a.description, a.owner.name, a.due, a.get_status_display(), "yes" if a.is_overdue(today) else ""]
        for a in page.actions
    ])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
