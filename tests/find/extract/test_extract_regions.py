"""Phone numbers written without a country code, read under the plan of the place the post
names (currency, place, register, other numbers' country codes, ``lang``)."""

from __future__ import annotations

import pytest

from cradlewatch.find.extract import extract
from cradlewatch.find.extract.regions import post_regions, region_currency


def phones(text: str, **kwargs: str) -> list[str]:
    found = extract(text, **kwargs).identifiers
    for ident in found:
        assert text[ident.start : ident.end] == ident.raw
    return [i.value for i in found if i.kind == "phone"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # UK drama-range mobile: possible, not valid; "£" and "Leeds" place the post
        ("Stroller £350 ono. Collection from Leeds. Text 07700 900417", "+447700900417"),
        ("Free to good home, Brighton area. 07700 900588", "+447700900588"),
        ("Who dey need baby boy? 800k naira. Lagos delivery. WA 0803 000 0194", "+2348030000194"),
        ("Baby girl 4 months, Kuala Lumpur. RM 30k. whatsapp 012-000 0173", "+60120000173"),
        ("Room for rent in Petaling Jaya, RM750/month. WA 011-0000 0182", "+601100000182"),
        ("Nanny in Singapore, S$2,800/month. Whatsapp 9000 0147", "+6590000147"),
        ("Hong Kong adoption session, 12 Dec. Tel 2000 0134", "+85220000134"),
        ("Boy ₹6 lakh. Mumbai, Pune. Call 98000 00163", "+919800000163"),
        # a country code elsewhere in the post names the plan of the bare number
        ("Call +234 803 000 0100 or 0803 000 0194", "+2348030000194"),
        # Chinese posts from Hong Kong and Taiwan
        ("对方畀返HK$20万我搬屋，WhatsApp 9000 0158", "+85290000158"),
        ("佢老豆唔要我哋，whatsapp 6555 0172", "+85265550172"),
        ("我朋友的女儿在板桥走失，请拨打 0912-000-273", "+886912000273"),
        # a toll-free number in the North American layout is not a Chinese 180 mobile
        ("Questions? call 1-800-555-0100.", "+18005550100"),
    ],
)
def test_the_post_names_the_numbering_plan(text: str, value: str) -> None:
    assert phones(text)[-1] == value


def test_lang_names_the_plan() -> None:
    text = "PM lang po or text 0917 000 0142"
    assert phones(text, lang="tl") == ["+639170000142"]


@pytest.mark.parametrize(
    "text",
    [
        # a UK mobile in an English post is never a Chinese landline (+86 7700 …)
        "Text 07700 900417",
        # Nigerian or Indian? valid in both and nothing in the post says which: not guessed
        "Please any genuine person reach me. 08030000119",
        # an 8-digit number with no place named is not a Hong Kong or Singapore phone
        "Order 9000 0147 shipped",
        # Chinese landline with a subscriber number starting with 0 does not exist
        "请拨打 0912-000-273",
    ],
)
def test_no_plan_no_guess(text: str) -> None:
    assert phones(text) == []


def test_chinese_posts_keep_chinese_plans_first() -> None:
    assert phones("香港中介 电话 13812345678") == ["+8613812345678"]
    assert phones("台北来的 座机 0755-83921266") == ["+8675583921266"]


def test_post_regions_orders_by_cues() -> None:
    assert post_regions("boy for ₦2m, girls ₦1.5m in lagos, rm") == ("NG", "MY")
    assert post_regions("kleenex and slack") == ()  # "kl", "lah" only as whole words
    assert post_regions("in hong kong") == ("HK",)
    assert post_regions("hello", lang="tl") == ("PH",)
    assert region_currency("NG") == "NGN"


def test_a_phone_word_lets_the_configured_plan_take_a_possible_number() -> None:
    # 07700 900xxx is set aside for fiction: possible, not valid
    assert phones("Text 07700 900417", region="GB") == ["+447700900417"]
    assert phones("Ref 07700 900417", region="GB") == []


@pytest.mark.parametrize(
    ("written", "value"),
    [
        (
            "We still get space for girls wey get belle. Boy pikin extra. Holla 08034172295",
            "+2348034172295",
        ),
        ("Ondo State Ministry: report illegal baby homes to 0803 555 0199", "+2348035550199"),
    ],
)
def test_nigerian_states_and_pidgin_place_a_post(written: str, value: str) -> None:
    assert phones(written) == [value]


@pytest.mark.parametrize(
    "written",
    ["Call 0803 555 0199", "Sabi niya una sa lahat, text 0803 555 0199"],
)
def test_an_ambiguous_trunk_zero_number_stays_unread_without_nigerian_words(written: str) -> None:
    assert phones(written) == []


@pytest.mark.parametrize(
    ("written", "regions"),
    [
        ("满月+10天 有偿领养200", ()),
        ("3+1 bedroom, +2 parking", ()),
        ("call +234 809 555 0134", ("NG",)),
        ("WhatsApp +63 917 555 0101", ("PH",)),
    ],
)
def test_a_plus_sign_names_a_country_only_before_a_phone_number(
    written: str, regions: tuple[str, ...]
) -> None:
    assert post_regions(written) == regions


def test_an_age_plus_days_leaves_a_chinese_pets_fee_in_yuan() -> None:
    found = extract("【送养】英短 满月+10天\n有偿领养200（领养后可退）")
    assert [(p.amount, p.currency) for p in found.prices] == [(200, "CNY")]


@pytest.mark.parametrize(
    ("written", "phones", "prices"),
    [
        ("FREE kittens. DM or call 0491 570 156 (Brisbane north)", ["+61491570156"], []),
        ("Rehoming fee $150, Sydney. Text 0491 570 110", ["+61491570110"], [(150, "AUD")]),
        ("A$500 fee, call 0491 570 110", ["+61491570110"], [(500, "AUD")]),
        ("代购奶粉 澳洲a2 238一罐", [], [(238, "CNY")]),
    ],
)
def test_an_australian_post_reads_australian_numbers_and_dollars(
    written: str, phones: list[str], prices: list[tuple[int, str]]
) -> None:
    """Australia by its cities and dollars; a Chinese post that names Australia as where its
    goods come from still counts in yuan."""
    found = extract(written)
    assert [i.value for i in found.identifiers if i.kind == "phone"] == phones
    assert [(p.amount, p.currency) for p in found.prices] == prices


@pytest.mark.parametrize(
    ("written", "phones", "prices"),
    [
        (
            "Small rehoming fee KSh 5,000. Karen, Nairobi. Call 0722 555 914",
            ["+254722555914"],
            [(5000, "KES")],
        ),
        (
            "Baby clothes 0-3 months, R350 for all. Pretoria east, whatsapp 082 555 3108",
            ["+27825553108"],
            [(350, "ZAR")],
        ),
        (
            "Lahore family, we give Rs. 1,00,000 extra. Contact 0300 555 6123",
            ["+923005556123"],
            [(100_000, "PKR")],
        ),
        ("Mumbai, Rs 1,50,000 for the flat deposit", [], [(150_000, "INR")]),
        ("R2 and R3 are the routes we take", [], []),
    ],
)
def test_kenya_south_africa_and_pakistan_by_their_places_and_money(
    written: str, phones: list[str], prices: list[tuple[int, str]]
) -> None:
    """Shillings, rands (R350) and rupees grouped in lakhs ("1,00,000"); Rs is the rupee of
    the country the post names."""
    found = extract(written)
    assert [i.value for i in found.identifiers if i.kind == "phone"] == phones
    assert [(p.amount, p.currency) for p in found.prices] == prices


def test_country_second_level_domains_stay_whole() -> None:
    found = extract("Donate: soweto-mothers.org.za or sign up at hopekids.or.ke")
    assert [i.value for i in found.identifiers] == [
        "http://soweto-mothers.org.za",
        "http://hopekids.or.ke",
    ]


@pytest.mark.parametrize(
    ("written", "phone"),
    [
        ("孕婦裝 全部$1500 三重自取 LINE或電話 ０９３１－４７２－０６５", "+886931472065"),
        ("联系 0978-214-660", "+886978214660"),
        ("有意联系 012-555 0123", "+60125550123"),
        ("乌鲁木齐 电话 0991-1234567", "+869911234567"),
        ("电话 0755-1234567", "+867551234567"),
        ("手机 13812345678", "+8613812345678"),
    ],
)
def test_a_chinese_post_reads_a_number_abroad_only_where_the_mainland_cannot(
    written: str, phone: str
) -> None:
    """No mainland number has ten digits after 09 (Xinjiang's 09xx landlines have eleven) or
    starts 012; such a number is read where Chinese is also written and it is valid, if only
    in one place. A number the mainland plans read stays Chinese."""
    assert [i.value for i in extract(written).identifiers if i.kind == "phone"] == [phone]
