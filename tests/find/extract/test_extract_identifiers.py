"""Contact identifiers: every obfuscation style decodes to one value; look-alikes do not."""

from __future__ import annotations

import pytest
from extract_helpers import ids

from cradlewatch.find.extract import extract

PHONE = "+8613812345678"
PHONE_2 = "+8613506672884"


@pytest.mark.parametrize(
    "written",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "1 3 8-1234*5678",
        "一三八 1234 5678",
        "一三八一二三四五六七八",
        "壹叁捌壹贰叁肆伍陆柒捌",
        "幺三八幺两三四五六七八",
        "138🌸1234🌸5678",
        "１３８１２３４５６７８",
        "①③⑧①②③④⑤⑥⑦⑧",
        "❶❸❽❶❷❸❹❺❻❼❽",
        "1三8一二三四5678",
        "+86 138 1234 5678",
        "0086 13812345678",
        "+86-138-1234-5678",
    ],
)
def test_phone_obfuscations(written: str) -> None:
    assert ids(f"有意者联系电话：{written}，非诚勿扰") == [("phone", PHONE)]


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("13812345678", True),
        ("19912345678", True),
        ("16612345678", True),
        ("19212345678", True),
        ("14812345678", False),
        ("10012345678", False),
        ("12812345678", False),
    ],
)
def test_mobile_prefix_validity(number: str, valid: bool) -> None:
    found = ids(f"电话 {number}")
    assert found == ([("phone", "+86" + number)] if valid else [])


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("010-12345678", "+861012345678"),
        ("0755-1234567", "+867551234567"),
        ("(0755)12345678", "+8675512345678"),
    ],
)
def test_landlines(written: str, value: str) -> None:
    assert ids(f"座机 {written}") == [("phone", value)]


def test_us_numbers_in_english_posts() -> None:
    assert ids("Call (555) 201-3344 anytime") == [("phone", "+15552013344")]
    assert ids("text 212-555-0123 serious inquiries only") == [("phone", "+12125550123")]
    assert ids("or +44 20 7946 0958") == [("phone", "+442079460958")]


def test_default_region_is_configurable() -> None:
    assert ids("Call (555) 201-3344", region="CN") == []


@pytest.mark.parametrize(
    "written",
    [
        "QQ12345678",
        "qq：12345678",
        "Q 12345678",
        "扣扣 12345678",
        "口口12345678",
        "企鹅号：12345678",
        "QQ群 12345678",
        "Q群:12345678",
        "球球 12345678",
        "扣1 2 3 4 5 6 7 8",
        "ＱＱ：１２３４５６７８",
        "扣扣：一二三四五六七八",
    ],
)
def test_qq_cues(written: str) -> None:
    assert ids(f"详情{written}，私聊") == [("qq", "12345678")]


def test_bare_number_is_not_qq_but_contact_cue_decides() -> None:
    assert ids("我们有12345678个理由") == []
    assert ids("今天 12345678 看看") == []
    assert ids("有意联系12345678") == [("qq", "12345678")]
    assert ids("有意联系13812345678") == [("phone", PHONE)]


def test_qq_form_rules() -> None:
    assert ids("QQ 01234567") == []  # leading zero
    assert ids("QQ 1234") == []  # too short
    assert ids("QQ 20140130") == []  # a date


@pytest.mark.parametrize(
    "written",
    [
        "微信：wang_li88",
        "微信号 Wang_Li88",
        "vx: wang_li88",
        "VX wang_li88",
        "wx：wang_li88",
        "薇信 wang_li88",
        "威信wang_li88",
        "卫星：wang_li88",
        "加V wang_li88",
        "➕V：wang_li88",
        "wechat: wang_li88",
        "weixin wang_li88",
        "v：wang_li88",
    ],
)
def test_wechat_cues(written: str) -> None:
    assert ids(f"有意者{written}，谢谢") == [("wechat", "wang_li88")]


def test_wechat_id_length_limits() -> None:
    assert ids("微信 abc12") == []  # 5 characters: too short
    assert ids("微信 a" + "b" * 19) == [("wechat", "a" + "b" * 19)]
    assert ids("微信 a" + "b" * 20) == []  # 21 characters: too long


@pytest.mark.parametrize("same", ["微信同号", "V同号", "同微", "vx同号", "微信同手机"])
def test_wechat_same_as_phone(same: str) -> None:
    assert sorted(ids(f"电话13812345678 {same}")) == [("phone", PHONE), ("wechat", PHONE)]


def test_wechat_cue_followed_by_phone_is_the_wechat_account_and_a_phone() -> None:
    # the WeChat id is the number, and the number is a phone a reader can call
    assert ids("vx 138 1234 5678") == [("phone", PHONE), ("wechat", PHONE)]
    assert ids("加V 一三八 一二三四 五六七八") == [("phone", PHONE), ("wechat", PHONE)]
    assert ids("威信：壹叁捌 壹贰叁肆 伍陆柒捌") == [("phone", PHONE), ("wechat", PHONE)]
    assert ids("vx 12345678") == []  # not a phone: no account either


def test_phone_and_wechat_cues_together_give_both() -> None:
    assert ids("电话/微信：13812345678") == [("phone", PHONE), ("wechat", PHONE)]


def test_same_number_written_after_the_number() -> None:
    assert sorted(ids("13812345678 同号v")) == [("phone", PHONE), ("wechat", PHONE)]


@pytest.mark.parametrize(
    "text",
    [
        "微 信：xa_mama_0308",
        "加薇❤️信 xa_mama_0308",
        "w x : xa_mama_0308",
        "微信/Line：xa_mama_0308",
    ],
)
def test_cues_with_characters_slipped_between(text: str) -> None:
    assert ids(text) == [("wechat", "xa_mama_0308")]


def test_ids_spelled_out_with_spaces() -> None:
    assert ids("v：c q 5 2 0 b a b y") == [("wechat", "cq520baby")]
    assert ids("微信 x i n s h e n g _ 6 6") == [("wechat", "xinsheng_66")]


def test_group_number_cue_is_qq() -> None:
    assert ids("群号 六六八八一二三四五") == [("qq", "668812345")]


def test_a_rejected_obfuscated_address_does_not_hide_a_real_one() -> None:
    assert ids("Email me at Sarah.Place.2017@example.com") == [
        ("email", "sarah.place.2017@example.com")
    ]


def test_alipay() -> None:
    assert ids("支付宝 13812345678") == [("phone", PHONE), ("alipay", PHONE)]
    assert ids("zfb：Pay@Example.com") == [
        ("email", "pay@example.com"),
        ("alipay", "pay@example.com"),
    ]
    assert ids("alipay: zhang_san01") == [("alipay", "zhang_san01")]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("Jane.Doe@Example.com", "jane.doe@example.com"),
        ("jane at example dot com", "jane@example.com"),
        ("jane(at)example(dot)com", "jane@example.com"),
        ("jane [at] example [dot] org", "jane@example.org"),
        ("12345678#qq.com", "12345678@qq.com"),
        ("12345678@qq点com", "12345678@qq.com"),
    ],
)
def test_emails(written: str, value: str) -> None:
    assert ids(f"email {written} thanks") == [("email", value)]


@pytest.mark.parametrize(
    "text", ["Learn more at www.example.org/info", "visit us at hope.com", "meet at noon.com"]
)
def test_english_at_before_a_domain_is_not_an_email(text: str) -> None:
    assert [kind for kind, _ in ids(text)] in ([], ["url"])


def test_email_digits_are_not_a_phone() -> None:
    assert ids("13812345678@163.com") == [("email", "13812345678@163.com")]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("www.Example.com/AbC", "http://www.example.com/AbC"),
        ("https://Example.CN/x?y=1", "https://example.cn/x?y=1"),
        ("example.com", "http://example.com"),
        ("HTTP://WWW.FOO.NET", "http://www.foo.net"),
    ],
)
def test_urls(written: str, value: str) -> None:
    assert ids(f"see {written}.") == [("url", value)]


def test_decimals_and_files_are_not_urls() -> None:
    assert ids("3.5kg, photo.jpg, v1.2") == []


@pytest.mark.parametrize(
    "card", ["6222021234567890128", "6222 0212 3456 7890 128", "4111111111111111"]
)
def test_bank_cards(card: str) -> None:
    assert ids(f"卡号：{card}") == [("bank_card", card.replace(" ", ""))]
    assert ids(f"打到 {card}") == [("bank_card", card.replace(" ", ""))]


def test_bank_card_needs_luhn() -> None:
    assert ids("卡号 6222021234567890123") == []


@pytest.mark.parametrize(
    "text",
    [
        "出生日期2014-01-30，20140130",
        "2014年1月30日生",
        "营养费50000元，5万",
        "订单号：13812345678",
        "订单号 202311021234567890",
        "身份证110101199003074514",
        "身份证 11010119900307453X",
        "身高165cm 体重50kg 12:30 见",
        "共有12345人参加",
        "¥13812345678",
        "第12345678名",
    ],
)
def test_numbers_that_are_not_contacts(text: str) -> None:
    assert ids(text) == []


def test_two_numbers_in_one_run_are_split() -> None:
    assert ids("Q 12345678 13812345678") == [("qq", "12345678"), ("phone", PHONE)]


def test_each_occurrence_is_reported() -> None:
    found = extract("13812345678 再说一遍 138 1234 5678").identifiers
    assert [(i.value, i.raw) for i in found] == [(PHONE, "13812345678"), (PHONE, "138 1234 5678")]


def test_traditional_and_full_width_cues() -> None:
    assert ids("微信：ｗａｎｇ＿ｌｉ８８") == [("wechat", "wang_li88")]
    assert ids("聯繫 一三八 1234 5678") == [("phone", PHONE)]


def test_title_field_is_recorded() -> None:
    (ident,) = extract("QQ 12345678", field="title").identifiers
    assert ident.field == "title"


def test_thanks_after_a_number_is_not_an_amount() -> None:
    assert ids("有消息请联系153-8928-9033 万分感谢") == [("phone", "+8615389289033")]


def test_a_word_after_a_space_is_not_a_unit() -> None:
    assert ids("合作医院0755-83921266 名额有限") == [("phone", "+8675583921266")]
    assert ids("营养费 50000 元") == []


def test_service_numbers_and_region_in_chinese_posts() -> None:
    assert ids("客服热线400-812-3456") == [("phone", "+864008123456")]
    assert ids("热线 555-201-3344") == []  # no US reading inside a Chinese post
    assert ids("hotline 555-201-3344") == [("phone", "+15552013344")]


@pytest.mark.parametrize(
    "written", ["微❤：wang_li88", "绿泡泡 wang_li88", "V芯：wang_li88", "vx，wang_li88"]
)
def test_more_wechat_cue_forms(written: str) -> None:
    assert ids(written) == [("wechat", "wang_li88")]


def test_very_long_runs_are_split_in_bounded_parts() -> None:
    # Thousands of one-digit groups: every split is tried only up to 19 digits long.
    assert ids("1 " * 3000 + "\n电话13812345678") == [("phone", PHONE)]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("想要宝宝的加我 V❤️x：b a o b a o 6 6 8 8", [("wechat", "baobao6688")]),
        ("有意向的加微信详聊 xiaoxue_0322", [("wechat", "xiaoxue_0322")]),
        ("报名加群 5 8 1 0 3 3 7 2 6", [("qq", "581033726")]),
        ("🍼女 🐧7️⃣7️⃣3️⃣0️⃣1️⃣2️⃣5️⃣8️⃣9️⃣", [("qq", "773012589")]),
        ("支付宝就是电话 13 5 0 6 6 7 2 8 8 4", [("phone", PHONE_2), ("alipay", PHONE_2)]),
        # the cue vx before a spaced number, not the cue v before the id "x 1 9 9 …"
        ("联系方式：vx 1 3 8 - 1 2 3 4 - 5 6 7 8", [("phone", PHONE), ("wechat", PHONE)]),
        ("电话 13812345678，加微信也是这个号", [("phone", PHONE), ("wechat", PHONE)]),
    ],
)
def test_cue_forms_of_new_posts(written: str, expected: list[tuple[str, str]]) -> None:
    assert ids(written) == expected


@pytest.mark.parametrize("written", ["verifies vx 2014", "加群聊聊天 2 次", "v-x"])
def test_cue_forms_that_are_not_contacts(written: str) -> None:
    assert ids(written) == []


@pytest.mark.parametrize(
    ("written", "value", "raw"),
    [
        ("Text me 601 five five five 0138", "+16015550138", "601 five five five 0138"),
        ("call six oh one five five five zero one three eight", "+16015550138", None),
        ("Leeds. call oh seven seven zero zero 900417", "+447700900417", None),
    ],
)
def test_spelled_out_digits(written: str, value: str, raw: str | None) -> None:
    found = extract(written).identifiers
    assert [(i.kind, i.value) for i in found] == [("phone", value)]
    assert written[found[0].start : found[0].end] == found[0].raw
    if raw is not None:
        assert found[0].raw == raw


@pytest.mark.parametrize(
    "written",
    [
        "one two three four five six seven",  # counting, not a valid number
        "someone two five five",  # too short, and "someone" is not "one"
        "five five five, one two three four",  # sentence punctuation ends a number
        "Order two five five 0100 5555",
        # a Chinese post spells digits in Chinese numerals; English words there are not read
        "电话 six oh one five five five zero one three eight",
    ],
)
def test_spelled_out_words_that_are_not_numbers(written: str) -> None:
    assert ids(written) == []


def test_a_nul_character_does_not_break_the_scans() -> None:
    # every spelled-number match starts with a letter: a text without a gate word has no
    # candidate at all, not a NUL one
    assert ids("a\x00b call six oh one five five five zero one three eight") == [
        ("phone", "+16015550138")
    ]
    assert ids("\x00 nothing here \x00") == []


def test_punctuation_between_a_cue_letter_and_an_id_is_a_separator() -> None:
    # "V：x…" is the cue V before the id, not the cue "vx" decorated with "："
    assert ids("请联系加V：xiaomei8603") == [("wechat", "xiaomei8603")]


@pytest.mark.parametrize(
    "written",
    [
        "Case No. 555-201-3344 filed",
        "BVN 08030000194 Lagos",  # Nigerian bank verification number: 11 digits like a mobile
        "my NIN: 0803 000 0194, Lagos",
        "passport no 0803 000 0194 lagos",
        "IC no 0120000173 kl",
        "案号 13812345678",
    ],
)
def test_case_and_national_id_numbers_are_not_phones(written: str) -> None:
    assert ids(written) == []


def test_a_plain_case_word_does_not_hide_a_phone() -> None:
    assert ids("just in case 555-201-3344") == [("phone", "+15552013344")]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("要的抓紧 威 hnzm2580 不回就打", "hnzm2580"),  # 威 alone, a homophone of 微
        ("价格私聊 威 ➕ tt_baby_0920", "tt_baby_0920"),
        ("👉威 hnzm 2580", "hnzm2580"),  # letters and digits typed in two blocks
        ("加我v 要男孩 lw_dache1985", "lw_dache1985"),  # a few words between cue and id
        ("微信 先说好 lily_0302 再聊", "lily_0302"),
    ],
)
def test_wechat_ids_after_homophones_gaps_and_in_blocks(written: str, value: str) -> None:
    assert ("wechat", value) in ids(written)


@pytest.mark.parametrize(
    "written",
    [
        "加v 详情 welcome to our page",  # words after a gap need a digit to be an id
        "微信 不方便 打电话问",
        "威海 天气 sunny today",
        "vx 1 9 9 8",
    ],
)
def test_words_after_a_wechat_cue_gap_are_not_ids(written: str) -> None:
    assert [kind for kind, _ in ids(written) if kind == "wechat"] == []


def test_an_id_in_two_blocks_does_not_swallow_a_phone() -> None:
    found = ids("微信 wang 138 1234 5678")
    assert ("wechat", "wang138") not in found
    assert ("phone", "+8613812345678") in found


@pytest.mark.parametrize(
    "written",
    [
        "Pay half deposit to reserve. GTB acct name Ngozi Okafor 0123456789. God bless",
        "Send to a/c 0123456789 Zenith",
        "account name: Ada Obi 0803 417 2295",
        "Account: 0123456789 (GTBank) — Hope Orphanage Jos",
    ],
)
def test_an_account_number_after_its_cue_is_no_phone(written: str) -> None:
    assert ids(written) == []


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("acct: Ngozi, whatsapp 08034172295 Lagos", ("phone", "+2348034172295")),
        ("acct name Ngozi. Call 08034172295 in Lagos", ("phone", "+2348034172295")),
        ("account number 6222 0212 3456 7894", ("bank_card", "6222021234567894")),
        ("户名 张三 6222021234567894", ("bank_card", "6222021234567894")),
    ],
)
def test_phones_and_cards_after_an_account_cue(written: str, expected: tuple[str, str]) -> None:
    assert ids(written) == [expected]


@pytest.mark.parametrize(
    "written", ["vx，tel 186🌸93379972", "vx call 1869 3379 972", "vx，tel 186"]
)
def test_a_phone_word_and_digits_after_a_wechat_cue_are_no_id(written: str) -> None:
    assert [
        value
        for kind, value in ids(written)
        if kind == "wechat" and value.startswith(("tel", "call"))
    ] == []
