"""Masking before hashing, shingling by script, and LSH near-duplicates with their similarity."""

from __future__ import annotations

import numpy as np

from cradlewatch.link.templates import (
    mask_text,
    near_duplicates,
    shingles,
    signature,
    style_tokens,
)

AD = "诚心送养满月男宝，营养费{price}，联系QQ {qq} 或微信 {wx}，人贩子勿扰"


def _sig(text: str, spans: list[tuple[int, int]] | None = None) -> np.ndarray:
    return signature(shingles(mask_text(text, spans or [])), 64)


def test_identifiers_prices_and_numbers_are_masked_before_hashing() -> None:
    one = AD.format(price="5万", qq="123456789", wx="abc_12345")
    two = AD.format(price="8万", qq="987654321", wx="zz_998877")
    assert mask_text(one) == mask_text(two)
    assert "123456789" not in mask_text(one) and "abc_12345" not in mask_text(one)
    assert np.array_equal(_sig(one), _sig(two))
    # unmasked, the same two adverts look different
    raw_one, raw_two = signature(shingles(one), 64), signature(shingles(two), 64)
    assert (raw_one == raw_two).mean() < 0.9


def test_scan_spans_are_masked_even_without_digits() -> None:
    text = "送养女宝 联系 一三八一二三四五六七八 谢谢"
    start = text.index("一三八")
    masked = mask_text(text, [(start, start + 11)])
    assert "一三八" not in masked and "#" in masked


def test_two_texts_sharing_only_a_number_are_not_near_duplicates() -> None:
    one = "诚心送养满月男宝，营养费私聊，QQ 123456789"
    two = "本站郑重提醒：任何买卖儿童行为都是违法的，举报请联系 QQ 123456789"
    assert (_sig(one) == _sig(two)).mean() < 0.3


def test_chinese_by_characters_english_by_words() -> None:
    assert shingles("送养男宝", 3) == {"送 养 男", "养 男 宝"}
    assert shingles("we have a baby girl", 3) == {"we have a", "have a baby", "a baby girl"}
    assert shingles("hi", 3) == {"hi"}


def test_near_duplicates_estimate_jaccard_and_skip_empty_texts() -> None:
    base = "送养满月男宝身体健康营养费私聊人贩子勿扰有意者加我详谈"
    texts = [base, base + "谢谢", "完全不同的内容关于宠物猫咪领养疫苗已打", ""]
    matrix = np.stack([_sig(t) for t in texts])
    left, right, similarity = near_duplicates(matrix, range(4), threshold=0.7, neighbours=3)
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == [(0, 1)]
    exact = len(shingles(base) & shingles(base + "谢谢")) / len(shingles(base) | shingles(base + "谢谢"))
    assert abs(float(similarity[0]) - exact) < 0.2


def test_style_tokens_capture_openings_closings_and_symbols() -> None:
    tokens = style_tokens(mask_text("诚心送养~~男宝 私聊哦~~"))
    assert "open:诚心送养" in tokens and "close:宝私聊哦" in tokens
    assert "symbol:~~" in tokens
