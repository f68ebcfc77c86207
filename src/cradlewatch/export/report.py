"""The case report: HTML (Jinja2) and PDF (ReportLab), for prosecutors and courts.

It lists every post with its capture time, source and the SHA-256 of the captured record, the
text as captured with the evidence highlighted, the reasons and identifiers, and the whole
chain of decisions (who, when, what, why), plus the audit log's head hash at export time so
that the report can later be tied to the workspace's tamper-evident log.

The PDF uses ReportLab's built-in ``STSong-Light`` CID font, so Chinese text renders without
shipping or downloading font files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from jinja2 import Environment, FileSystemLoader, select_autoescape

from cradlewatch import __version__
from cradlewatch.export.selection import Selection
from cradlewatch.store.records import PostDetail, utc_now

TEMPLATE_DIR = Path(__file__).resolve().parent
MAX_CELL = 600  # characters of one PDF table cell; the HTML and CSV keep everything


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the post text: plain, or evidence of a reason or an identifier."""

    text: str
    kind: str  # "plain", "reason", "identifier"
    title: str = ""


def segments(post: PostDetail) -> list[Segment]:
    """The text cut at evidence spans (reasons win over identifiers; the whole-text model
    reason is left out because it would mark everything)."""
    marks: list[tuple[int, int, str, str]] = []
    for reason in post.reasons:
        if reason.field == "text" and not (reason.start == 0 and reason.end == len(post.text)):
            marks.append((reason.start, reason.end, "reason", reason.code))
    for ident in post.identifiers:
        if ident.field == "text":
            marks.append((ident.start, ident.end, "identifier", f"{ident.kind}:{ident.value}"))
    kind_at: list[tuple[str, str] | None] = [None] * len(post.text)
    for start, end, kind, title in sorted(marks, key=lambda m: m[2] == "reason"):
        for index in range(max(0, start), min(end, len(post.text))):
            kind_at[index] = (kind, title)
    out: list[Segment] = []
    start = 0
    for index in range(1, len(post.text) + 1):
        if index == len(post.text) or kind_at[index] != kind_at[start]:
            mark = kind_at[start]
            out.append(
                Segment(
                    post.text[start:index], mark[0] if mark else "plain", mark[1] if mark else ""
                )
            )
            start = index
    return out


def decision_chain(selection: Selection) -> list[dict[str, Any]]:
    """Decisions and case changes in time order, as rows of the report's last table."""
    rows = [
        {
            "time": d.time,
            "user": d.user,
            "about": f"{d.kind} {d.subject}",
            "action": d.action,
            "note": d.note,
        }
        for d in selection.decisions
    ]
    for event in selection.case_history:
        detail = event.get("detail") or {}
        what = ", ".join(f"{k}={v}" for k, v in sorted(detail.items()))
        rows.append(
            {
                "time": event["time"],
                "user": event["user"],
                "about": event["target"],
                "action": event["action"],
                "note": what,
            }
        )
    return sorted(rows, key=lambda r: r["time"])


def render_html(selection: Selection) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html"]))
    return env.get_template("report.html").render(
        s=selection,
        generated=utc_now(),
        version=__version__,
        posts=[{"post": p, "segments": segments(p)} for p in selection.posts],
        chain=decision_chain(selection),
    )


def write_html(selection: Selection, path: Path) -> None:
    path.write_text(render_html(selection), encoding="utf-8")


def write_pdf(selection: Selection, path: Path) -> None:
    """The same content as the HTML report, laid out by ReportLab's Platypus."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body", parent=base["BodyText"], fontName=font, fontSize=9, leading=12, wordWrap="CJK"
    )
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9)
    h1 = ParagraphStyle("h1", parent=base["Heading1"], fontName=font)
    h2 = ParagraphStyle("h2", parent=base["Heading2"], fontName=font)
    h3 = ParagraphStyle("h3", parent=base["Heading3"], fontName=font)

    def para(text: object, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), style)

    def table(rows: Sequence[Sequence[object]], widths: list[float]) -> Table:
        grid = Table(
            [[para(c, small) for c in row] for row in rows], colWidths=widths, repeatRows=1
        )
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return grid

    width = A4[0] - 30 * mm
    story: list[Any] = [
        para(selection.title, h1),
        para(
            f"Generated {utc_now()} by cradlewatch {__version__}. Audit log "
            f"head at export: {selection.audit_head}.",
            small,
        ),
    ]
    if selection.case is not None:
        case = selection.case
        story.append(
            para(
                f"Case {case.id}, status {case.status}, assignee "
                f"{case.assignee or '—'}, opened {case.created_at} by "
                f"{case.created_by}. {case.notes}"
            )
        )
    story += [
        para("Summary", h2),
        para(
            f"{len(selection.posts)} posts, {len(selection.rings)} "
            f"rings, {len(selection.decisions)} decisions."
        ),
    ]
    if selection.rings:
        # One row per reason: a table row cannot break across pages, a ring's reasons can
        # fill several.
        rows: list[list[object]] = [["Ring", "Posts", "Risk", "Seen", "Why joined"]]
        for r in selection.rings:
            reasons = r.profile.get("reasons", []) or [{"code": "", "evidence": ""}]
            for number, x in enumerate(reasons):
                facts = [
                    r.summary.id,
                    r.summary.size,
                    r.summary.risk,
                    f"{r.summary.first_seen or ''} – {r.summary.last_seen or ''}",
                ]
                why = f"{x.get('code')}: {x.get('evidence')} ({', '.join(x.get('posts', []))})"
                rows.append([*(facts if number == 0 else ["", "", "", ""]), why[:MAX_CELL]])
        story.append(
            table(rows, [0.1 * width, 0.08 * width, 0.08 * width, 0.24 * width, 0.5 * width])
        )
    story.append(para("Posts", h2))
    for post in selection.posts:
        s = post.summary
        story.append(
            para(
                f"Post {s.id} — {s.verdict or 'not scanned'} (risk {s.risk})"
                f"{', analyst: ' + s.decision if s.decision else ''}",
                h3,
            )
        )
        story.append(
            para(
                f"{s.platform or ''} {s.site or ''} · account {s.account or '—'} · "
                f"posted {s.posted_at or '—'} · ring {s.ring_id or '—'} · "
                f"{post.url or ''}",
                small,
            )
        )
        story.append(
            table(
                [["Captured", "Source", "SHA-256 of the captured record"]]
                + [
                    [
                        c.captured_at or "unknown",
                        f"{c.source}{':' + str(c.line) if c.line is not None else ''}"
                        f"{'@' + str(c.offset) if c.offset is not None else ''}",
                        c.sha256,
                    ]
                    for c in post.captures
                ],
                [0.22 * width, 0.33 * width, 0.45 * width],
            )
        )
        marked = "".join(
            escape(seg.text)
            if seg.kind == "plain"
            else f'<font backColor="{"#ffe08a" if seg.kind == "reason" else "#bde0ff"}">'
            f"{escape(seg.text)}</font>"
            for seg in segments(post)
        ).replace("\n", "<br/>")
        if post.title:
            story.append(para(post.title))
        story.append(Paragraph(marked, body))
        if post.reasons:
            story.append(
                table(
                    [["Reason", "Weight", "Evidence", "Where"]]
                    + [
                        [r.code, r.weight, r.evidence[:MAX_CELL], f"{r.field}[{r.start}:{r.end}]"]
                        for r in post.reasons
                    ],
                    [0.25 * width, 0.1 * width, 0.5 * width, 0.15 * width],
                )
            )
        if post.identifiers:
            story.append(
                table(
                    [["Identifier", "As written", "Posts sharing it"]]
                    + [[f"{i.kind}:{i.value}", i.raw, i.shared_by] for i in post.identifiers],
                    [0.4 * width, 0.4 * width, 0.2 * width],
                )
            )
        story.append(Spacer(1, 4 * mm))
    story.append(para("Chain of decisions", h2))
    chain = decision_chain(selection)
    if chain:
        story.append(
            table(
                [["Time", "User", "About", "Decision", "Note"]]
                + [
                    [r["time"], r["user"], r["about"], r["action"], str(r["note"])[:MAX_CELL]]
                    for r in chain
                ],
                [0.22 * width, 0.12 * width, 0.26 * width, 0.14 * width, 0.26 * width],
            )
        )
    else:
        story.append(para("No decisions recorded."))
    SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        title=selection.title,
        author="cradlewatch",
    ).build(story)
