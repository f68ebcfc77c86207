"""The lexicon: views, negation, overlaps, homophones, and the data file's shape."""

from __future__ import annotations

import pytest

from cradlewatch.find.lexicon import GIVE_UP_TERM, Lexicon, TextViews
from cradlewatch.text import normalize


def categories(text: str) -> dict[str, str]:
    return {m.term.term: m.term.category for m in Lexicon.default().match(text, "text")}


def test_every_category_has_a_polarity_and_terms() -> None:
    lexicon = Lexicon.default()
    assert lexicon.version
    for name, spec in lexicon.categories.items():
        assert spec["polarity"] in ("positive", "negative"), name
        assert spec.get("zh") or spec.get("en"), name


def test_no_term_is_listed_twice() -> None:
    """A term that matches exactly as an earlier one does never fires: the data file must
    say each thing once, or an editor's change to the second copy silently does nothing."""
    assert Lexicon.default().shadowed == []


def test_a_repeated_term_is_reported_as_shadowed() -> None:
    lexicon = Lexicon(
        {
            "version": "t",
            "categories": {
                "money": {"polarity": "positive", "en": {"W": ["cash app"]}},
                "commerce": {"polarity": "negative", "en": {"W": ["cash-app", "stroller"]}},
            },
        }
    )
    assert [(t.term, t.category) for t in lexicon.shadowed] == [("cash-app", "commerce")]


def test_views_map_back_to_the_normalised_text() -> None:
    text = "营.养 费 for  sale!"
    views = TextViews.of(text)
    assert views.squeezed == "营养费forsale"
    assert views.spaced == "营 养 费 for sale"
    start = views.squeezed.index("营养费")
    assert views.squeezed_span(start, start + 3) == (0, 5)
    start = views.spaced.index("for sale")
    s, e = views.spaced_span(start, start + len("for sale"))
    assert text[s:e] == "for  sale"


def test_longest_match_wins_over_contained_terms() -> None:
    found = categories("不通过民政局，可办出生证")
    assert found.get("不通过民政") == "avoid_legal"
    assert "民政局" not in found
    assert found.get("可办出生证") == "document_offer"
    assert "出生证" not in found


def test_negated_positive_terms_are_dropped_but_negative_contexts_kept() -> None:
    found = categories("绝不卖孩子 not for sale 禁止拐卖")
    assert "卖孩子" not in found
    assert "for sale" not in found
    assert found.get("拐卖") == "warning"


def test_english_terms_need_word_boundaries() -> None:
    assert "cat" not in categories("catch the bus")
    assert categories("a cat").get("cat") == "pet"


def test_homophone_variants_are_matched_at_reduced_strength() -> None:
    matches = Lexicon.default().match("营痒费", "text")
    assert len(matches) == 1
    assert matches[0].term.variant_of == "营养费"
    assert matches[0].term.factor < 0.9


def test_emoji_stand_for_words() -> None:
    found = categories("👶🏻男 7个月 💰私")
    assert found.get("baby emoji") == "child_human"
    assert found.get("money emoji") == "money"


def test_latin_abbreviations_of_the_chinese_lexicon_need_word_boundaries() -> None:
    assert categories("csz + hk 一起办").get("csz") == "document_offer"
    assert "csz" not in categories("xcszy")


def test_negation_reaches_over_a_modal_verb() -> None:
    assert "送人" not in categories("姐妹别想着送人")


def test_possessive_is_not_the_child_for_sale() -> None:
    assert "selling my son" not in categories("selling my son's old xbox")


def test_every_lexicon_term_can_match() -> None:
    """A term made only of symbols or emoji has an empty key and would never match: emoji
    belong in ``EMOJI_TERMS``."""
    from cradlewatch.find.lexicon import _space_term, _squeeze_term

    dead = [
        t.term
        for t in Lexicon.default().terms
        if not (_squeeze_term(t.term) and _space_term(t.term))
    ]
    assert dead == []


@pytest.mark.parametrize(
    "text,found",
    [
        ("My cousin is looking to give her 4 month old up. She just needs some money", True),
        ("We are giving my son up for adoption", True),
        ("Give it up for the band tonight", False),
        ("I will never give my baby up", False),
    ],
)
def test_give_up_split_around_the_child_is_a_placement(text: str, found: bool) -> None:
    matches = Lexicon.default().match(normalize(text).text, "text")
    assert any(m.term is GIVE_UP_TERM for m in matches) is found
