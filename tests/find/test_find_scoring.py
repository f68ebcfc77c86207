"""Verdicts, risks and reasons of the scanner on posts that exercise each rule and context."""

from __future__ import annotations

import pytest
from find_helpers import verdict_of

from cradlewatch.find.scanner import Scanner
from cradlewatch.model import Post

TRAFFICKING = [
    ("本人未婚先孕，男宝出生8天，健康，无力抚养，营养费5万，有意加扣扣 私聊", "price_for_child"),
    ("送养女宝，满月，感谢费私聊，不走民政，中介勿扰", "money_for_child"),
    ("现有男宝8万，女宝5万，都是刚满月的，可办出生证", "sex_based_pricing"),
    ("预产期6月，未知男女，预定的抓紧，补偿3万", "unborn_for_money"),
    ("包办出生证，可上户口，一条龙服务，领养男孩女孩都有", "document_offer"),
    ("重金收养一个男孩，一岁以内，条件优越", "buyer_pays"),
    ("有大货两个，小货一个，价格私聊", "goods_slang"),
    ("送養女寶，營養費兩萬五，有意者聯繫", "price_for_child"),  # traditional characters
    ("Newborn baby boy for sale, $3,000 cash, serious inquiries only, no agency", "paid_placement"),
]

BENIGN = [
    "英短猫咪送养，三个月，已打疫苗驱虫，有偿领养200元，有意加Q 12345678",
    "收养登记需要到民政局办理，收养人应当年满三十周岁，福利院的孩子可以申请",
    "警方破获一起拐卖儿童案，犯罪嫌疑人将男婴以5万元出售，法院判处有期徒刑十年",
    "寻子启事：男孩，3岁，在火车站走失，如有线索重金酬谢5万",
    "本吧禁止发布送养、领养信息，发现一律删帖封号",
    "我家男宝满月了，请问出生证明怎么办理？上户口需要什么材料？",
    "出售二手婴儿车，九成新，300元",
    "Kittens for sale $150 each, vaccinated and dewormed, loving homes only",
    "代孕包成功，试管婴儿，可选男女",
]


@pytest.mark.parametrize("text,code", TRAFFICKING)
def test_trafficking_posts_are_flagged_with_the_rule_that_shows_it(
    scanner: Scanner, text: str, code: str
) -> None:
    verdict, codes = verdict_of(scanner, text)
    assert verdict == "trafficking", (text, codes)
    assert code in codes


@pytest.mark.parametrize("text", BENIGN)
def test_hard_negatives_stay_benign(scanner: Scanner, text: str) -> None:
    verdict, codes = verdict_of(scanner, text)
    assert verdict == "benign", (text, codes)


def test_placement_without_money_is_suspicious_not_trafficking(scanner: Scanner) -> None:
    verdict, codes = verdict_of(scanner, "有个男宝想送养，有意者私聊")
    assert verdict == "suspicious"
    assert "placement_of_child" in codes


def test_negation_removes_the_indicator(scanner: Scanner) -> None:
    verdict, _ = verdict_of(scanner, "我们绝不卖孩子，请大家注意")
    assert verdict == "benign"


def test_inserted_symbols_and_homophones_are_matched(scanner: Scanner) -> None:
    finding = scanner.scan(Post(id="h", text="送.养男宝，营痒费5万"))
    assert finding.verdict == "trafficking"
    evidence = " ".join(r.evidence for r in finding.reasons)
    assert "5万" in evidence


def test_title_frames_the_text(scanner: Scanner) -> None:
    finding = scanner.scan(Post(id="t", title="送养男宝", text="营养费3万，联系扣扣 12345678"))
    assert finding.verdict == "trafficking"
    assert any(r.field == "title" for r in finding.reasons)


def test_risk_is_monotone_with_verdict_and_every_flag_has_reasons(scanner: Scanner) -> None:
    texts = [t for t, _ in TRAFFICKING] + BENIGN + ["有个男宝想送养，有意者私聊"]
    findings = [scanner.scan(Post(id=str(i), text=t)) for i, t in enumerate(texts)]
    order = {"benign": 0, "suspicious": 1, "trafficking": 2}
    for a in findings:
        assert 0.0 <= a.risk <= 1.0
        if a.verdict != "benign":
            assert any(r.weight > 0 for r in a.reasons)
        for b in findings:
            if order[a.verdict] > order[b.verdict]:
                assert a.risk >= b.risk


def test_evidence_spans_point_into_the_captured_text(scanner: Scanner) -> None:
    post = Post(
        id="s", title="【送養】男寶", text="男宝出生８天，营 养 费⑤万，加薇 abc_12345，人贩子勿扰"
    )
    finding = scanner.scan(post)
    assert finding.reasons
    for r in finding.reasons:
        assert getattr(post, r.field)[r.start : r.end] == r.evidence
    for i in finding.identifiers:
        assert getattr(post, i.field)[i.start : i.end] == i.raw


def test_bid_under_a_flagged_thread_is_routed_to_a_person(scanner: Scanner) -> None:
    root = Post(id="r1", thread_id="r1", text="送养男宝，满月，营养费5万，私聊")
    reply = Post(id="r2", thread_id="r1", text="蹲")
    unrelated = Post(id="r3", thread_id="other", text="蹲")
    results = {p.id: f for p, f in Scanner().scan_many([root, reply, unrelated])}
    assert results["r1"].verdict == "trafficking"
    assert results["r2"].verdict == "suspicious"
    assert "reply_in_flagged_thread" in {r.code for r in results["r2"].reasons}
    assert results["r3"].verdict == "benign"


@pytest.mark.parametrize(
    "text",
    [
        "出儿童安全座椅 宝宝用了一年 无事故 400 包邮",  # goods for a baby, not a baby
        "水滴筹求助：我女儿3岁，确诊白血病，治疗费用需要50万",  # fundraising
        "被电动车撞了 对方说赔营养费误工费一共八千 我还有个三个月的宝宝",  # injury compensation
        "Selling my son's old Xbox + 3 games, $120 obo.",  # possessive
        "楼主：非婚生的孩子能上户口吗？",  # a question, not an offer
    ],
)
def test_vocabulary_shared_with_ordinary_life_stays_benign(scanner: Scanner, text: str) -> None:
    verdict, codes = verdict_of(scanner, text)
    assert verdict == "benign", (text, codes)


@pytest.mark.parametrize(
    "text",
    [
        "男宝大货 女宝小货 男8-10 女5-6 全包 含出生证",  # price tiers without a unit
        "有冇人要BB仔？啱啱出世十日，男仔，好健康。俾返啲奶粉錢就得，三萬蚊。",  # Cantonese
        "出生证 空白的 有要的吗 能填 一张三千 带钢印",  # blank birth certificates
    ],
)
def test_trade_shorthand_and_dialects_are_flagged(scanner: Scanner, text: str) -> None:
    verdict, codes = verdict_of(scanner, text)
    assert verdict != "benign", (text, codes)


def test_a_bid_by_an_account_already_flagged_is_routed_to_a_person() -> None:
    first = Post(id="a1", platform="tieba", author_id="u1", text="送养男宝，满月，营养费5万，私聊")
    later = Post(id="a2", platform="tieba", author_id="u1", text="还在，已私")
    stranger = Post(id="a3", platform="tieba", author_id="u2", text="还在，已私")
    results = {p.id: f for p, f in Scanner().scan_many([first, later, stranger])}
    assert results["a1"].verdict == "trafficking"
    assert "account_flagged_before" in {r.code for r in results["a2"].reasons}
    assert results["a2"].verdict == "suspicious"
    assert results["a3"].verdict == "benign"


RATES = [
    ("找育儿嫂，宝宝八个月，住家，月薪七千，电话13912345678", "rate_context"),
    ("Need a babysitter for my 2 year old daughter, $20/hr, call 555-0142", "rate_context"),
    ("保姆带孩子 一岁男宝 每月工资五千", "rate_context"),
]


@pytest.mark.parametrize("text,context", RATES)
def test_wages_and_fees_per_month_or_hour_are_not_the_price_of_a_child(
    scanner: Scanner, text: str, context: str
) -> None:
    verdict, codes = verdict_of(scanner, text)
    assert verdict == "benign", (text, codes)
    assert context in codes and "price_for_child" not in codes


def test_a_lump_sum_after_the_childs_age_is_still_a_price(scanner: Scanner) -> None:
    verdict, codes = verdict_of(scanner, "送养男宝一个月 营养费8万 一次性付清 私聊")
    assert verdict == "trafficking" and "price_for_child" in codes
    assert "rate_context" not in codes


def test_a_sellers_screening_formula_is_not_a_public_warning(scanner: Scanner) -> None:
    text = (
        "【宝宝情况】出生三天的小女孩【补偿】¥20000 手机135-0597-6224 骗子和人贩勿扰，否则直接举报"
    )
    verdict, codes = verdict_of(scanner, text)
    assert verdict == "trafficking" and "warning_context" not in codes


def test_a_real_warning_still_counts_beside_a_screening_formula(scanner: Scanner) -> None:
    finding = scanner.scan(
        Post(id="t", text="警惕！网上以爱心送养为名贩卖婴儿，男婴标价5万，发现请举报")
    )
    assert finding.verdict == "benign"
    assert "warning_context" in {r.code for r in finding.reasons}


def test_a_broker_listing_without_child_nouns_is_flagged(scanner: Scanner) -> None:
    verdict, _ = verdict_of(scanner, "#0312 女 2月 闽  #0313 男 1月 粤  详询老地方")
    assert verdict != "benign"


@pytest.mark.parametrize(
    "text,author",
    [
        ("入群报到，求个一岁以内的，能补6w", "河北-领男"),
        ("妹儿今天满40天了，补3万，要来成都自己接", "四川-送女"),
    ],
)
def test_the_markets_name_tags_mark_a_deal(scanner: Scanner, text: str, author: str) -> None:
    verdict, codes = verdict_of(scanner, text, author=author)
    assert verdict != "benign", codes
    assert "role_label_in_author" in codes or "role_label" in codes


def test_a_name_tag_needs_its_dash(scanner: Scanner) -> None:
    verdict, _ = verdict_of(scanner, "今天送女儿上学，顺便买了菜")
    assert verdict == "benign"


@pytest.mark.parametrize(
    "text",
    [
        "求问：老公的弟弟想把孩子过继给我们，要不要给他们钱？给了钱会不会算买卖？",
        "Is it legal to pay a birth mother's living expenses in a private adoption? We work with an attorney.",
        '小说片段："这孩子是男孩，三万块，少一分都不行。"女人把襁褓往桌上一放。',
        "【出售】九成新婴儿推车，宝宝大了用不上了，原价1699现价450，电话 186 4020 3351",
    ],
)
def test_questions_fiction_and_goods_stay_benign(scanner: Scanner, text: str) -> None:
    verdict, codes = verdict_of(scanner, text)
    assert verdict == "benign", codes


@pytest.mark.parametrize(
    "text",
    [
        "有偿领养！！！不是猫不是狗，是人类幼崽，有需要的私我",
        "Got a lil brother (3) my mom wants gone. lol not joking. $$ works. hmu on snap",
    ],
)
def test_a_negated_pet_or_joke_is_no_excuse(scanner: Scanner, text: str) -> None:
    verdict, codes = verdict_of(scanner, text)
    assert verdict != "benign", codes
    assert not {"pet_context", "fandom_context"} & codes


@pytest.mark.parametrize(
    "text",
    [
        "Selling my stroller, used for one baby only, very good condition. £350 ono. Collection from Leeds. Text 07700 900417",
        "离婚时孩子判给男方，男方每月需支付抚养费1500元，但是他已经半年没给了，我可以申请强制执行吗？孩子是个男孩，今年4岁。",
        "Baby factory busted again. They were selling the newborns, boys for $2,000, girls $1,500. When will this stop??",
    ],
)
def test_resale_child_support_and_news_stay_benign(scanner: Scanner, text: str) -> None:
    verdict, codes = verdict_of(scanner, text)
    assert verdict == "benign", codes


def test_a_buyer_who_names_the_legal_route_to_avoid_it_is_flagged(scanner: Scanner) -> None:
    text = (
        "我们做过三次试管都失败了。去民政局问过收养，福利院里健康的孩子要排好几年，基本轮不到。"
        "如果有宝妈实在没办法养，营养费感谢费都可以给，十万以内都能接受，也能帮忙上户口。QQ 1983304672"
    )
    verdict, codes = verdict_of(scanner, text, title="结婚九年无子，诚心求领养")
    assert verdict == "trafficking", codes
    assert "surrogacy_context" not in codes


def test_the_model_does_not_judge_a_two_character_reply(scanner: Scanner) -> None:
    finding = scanner.scan(Post(id="t", text="在哪", author="领宝-福建"))
    assert finding.verdict != "benign"
    assert "text_model" not in {r.code for r in finding.reasons}


def test_english_prices_count_near_a_child_a_sentence_away(scanner: Scanner) -> None:
    text = (
        "Have a baby boy, 1 month old, available in Delhi. Parents are poor and want a family "
        "who can give him a better life. $4,000 to the family. WhatsApp +91 98000 00147"
    )
    verdict, codes = verdict_of(scanner, text)
    assert "price_for_child" in codes and verdict == "trafficking", codes


def test_puppies_called_babies_are_still_puppies(scanner: Scanner) -> None:
    text = (
        "We have beautiful healthy yorkie babies ready for new homes. All puppies come with a "
        "vet certificate and microchip. $850 each"
    )
    verdict, codes = verdict_of(scanner, text)
    assert verdict == "benign", codes


@pytest.mark.parametrize("model_weight", [0.0004, 0.0023, 1.6653, -0.2])
def test_rules_that_reach_the_trafficking_bar_exactly_keep_it_whatever_the_model_adds(
    model_weight: float,
) -> None:
    """base −2.5 + a conclusive 3.0 is exactly the bar of 0.5; a model that pushes up must not
    lose it to rounding, and one that pulls down must."""
    from cradlewatch.find.rules import RuleBook
    from cradlewatch.find.scoring import MODEL_CODE, decide
    from cradlewatch.model import Reason

    book = RuleBook.default()
    assert book.base + 3.0 == book.trafficking_at
    positive = [
        Reason("buyer_pays", 3.0, "text", "重金收养", 0, 4),
        Reason(MODEL_CODE, model_weight, "text", "重金收养一个男孩", 0, 8),
    ]
    score = decide(positive, [], book, conclusive=True)
    assert score.verdict == ("trafficking" if model_weight > 0 else "suspicious")


def test_anonymous_posters_share_no_account_history(scanner: Scanner) -> None:
    """"匿名用户" is everyone who posts without a name: one anonymous seller must not make the
    next anonymous question look like the same account coming back."""
    seller = Post(id="a1", text="出售男宝 满月 营养费5万 扣扣 3829105671", author="匿名用户")
    question = Post(id="a2", text="亲子鉴定多少钱？大概两千多？", author="匿名用户")
    named = Post(id="a3", text="出售男宝 满月 营养费5万 扣扣 3829105671", author="老王")
    named_again = Post(id="a4", text="亲子鉴定多少钱？大概两千多？", author="老王")
    assert question.account is None and named.account == "unknown:老王"
    findings = [scanner.scan(post) for post in (seller, question, named, named_again)]
    assert "account_flagged_before" not in {r.code for r in findings[1].reasons}
    assert "account_flagged_before" in {r.code for r in findings[3].reasons}
