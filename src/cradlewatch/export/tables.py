"""CSV tables for spreadsheets and case-management systems.

One table per file (``--table``): ``posts`` (one row per post with provenance, verdict,
reasons and identifiers), ``identifiers`` (one row per post and identifier), ``rings`` and
``decisions``. Lists inside a cell are joined with `` | `` so that a spreadsheet filter on a
code still works.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from cradlewatch.export.selection import Selection

TABLES = ("posts", "identifiers", "rings", "decisions")
JOIN = " | "


def _rows(selection: Selection, table: str) -> tuple[list[str], list[list[Any]]]:
    if table == "posts":
        header = [
            "id",
            "verdict",
            "risk",
            "decision",
            "ring",
            "platform",
            "site",
            "account",
            "posted_at",
            "captured_at",
            "source",
            "line",
            "offset",
            "sha256",
            "url",
            "reasons",
            "identifiers",
            "title",
            "text",
        ]
        rows = [
            [
                p.summary.id,
                p.summary.verdict,
                p.summary.risk,
                p.summary.decision,
                p.summary.ring_id,
                p.summary.platform,
                p.summary.site,
                p.summary.account,
                p.summary.posted_at,
                p.summary.captured_at,
                p.source,
                p.line,
                p.offset,
                p.sha256,
                p.url,
                JOIN.join(f"{r.code}: {r.evidence}" for r in p.reasons),
                JOIN.join(f"{i.kind}:{i.value}" for i in p.identifiers),
                p.title,
                p.text,
            ]
            for p in selection.posts
        ]
    elif table == "identifiers":
        header = ["post_id", "kind", "value", "raw", "field", "start", "end", "shared_by"]
        rows = [
            [p.summary.id, i.kind, i.value, i.raw, i.field, i.start, i.end, i.shared_by]
            for p in selection.posts
            for i in p.identifiers
        ]
    elif table == "rings":
        header = [
            "ring",
            "size",
            "risk",
            "first_seen",
            "last_seen",
            "posts",
            "accounts",
            "identifiers",
            "reasons",
        ]
        rows = [
            [
                r.summary.id,
                r.summary.size,
                r.summary.risk,
                r.summary.first_seen,
                r.summary.last_seen,
                JOIN.join(m.id for m in r.members),
                JOIN.join(r.profile.get("accounts", [])),
                JOIN.join(f"{i['kind']}:{i['value']}" for i in r.profile.get("identifiers", [])),
                JOIN.join(
                    f"{x.get('code')}: {x.get('evidence')}" for x in r.profile.get("reasons", [])
                ),
            ]
            for r in selection.rings
        ]
    else:
        header = ["seq", "kind", "subject", "action", "user", "time", "note"]
        rows = [
            [d.seq, d.kind, d.subject, d.action, d.user, d.time, d.note]
            for d in selection.decisions
        ]
    return header, rows


def write_csv(selection: Selection, table: str, sink: IO[str]) -> int:
    """Write one table; returns the number of data rows."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    header, rows = _rows(selection, table)
    writer = csv.writer(sink, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return len(rows)
