"""Property tests: whatever text a post holds, writing it as JSONL or CSV and reading it back
gives the same post, on the line where it was written, with the hash of its bytes."""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from cradlewatch.io import read_posts
from cradlewatch.model import Reject

# Text with the characters that break naive readers: quotes, commas, CR/LF, BOM, CJK, emoji
# (no lone surrogates: they are not UTF-8, and the rejection tests cover broken bytes).
awkward = st.text(
    alphabet=st.sampled_from(list("ab ,\"'\r\n\t\ufeff\u2028求收养营养费5万😊\\"))
    | st.characters(codec="utf-8"),
    max_size=40,
)
ids = st.text(alphabet="abcdefghij0123456789-_", min_size=1, max_size=12)
posts = st.lists(st.tuples(ids, awkward, awkward), min_size=1, max_size=8)


def physical_lines(text: str) -> int:
    """Lines as a reader with universal newlines sees them (\r, \n and \r\n end a line)."""
    return sum(1 for _line in io.StringIO(text, newline=""))


@settings(max_examples=60, deadline=None)
@given(posts)
def test_jsonl_round_trip(rows: list[tuple[str, str, str]]) -> None:
    lines = [orjson.dumps({"id": i, "text": t, "title": title}) for i, t, title in rows]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        rejects: list[Reject] = []
        got = list(read_posts([str(path)], rejects.append))
    assert rejects == []
    assert [(p.id, p.text, p.title) for p in got] == [(i, t, ti or None) for i, t, ti in rows]
    assert [p.provenance.line for p in got if p.provenance] == list(range(1, len(rows) + 1))
    assert [p.provenance.sha256 for p in got if p.provenance] == [
        hashlib.sha256(line).hexdigest() for line in lines
    ]


@settings(max_examples=60, deadline=None)
@given(posts)
def test_csv_round_trip(rows: list[tuple[str, str, str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["id", "text", "title"])
    starts = []
    for row in rows:
        starts.append(physical_lines(buffer.getvalue()) + 1)
        writer.writerow(row)
    data = buffer.getvalue().encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.csv"
        path.write_bytes(data)
        rejects: list[Reject] = []
        got = list(read_posts([str(path)], rejects.append))
    # CSV cannot tell an empty cell from an absent one: a row with empty text is "missing text".
    kept = [(row, start) for row, start in zip(rows, starts, strict=True) if row[1]]
    assert [(r.line, r.reason) for r in rejects] == [
        (start, "missing text") for row, start in zip(rows, starts, strict=True) if not row[1]
    ]
    assert [(p.id, p.text, p.title) for p in got] == [(i, t, ti or None) for (i, t, ti), _ in kept]
    assert [p.provenance.line for p in got if p.provenance] == [start for _, start in kept]
