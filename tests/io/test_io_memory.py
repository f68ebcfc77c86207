"""Streaming: the memory used to read posts does not grow with the number of records."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from cradlewatch.io import read_posts


def write_posts(path: Path, count: int) -> None:
    with path.open("wb") as handle:
        for i in range(count):
            handle.write(b'{"id":"p%d","text":"post %d","platform":"tieba","x":%d}\n' % (i, i, i))


def peak_bytes_to_read(path: Path) -> tuple[int, int]:
    """(records read, tracemalloc peak in bytes) for reading ``path`` without keeping posts."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        count = 0
        for _post in read_posts([str(path)], lambda reject: None):
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, peak


def test_reading_200k_records_keeps_memory_flat(tmp_path: Path) -> None:
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    write_posts(small, 2_000)
    write_posts(large, 200_000)
    small_count, small_peak = peak_bytes_to_read(small)
    large_count, large_peak = peak_bytes_to_read(large)
    assert (small_count, large_count) == (2_000, 200_000)
    # 100 times the records: a reader that kept them would need ~100x; a stream needs the same.
    assert large_peak < 2 * small_peak + 256 * 1024, (small_peak, large_peak)
