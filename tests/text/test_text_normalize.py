"""normalize(): NFKC + t2s + ASCII lower case, and the exact offset map back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cradlewatch.text import normalize


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("送養男寶", "送养男宝"),
        ("ＱＱ１２３", "qq123"),
        ("加V", "加v"),
        ("①②③", "123"),
        ("3㎏", "3kg"),
        ("ﬁne", "fine"),
        ("½", "1⁄2"),
        ("營養費5萬", "营养费5万"),
        ("plain ascii TEXT", "plain ascii text"),
    ],
)
def test_normalize_text(original: str, expected: str) -> None:
    assert normalize(original).text == expected


def test_only_ascii_letters_are_lowered() -> None:
    # str.lower() would turn "İ" into two characters and "Ä" into "ä"; we keep them.
    norm = normalize("İÄB")
    assert norm.text == "İÄb"
    assert len(norm.text) == 3


def test_span_inside_expansion_maps_to_whole_original_character() -> None:
    norm = normalize("a㎏b")
    assert norm.text == "akgb"
    assert norm.to_original(1, 2) == (1, 2)  # "k" alone → the whole "㎏"
    assert norm.to_original(1, 3) == (1, 2)
    assert norm.to_original(3, 4) == (2, 3)
    assert norm.to_original(4, 4) == (3, 3)


def test_identity_map_for_already_normal_text() -> None:
    norm = normalize("微信 abc")
    assert norm.starts is None
    assert norm.to_original(3, 6) == (3, 6)


def test_combining_marks_compose_within_their_chunk() -> None:
    norm = normalize("cafe\u0301 ok")
    assert norm.text == "café ok"
    assert norm.to_original(3, 4) == (3, 5)  # "é" covers "e" + combining acute
    assert norm.original[slice(*norm.to_original(5, 7))] == "ok"


def test_out_of_range_span_is_an_error() -> None:
    with pytest.raises(ValueError):
        normalize("ﬁ").to_original(0, 5)


_ALPHABET = st.sampled_from(list("abcXYZ 0123456789送養營費萬ＱＶ①②⑩❶㎏ﬁ½¹₂é\u0301\u0308İ🌸，。-*"))


@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_every_normalised_character_maps_to_the_original_it_came_from(text: str) -> None:
    norm = normalize(text)
    assert norm.original == text
    for i, char in enumerate(norm.text):
        start, end = norm.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)
        piece = normalize(text[start:end]).text
        assert char in piece


@given(st.lists(_ALPHABET, max_size=40).map("".join), st.data())
def test_spans_map_monotonically_and_cover_their_source(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    n = len(norm.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    o_start, o_end = norm.to_original(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    if start < end:
        # The normalised slice is contained in the normalisation of the original slice.
        assert norm.text[start:end] in normalize(text[o_start:o_end]).text


@given(st.text(max_size=60))
def test_whole_span_maps_to_whole_original_on_arbitrary_text(text: str) -> None:
    norm = normalize(text)
    if norm.starts is not None and norm.ends is not None:
        assert len(norm.starts) == len(norm.ends) == len(norm.text)
        assert list(norm.starts) == sorted(norm.starts)
    if norm.text:
        assert norm.to_original(0, len(norm.text)) == (0, len(text))
