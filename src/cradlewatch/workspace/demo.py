"""A demo workspace from ``make demo``'s outputs, ready for the Workbench.

``make demo`` writes the synthetic scenario's posts (``find/posts.jsonl``), Reunite's matches
(``reunite/matches.csv``, ``reunite/details.jsonl``) and Watch's alerts (``watch/alerts.csv``,
``watch/report/``). This loads them into ``DIR/workspace`` the way an analyst would (init,
ingest, analyze, imports), adds one user per role and opens a case on the largest ring, so the
Workbench has something real-looking to show. Everything is synthetic; the demo passwords are
printed because they protect nothing but synthetic data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cradlewatch.store import Store
from cradlewatch.store.repository import list_rings
from cradlewatch.workspace.analyze import analyze, default_workers
from cradlewatch.workspace.cases import add_item, create_case, list_cases
from cradlewatch.workspace.imports import import_reunite, import_watch
from cradlewatch.workspace.ingest import ingest
from cradlewatch.workspace.permissions import roles
from cradlewatch.workspace.users import add_user, get_user

WORKSPACE = "workspace"


def demo_password(role: str) -> str:
    """The demo user's password: synthetic data only, never for a real workspace."""
    return f"{role}-demo-password"


def build_demo_workspace(demo_dir: Path) -> dict[str, Any]:
    """Load the demo outputs under ``demo_dir`` into ``demo_dir/workspace``; returns a summary.

    Idempotent like its parts: running it twice adds nothing.
    """
    posts = demo_dir / "find" / "posts.jsonl"
    if not posts.exists():
        from cradlewatch.errors import UsageError

        raise UsageError(f"{posts}:0: no demo posts (run 'make demo' first)")
    directory = demo_dir / WORKSPACE
    store = Store.open(directory, create=True)
    ingested = ingest(store, [str(posts)], lambda reject: None)
    report = analyze(store, directory, workers=default_workers())
    matches = demo_dir / "reunite" / "matches.csv"
    alerts = demo_dir / "watch" / "alerts.csv"
    stored_matches = stored_alerts = 0
    if matches.exists():
        details = demo_dir / "reunite" / "details.jsonl"
        stored_matches = import_reunite(
            store, matches, details if details.exists() else None, lambda reject: None
        )
    if alerts.exists():
        stored_alerts = import_watch(
            store, alerts, demo_dir / "watch" / "report", lambda reject: None
        )
    with store.session() as session:
        for role in roles():
            if get_user(session, role) is None:
                add_user(session, role, role, demo_password(role), by="demo")
        analyst = get_user(session, "analyst")
        rings = list_rings(session, limit=1).items
        assert analyst is not None
        existing = list_cases(session)
        case_id = existing[-1].id if existing else None
        if rings and case_id is None:
            case = create_case(
                session,
                analyst,
                f"Demo: ring {rings[0].id}",
                assignee="analyst",
                notes="Synthetic demo case.",
            )
            add_item(session, analyst, case.id, "ring", rings[0].id, "largest ring")
            case_id = case.id
    store.close()
    return {
        "workspace": str(directory),
        "posts": ingested.new_posts,
        "scanned": report.scanned,
        "flagged": report.flagged,
        "rings": report.rings,
        "matches": stored_matches,
        "alerts": stored_alerts,
        "case": case_id,
        "users": {role: demo_password(role) for role in roles()},
    }
