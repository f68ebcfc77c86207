"""``cradlewatch scan --explain``: why one post got its verdict, term by term."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cradlewatch.model import Reason

if TYPE_CHECKING:
    from cradlewatch.find.scanner import Analysis, Scanner

VERDICT_STYLE = {"trafficking": "bold red", "suspicious": "bold yellow", "benign": "green"}


def highlighted(text: str, reasons: list[Reason], field: str = "text") -> Text:
    """The captured text with each reason's evidence span highlighted (red: for, blue: against)."""
    rich_text = Text(text)
    for reason in reasons:
        if reason.field == field and reason.end - reason.start < len(text) or len(text) < 2:
            style = "bold red underline" if reason.weight > 0 else "bold blue"
            rich_text.stylize(style, reason.start, reason.end)
    return rich_text


def render_explanation(
    analysis: Analysis, scanner: Scanner, console: Console | None = None
) -> None:
    console = console or Console()
    post, score, book = analysis.post, analysis.score, scanner.rules
    console.print(
        f"[bold]post {post.id}[/] — verdict [{VERDICT_STYLE[score.verdict]}]{score.verdict}[/]"
        f", risk {score.risk:.4f}  ({scanner.version})"
    )
    if post.title:
        console.print(Text("title: ") + highlighted(post.title, score.reasons, "title"))
    console.print(highlighted(post.text, score.reasons, "text"))

    table = Table(title="score = base + reasons (log-odds)", show_lines=False)
    for column in ("term", "weight", "field", "span", "evidence", "meaning"):
        table.add_column(column)
    table.add_row("base", f"{book.base:+.3f}", "", "", "", "a post with no indicator")
    for r in score.reasons:
        meaning = (
            book.rules[r.code].description
            if r.code in book.rules
            else book.contexts[r.code.removesuffix("_context")].description
        )
        if r.code in book.rules and book.rules[r.code].conclusive:
            meaning += " [conclusive]"
        evidence = r.evidence if len(r.evidence) <= 40 else r.evidence[:37] + "…"
        table.add_row(r.code, f"{r.weight:+.3f}", r.field, f"{r.start}:{r.end}", evidence, meaning)
    table.add_row(
        "total",
        f"{score.logit:+.3f}",
        "",
        "",
        "",
        f"trafficking ≥ {book.trafficking_at:+.2f} with a conclusive reason; "
        f"suspicious ≥ {book.suspicious_at:+.2f}",
    )
    console.print(table)

    if analysis.model_logit is not None and scanner.model is not None:
        from cradlewatch.find.scanner import _model_input

        grams = scanner.model.top_ngrams(_model_input(analysis.signals))
        console.print(
            f"text model log-odds {analysis.model_logit:+.3f}; strongest n-grams: "
            + ", ".join(f"{g!r} {w:+.2f}" for g, w in grams)
        )
    matched = Table(title="lexicon matches")
    for column in ("category", "term", "strength", "field", "as written"):
        matched.add_column(column)
    for category, matches in sorted(analysis.signals.by_category.items()):
        for m in matches:
            span = analysis.signals.span(m)
            term = m.term.term + (
                f" (homophone of {m.term.variant_of})" if m.term.variant_of else ""
            )
            matched.add_row(
                category, term, m.term.strength, m.field, analysis.signals.evidence(span)
            )
    console.print(matched)
    finding = analysis.finding
    for label, items in (
        ("identifiers", finding.identifiers),
        ("prices", finding.prices),
        ("places", finding.places),
        ("children", finding.children),
    ):
        if items:
            console.print(f"[bold]{label}[/]: " + "; ".join(_describe(i) for i in items))


def _describe(item: object) -> str:
    fields = [f for f in getattr(item, "__slots__", ()) if f not in ("field", "start", "end")]
    return ", ".join(f"{f}={getattr(item, f)!r}" for f in fields if getattr(item, f) is not None)
