"""Readers and writers for posts: JSON Lines, CSV, HTML and WARC in; JSON Lines out.

Every reader streams, reports bad records as :class:`~cradlewatch.model.Reject` (file, line,
reason) and goes on, and stamps each post with its :class:`~cradlewatch.model.Provenance`.
See ``docs/formats.md``.
"""

from cradlewatch.io.posts import dedupe_ids, file_format, read_posts, total_input_bytes
from cradlewatch.io.progress import progress_bar
from cradlewatch.io.records import post_to_record
from cradlewatch.io.writers import (
    JsonlWriter,
    RejectWriter,
    open_output,
    open_text_output,
    to_jsonable,
)

__all__ = [
    "JsonlWriter",
    "RejectWriter",
    "dedupe_ids",
    "file_format",
    "open_output",
    "open_text_output",
    "post_to_record",
    "progress_bar",
    "read_posts",
    "to_jsonable",
    "total_input_bytes",
]
