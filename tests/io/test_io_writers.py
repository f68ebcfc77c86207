"""Writers: JSON Lines out (plain, gzip, stdout), rejects, and dataclass serialisation."""

from __future__ import annotations

import csv
import enum
import gzip
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath

import orjson
import pytest

from cradlewatch.errors import UsageError
from cradlewatch.io import JsonlWriter, RejectWriter, open_output, open_text_output, to_jsonable
from cradlewatch.model import Finding, Identifier, Post, Provenance, Reason, Reject


class Colour(enum.Enum):
    RED = "red"


@dataclass
class Holder:
    tags: set[str] = field(default_factory=set)
    when: datetime = datetime(2014, 2, 17, 10, 11, tzinfo=UTC)
    day: date = date(2014, 2, 17)
    where: PurePosixPath = field(default_factory=lambda: PurePosixPath("/cases/1"))
    colour: Colour = Colour.RED
    pair: tuple[int, int] = (1, 2)


def finding() -> Finding:
    return Finding(
        id="p17",
        verdict="trafficking",
        risk=0.93,
        reasons=[Reason("price_for_child", 0.41, "text", "营养费5万", 31, 36)],
        identifiers=[Identifier("qq", "123456789", "扣扣123456789", "text", 40, 52)],
    )


def test_to_jsonable_handles_model_records_and_common_types() -> None:
    assert to_jsonable(finding())["reasons"] == [
        {
            "code": "price_for_child",
            "weight": 0.41,
            "field": "text",
            "evidence": "营养费5万",
            "start": 31,
            "end": 36,
        }
    ]
    post = Post("p", "t", provenance=Provenance("f.jsonl", 3, 0, "ab"))
    assert to_jsonable(post)["provenance"] == {
        "source": "f.jsonl",
        "line": 3,
        "offset": 0,
        "sha256": "ab",
        "captured_at": None,
    }
    assert to_jsonable(Holder(tags={"b", "a"})) == {
        "tags": ["a", "b"],
        "when": "2014-02-17T10:11:00+00:00",
        "day": "2014-02-17",
        "where": "/cases/1",
        "colour": "red",
        "pair": [1, 2],
    }
    with pytest.raises(TypeError, match="cannot write a value of type object"):
        to_jsonable(object())


def test_jsonl_writer_to_file_and_gzip(tmp_path: Path) -> None:
    for name in ("out.jsonl", "out.jsonl.gz"):
        path = tmp_path / name
        with JsonlWriter(str(path)) as writer:
            writer.write(finding())
            writer.write({"ring": "R0001", "sites": {"圆梦之家"}})
        assert writer.count == 2
        data = path.read_bytes()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        lines = data.decode("utf-8").splitlines()
        assert len(lines) == 2
        assert "营养费5万" in lines[0]  # UTF-8, not \\u escapes
        assert orjson.loads(lines[0]) == to_jsonable(finding())
        assert orjson.loads(lines[1]) == {"ring": "R0001", "sites": ["圆梦之家"]}


def test_jsonl_writer_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    with JsonlWriter("-") as writer:
        writer.write({"a": 1})
    with JsonlWriter(None) as writer:
        writer.write({"b": 2})
    assert capsysbinary.readouterr().out == b'{"a":1}\n{"b":2}\n'


def test_reject_writer_to_stderr_and_file(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    to_stderr = RejectWriter()
    to_stderr(Reject("posts.jsonl", 7, "missing id"))
    to_stderr(Reject("crawl.warc", None, "not a WARC record at byte 0"))
    assert to_stderr.count == 2
    assert capsysbinary.readouterr().err.decode().splitlines() == [
        '{"source":"posts.jsonl","line":7,"reason":"missing id"}',
        '{"source":"crawl.warc","line":null,"reason":"not a WARC record at byte 0"}',
    ]
    path = tmp_path / "rejects.jsonl"
    with RejectWriter(str(path)) as to_file:
        to_file(Reject("a.csv", 2, "row has 3 fields, the header has 2"))
    assert orjson.loads(path.read_bytes()) == {
        "source": "a.csv",
        "line": 2,
        "reason": "row has 3 fields, the header has 2",
    }


def test_open_output_errors_and_text_output(tmp_path: Path) -> None:
    missing = str(tmp_path / "no" / "dir" / "out.jsonl")
    with pytest.raises(UsageError, match="No such file or directory"), open_output(missing):
        pass
    path = tmp_path / "out.csv"
    with open_text_output(str(path)) as handle:
        csv.writer(handle).writerow(["child_id", "log10_lr"])
    assert path.read_bytes() == b"child_id,log10_lr\r\n"
