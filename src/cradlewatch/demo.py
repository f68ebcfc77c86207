"""``make demo``: build the synthetic scenario, run every capability on it, say where to look.

Everything here is synthetic (CONTRACTS, DESIGN "Safety"): the posts, families, DNA profiles
and births come from the scenario generators with fixed seeds, so the demo prints the same
figures on every machine.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

DEMO_SEED = 20140228  # the day the 2014 operation was announced
DEMO_POSTS = 6000


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("wb") as handle:
        for record in records:
            handle.write(orjson.dumps(record) + b"\n")


def run_find(workdir: Path, console: Console) -> dict[str, Any]:
    """Generate the demo corpus (held-out phrasings), scan it, print a summary."""
    from cradlewatch.find.evaluation import score_scan
    from cradlewatch.find.explain import VERDICT_STYLE, highlighted
    from cradlewatch.find.report import headline, print_scan_report
    from cradlewatch.find.scanner import Scanner
    from cradlewatch.io import JsonlWriter, read_posts
    from cradlewatch.scenario.posts import generate_posts

    find_dir = workdir / "find"
    find_dir.mkdir(parents=True, exist_ok=True)
    posts_path, truth_path = find_dir / "posts.jsonl", find_dir / "truth.jsonl"
    generated = list(generate_posts(DEMO_SEED, DEMO_POSTS, "heldout"))
    _write_jsonl(posts_path, [p for p, _ in generated])
    _write_jsonl(truth_path, [t for _, t in generated])
    truth = {t["id"]: t for _, t in generated}

    started = time.perf_counter()
    rejects: list[Any] = []
    scanner = Scanner()
    findings = []
    with JsonlWriter(str(find_dir / "findings.jsonl")) as writer:
        for post, finding in scanner.scan_many(read_posts([str(posts_path)], rejects.append)):
            writer.write(finding)
            findings.append((post, finding))
    elapsed = time.perf_counter() - started

    verdicts = Counter(f.verdict for _, f in findings)
    reasons = Counter(
        r.code for _, f in findings if f.verdict != "benign" for r in f.reasons if r.weight > 0
    )
    console.rule("[bold]Find[/] — scan crawled posts")
    console.print(
        f"{len(findings)} posts scanned in {elapsed:.1f} s ({len(findings) / elapsed:,.0f} posts/s); "
        + ", ".join(
            f"[{VERDICT_STYLE[v]}]{v}[/] {verdicts[v]}"
            for v in ("trafficking", "suspicious", "benign")
        )
    )
    top = Table(title="top reasons among flagged posts")
    top.add_column("reason")
    top.add_column("posts", justify="right")
    for code, count in reasons.most_common(8):
        top.add_row(code, str(count))
    console.print(top)
    shown = [pf for pf in findings if pf[1].verdict == "trafficking"][:3]
    shown += [pf for pf in findings if pf[1].verdict == "suspicious"][:1]
    for post, finding in shown:
        body = Text()
        if post.title:
            body += highlighted(post.title, finding.reasons, "title") + Text("\n")
        body += highlighted(post.text, finding.reasons, "text")
        facts = [f"{i.kind} {i.value}" for i in finding.identifiers]
        facts += [f"{p.amount:,.0f} {p.currency}" for p in finding.prices]
        body += Text(
            "\n" + " · ".join(r.code for r in finding.reasons if r.weight > 0), style="dim"
        )
        if facts:
            body += Text("\n" + " · ".join(facts), style="cyan")
        console.print(
            Panel(body, title=f"{post.id} {finding.verdict} {finding.risk:.2f}", expand=False)
        )
    report = score_scan(
        "the demo corpus (held-out phrasings)", ((f, truth[p.id]) for p, f in findings)
    )
    print_scan_report(report, show=0, console=console)
    return {"posts_path": posts_path, "truth_path": truth_path, **headline(report)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default="demo-workspace", help="where the demo writes its files")
    args = parser.parse_args(argv)
    workdir = Path(args.dir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    console = Console()
    console.print(
        Panel(
            "cradlewatch demo — a synthetic world modelled on the 2014 case "
            "(382 babies rescued, 1,094 arrests, 27 provinces). Synthetic data only.",
            expand=False,
        )
    )
    found = run_find(workdir, console)

    from cradlewatch.link.demo import run_demo as run_link
    from cradlewatch.reunite.demo import run_demo as run_reunite
    from cradlewatch.watch.demo import run_demo as run_watch

    console.rule("[bold]Link[/] — the rings behind the posts")
    run_link(workdir, console, found["posts_path"], found["truth_path"])
    console.rule("[bold]Reunite[/] — rescued children and the families who lost them")
    run_reunite(workdir, console)
    console.rule("[bold]Watch[/] — clinicians' birth records")
    run_watch(workdir, console)

    console.rule("[bold]Workspace[/] — the same results in a store analysts can work in")
    from cradlewatch.workspace.demo import build_demo_workspace

    workspace = build_demo_workspace(workdir)
    console.print(
        f"{workspace['posts']} posts ingested (with provenance), {workspace['flagged']} flagged, "
        f"{workspace['rings']} rings, {workspace['matches']} reunification matches and "
        f"{workspace['alerts']} clinician alerts stored in {workspace['workspace']}; "
        f"a case opened on the largest ring; one demo user per role "
        f"({', '.join(sorted(workspace['users']))}; password '<role>-demo-password')."
    )

    console.rule("[bold]Where to look[/]")
    console.print(
        f"All demo files are under {workdir}:\n"
        f"  find/findings.jsonl   the scan of find/posts.jsonl (try: .venv/bin/cradlewatch scan "
        f"--explain <post id> {found['posts_path']})\n"
        f"  link/                 rings and their reasons\n"
        f"  reunite/              candidate families per rescued child\n"
        f"  watch/                alerts, CUSUM charts and funnel plots\n"
        f"  workspace/            the store (SQLite): export it with .venv/bin/cradlewatch export "
        f"report --workspace {workspace['workspace']} --out case.html (see -h)\n"
        f"Workbench: .venv/bin/cradlewatch serve {workspace['workspace']} and open "
        "http://127.0.0.1:8000 (user 'analyst', password 'analyst-demo-password'; every role has "
        "a demo user)\n"
        "Docs: docs/ (methods with formulas and sources). Tests: make test."
    )


if __name__ == "__main__":
    main()
