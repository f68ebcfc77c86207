"""Printing Find's evaluation figures (``cradlewatch evaluate scan``, ``make demo``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from cradlewatch.find.evaluation import ScanReport

TARGETS = {
    "flag recall": (">=", 0.95),
    "trafficking precision": (">=", 0.90),
    "hard-negative false flags": ("<=", 0.10),
    "identifier F1": (">=", 0.95),
    "price recall": (">=", 0.90),
}


def headline(report: ScanReport) -> dict[str, float]:
    return {
        "flag recall": report.flag_recall,
        "trafficking precision": report.trafficking_precision,
        "hard-negative false flags": report.hard_negative_false_flag_rate,
        "identifier F1": report.identifier_f1,
        "price recall": report.price_recall,
    }


def print_scan_report(report: ScanReport, show: int = 5, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=f"Find on {report.name} ({report.posts} posts)")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("target")
    for name, value in headline(report).items():
        op, target = TARGETS[name]
        ok = value >= target if op == ">=" else value <= target
        table.add_row(
            name, f"{value:.3f}", f"{op} {target} " + ("[green]ok[/]" if ok else "[red]missed[/]")
        )
    console.print(table)
    detail = Table(title="false flags per hard-negative category / identifier F1 per kind")
    for column in ("hard negative", "flagged / posts", "identifier kind", "P / R / F1 (expected)"):
        detail.add_column(column)
    negatives = sorted(report.hard_negatives.items())
    kinds = [(k, s) for k, s in report.identifiers.items() if s.expected or s.predicted]
    for i in range(max(len(negatives), len(kinds))):
        neg = negatives[i] if i < len(negatives) else None
        kind = kinds[i] if i < len(kinds) else None
        detail.add_row(
            neg[0] if neg else "",
            f"{neg[1][0]} / {neg[1][1]}" if neg else "",
            kind[0] if kind else "",
            f"{kind[1].precision:.3f} / {kind[1].recall:.3f} / {kind[1].f1:.3f} ({kind[1].expected})"
            if kind
            else "",
        )
    console.print(detail)
    if show and (report.misses or report.false_flags):
        console.print(f"missed (first {show}): {', '.join(report.misses[:show]) or '-'}")
        console.print(
            f"falsely flagged (first {show}): {', '.join(report.false_flags[:show]) or '-'}"
        )
