"""Digit de-obfuscation, Chinese numerals and pinyin keys."""

from __future__ import annotations

import pytest

from cradlewatch.text import decode_digits, find_digit_runs, parse_chinese_number, pinyin_key


@pytest.mark.parametrize(
    "written",
    [
        "13812345678",
        "138 1234 5678",
        "1 3 8-1234*5678",
        "138.1234.5678",
        "138/1234/5678",
        "一三八 1234 5678",
        "壹叁捌壹贰叁肆伍陆柒捌",
        "幺三八幺二三四五六七八",
        "138🌸1234🌸5678",
        "138❤️1234❤️5678",
        "１３８１２３４５６７８",
        "①③⑧①②③④⑤⑥⑦⑧",
        "❶❸❽❶❷❸❹❺❻❼❽",
        "➀➂➇➀➁➂➃➄➅➆➇",
        "1三8一二三四5678",
    ],
)
def test_obfuscated_phone_is_one_run(written: str) -> None:
    runs = find_digit_runs(f"电话{written}谢谢")
    assert [run.digits for run in runs] == ["13812345678"]
    run = runs[0]
    assert f"电话{written}谢谢"[run.start : run.end] == written


@pytest.mark.parametrize(
    "text", ["一条龙服务", "一个月", "三岁男宝", "两万五", "二〇一四年", "一二三四"]
)
def test_chinese_numerals_in_words_are_not_runs(text: str) -> None:
    assert find_digit_runs(text) == []


def test_short_chinese_run_keeps_arabic_digits() -> None:
    runs = find_digit_runs("一 8")
    assert [(r.digits, r.start, r.end) for r in runs] == [("8", 2, 3)]


def test_sentence_punctuation_ends_a_run() -> None:
    runs = find_digit_runs("QQ 12345678，电话 13812345678")
    assert [r.digits for r in runs] == ["12345678", "13812345678"]


def test_groups_and_their_spans() -> None:
    text = "x 138 1234 5678"
    (run,) = find_digit_runs(text)
    assert run.groups == ("138", "1234", "5678")
    assert [text[s:e] for s, e in run.spans] == ["138", "1234", "5678"]


def test_decode_digits_maps_every_style() -> None:
    assert decode_digits("⓪①²₃４五陆柒捌玖幺两貳參陸") == "012345678912236"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两万五", 25000),
        ("三万五千", 35000),
        ("3万5", 35000),
        ("十万", 100000),
        ("二十万", 200000),
        ("一百零五", 105),
        ("十二", 12),
        ("三百五", 350),
        ("一千二", 1200),
        ("35万", 350000),
        ("二〇一四", 2014),
        ("两", 2),
    ],
)
def test_parse_chinese_number(text: str, value: int) -> None:
    assert parse_chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "万", "万一", "abc"])
def test_parse_chinese_number_rejects_non_numbers(text: str) -> None:
    assert parse_chinese_number(text) is None


def test_pinyin_key_matches_homophones() -> None:
    assert pinyin_key("薇信") == pinyin_key("微信") == pinyin_key("威信") == "wei xin"
    assert pinyin_key("微訊") != pinyin_key("微信")
    assert pinyin_key("送養") == pinyin_key("送养")


@pytest.mark.parametrize(
    "captured",
    ["電話：壹叁捌 ①②③④ ５６７８，謝謝", "QQ：❶❷❸❹❺❻❼❽ 或 ➀➁➂➃➄", "一三八🌸１２３４🌸5678"],
)
def test_runs_on_captured_text_give_original_offsets(captured: str) -> None:
    """The digit tables cover un-normalised forms, so runs can be found on the text as
    captured; they agree with runs found on the normalised text and mapped back."""
    from cradlewatch.text import normalize

    norm = normalize(captured)
    mapped = [
        (run.digits, *norm.to_original(run.start, run.end)) for run in find_digit_runs(norm.text)
    ]
    direct = [(run.digits, run.start, run.end) for run in find_digit_runs(captured)]
    assert direct == mapped
