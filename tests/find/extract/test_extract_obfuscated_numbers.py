"""Numbers hidden the way the dev7 writers hid them: letters typed for digits, English digit
words mixed with digits, numbers broken over lines, 拐 for 7; and what must stay unread."""

from __future__ import annotations

import pytest
from extract_helpers import ids

from cradlewatch.text.digits import unmask_lookalikes

PHONE = "+8613812345678"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("手机：13O-1234-5678", None, [("phone", "+8613012345678")]),
        ("扣：1 l 5 7 O 3 3 8 2 6", None, [("qq", "1157033826")]),
        ("加我q 3O94 1l 6625", None, [("qq", "3094116625")]),
        ("Text Mike at 6O3-555-Ol24", "en", [("phone", "+16035550124")]),
        ("call only 2l5-555-0l38 after 5pm", "en", [("phone", "+12155550138")]),
        ("₦250k after delivery. Call/WA 08I2 555 O1O8", "en", [("phone", "+2348125550108")]),
        ("Penang, ang pow RM 15k. whatsapp O12-555 O16O", "en", [("phone", "+60125550160")]),
    ],
)
def test_letters_typed_for_digits(text: str, lang: str | None, expected: list) -> None:
    kwargs = {"lang": lang} if lang else {}
    assert ids(text, **kwargs) == expected


@pytest.mark.parametrize(
    "text",
    ["lol oil io 10 lb", "i7-8700 cpu, 2l bottle", "room 1o1"],
)
def test_words_and_short_tokens_stay_words(text: str) -> None:
    assert ids(text, lang="en") == []


def test_unmask_keeps_length_and_leaves_words() -> None:
    text = "oil lol 3o94 1l 6625 and 1 l 5 but 1 lo 5"
    unmasked = unmask_lookalikes(text)
    assert len(unmasked) == len(text)
    assert unmasked == "oil lol 3094 11 6625 and 1 1 5 but 1 lo 5"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Call/text nine three seven, five five five, zero one nine one.", "+19375550191"),
        ("text 4 one 2 - 5 5 5 - 0 1 seven 6", "+14125550176"),
        ("Serious buyers text 2 one 6. 5 5 5. 0 one 4 4", "+12165550144"),
        ("Call 3 one 6-555-Ol89 (that's oh-one-eight-nine).", "+13165550189"),
    ],
)
def test_english_digit_words_mixed_with_digits(text: str, value: str) -> None:
    assert ids(text, lang="en") == [("phone", value)]


@pytest.mark.parametrize(
    "text",
    [
        "I have 2 one-year-olds and 3 two-year-olds",
        "one, two, three, go! 5 kids",
        "Chapter 12, one of 40 parts",
    ],
)
def test_digit_words_in_prose_are_not_numbers(text: str) -> None:
    assert ids(text, lang="en") == []


def test_uk_service_number_is_read_where_the_post_names_the_uk() -> None:
    # 0300 is a UK non-geographic number and a Pakistani mobile prefix; read as a Chinese
    # landline it is merely possible. Alone it is not guessed; a UK place settles it.
    text = "If you are the mum, please call Social Services on 0300 555 0110."
    assert ids(text, lang="en") == []
    assert ids(text + " Leeds City Council", lang="en") == [("phone", "+443005550110")]
    assert ids(text + " Lahore", lang="en") == [("phone", "+923005550110")]


def test_number_valid_in_several_regions_is_not_guessed() -> None:
    # a Nigerian, Indian, Taiwanese or UK number alike, and the post does not say where
    assert ids("Call Mama Grace 0706 555 0163", lang="en") == []


@pytest.mark.parametrize(
    "text",
    [
        "+v同号：1⃣️3⃣️8⃣️\n1⃣️2⃣️3⃣️4⃣️\n5⃣️6⃣️7⃣️8⃣️",
        "联系：📞一三八\n一二三四\n五六七八",
        "电话 138\n1234\n5678",
    ],
)
def test_number_broken_over_lines(text: str) -> None:
    assert ("phone", PHONE) in ids(text)


def test_lines_with_their_own_numbers_are_not_joined() -> None:
    text = "电话 13812345678\n2026年5月\n订单 88231"
    assert ids(text) == [("phone", PHONE)]


def test_lines_of_counts_do_not_join_into_a_number() -> None:
    assert ids("价格表\n男宝 12\n女宝 8\n3岁 5\n") == []


def test_guai_is_seven_in_a_number_but_not_in_words() -> None:
    assert ids("威信 一三八 幺二三四 五六拐八") == [("phone", PHONE), ("wechat", PHONE)]
    assert ids("警方破获拐卖儿童案 13 人被抓") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("加卫星：\nyy520_bb", "yy520_bb"), ("联系：vx\nL y 9 9 6 6 8 8", "ly996688")],
)
def test_wechat_id_on_the_line_after_its_cue(text: str, value: str) -> None:
    assert ids(text) == [("wechat", value)]


def test_prose_on_the_line_after_a_cue_is_no_id() -> None:
    assert ids("有意加v\nwelcome everyone") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Visit our site: littlemiraclesplacement dot net", "http://littlemiraclesplacement.net"),
        ("see LittleMiracles dot net/Apply", "http://littlemiracles.net/Apply"),
        ("hope(dot)org/x", "http://hope.org/x"),
        ("网址 baobei点com", "http://baobei.com"),
        ("www dot hopekids dot org", "http://www.hopekids.org"),
    ],
)
def test_site_names_with_spelled_out_dots(text: str, value: str) -> None:
    assert ids(text) == [("url", value)]


@pytest.mark.parametrize(
    "text", ["I like polka dot com", "the dot com bubble", "a blue dot on the map net"]
)
def test_the_word_dot_in_prose_is_no_site(text: str) -> None:
    assert ids(text) == []


def test_spelled_dots_in_an_address_stay_an_email() -> None:
    assert ids("email jane at example dot com") == [("email", "jane@example.com")]


@pytest.mark.parametrize(
    "text", ["寻亲热线 400-000-0000（示例）", "电话 138 0000 0000", "call +1 415 000 0000"]
)
def test_placeholder_numbers_are_not_contacts(text: str) -> None:
    assert ids(text) == []


def test_a_number_with_some_zeros_is_still_a_number() -> None:
    assert ids("电话 138 0000 5678") == [("phone", "+8613800005678")]


def test_trunk_zero_number_in_a_chinese_post_that_names_taiwan() -> None:
    text = "於11月3日在高雄市三民區走失。有消息請聯絡 0912-345-678 林小姐"
    assert ids(text) == [("phone", "+886912345678")]


def test_mainland_landline_in_a_chinese_post_stays_chinese() -> None:
    assert ids("广州 电话 020-8888 1234") == [("phone", "+862088881234")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("微信下单：muying_shop_520", [("wechat", "muying_shop_520")]),
        (
            "卫星号码就是我电话：一三八 一二三四 五六七八",
            [("phone", PHONE), ("wechat", PHONE)],
        ),
    ],
)
def test_words_between_a_wechat_cue_and_its_value(text: str, expected: list) -> None:
    assert ids(text) == expected


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("收男孩 电话 幺八六 洞洞二三 五七九洞", "+8618600235790"),  # 洞 for 0
        ("电话 幺三勾 一二三四 五六七八", "+8613912345678"),  # 勾 for 9
    ],
)
def test_radio_operator_zero_and_nine(written: str, value: str) -> None:
    assert ("phone", value) in ids(written)


@pytest.mark.parametrize("written", ["山洞里 三五个人", "打洞 二三四五六 勾勾", "勾选 一二三 项"])
def test_zero_and_nine_words_in_prose_are_no_numbers(written: str) -> None:
    assert ids(written) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("求购 女婴 Q我 73380 21169", [("qq", "7338021169")]),
        ("V我 138 2641 7589", [("phone", "+8613826417589"), ("wechat", "+8613826417589")]),
        (
            "全国QQ群：1群 218840371（已满） 2群 309172546",
            [("qq", "218840371"), ("qq", "309172546")],
        ),
        ("我们3群 有人吗 2016年", []),
    ],
)
def test_a_cue_used_as_a_verb_and_numbered_groups_announce_the_number(
    text: str, expected: list[tuple[str, str]]
) -> None:
    """"Q我" ("QQ me") is the QQ cue, and a group list numbers its groups ("1群 …, 2群 …")."""
    assert ids(text) == expected
