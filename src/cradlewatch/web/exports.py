"""Downloads of a case from its page: the case report (HTML or PDF) and FtM JSON Lines.

The same exports as ``cradlewatch export report|ftm --case ID`` (one :func:`gather`, so the
download and the command line carry the same evidence), and audited the same way: evidence
leaving the workspace is an ``export`` event naming who took what, with the audit head at
that moment.
"""

from __future__ import annotations

import tempfile
from io import BytesIO
from pathlib import Path
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response

from cradlewatch.errors import UsageError
from cradlewatch.export.selection import Selection, gather
from cradlewatch.web.context import Export
from cradlewatch.web.errors import not_found
from cradlewatch.web.params import CaseId
from cradlewatch.workspace import audit

router = APIRouter()

ExportFormat = Literal["html", "pdf", "ftm"]
MEDIA = {
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
    "ftm": ("application/x-ndjson", "ftm.jsonl"),
}


def _pdf(selection: Selection) -> bytes:
    """ReportLab writes to a path: lay the PDF out in a private temporary directory."""
    from cradlewatch.export.report import write_pdf

    with tempfile.TemporaryDirectory(prefix="cradlewatch-report-") as tmp:
        path = Path(tmp) / "report.pdf"
        write_pdf(selection, path)
        return path.read_bytes()


@router.get("/cases/{case_id}/export", summary="Download a case: report (HTML, PDF) or FtM")
def export_case(case_id: CaseId, ctx: Export, format: ExportFormat = "html") -> Response:
    try:
        selection = gather(ctx.db, case_id=case_id)
    except UsageError as error:
        raise not_found(f"no case {case_id}") from error
    if format == "ftm":
        from cradlewatch.export.ftm import write_ftm

        sink = BytesIO()
        items = write_ftm(selection, sink)
        body = sink.getvalue()
    elif format == "pdf":
        body, items = _pdf(selection), 1
    else:
        from cradlewatch.export.report import render_html

        body, items = render_html(selection).encode(), 1
    media, suffix = MEDIA[format]
    audit.append(
        ctx.db,
        ctx.user.name,
        "export",
        f"case:{case_id}",
        {
            "format": "report" if format != "ftm" else "ftm",
            "out": f"download:{suffix}",
            "items": items,
            "posts": len(selection.posts),
            "head": selection.audit_head,
        },
    )
    filename = f"case-{case_id}.{suffix}"
    return Response(
        body,
        media_type=media,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )
