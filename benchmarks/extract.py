"""Benchmark the text layer of Find: posts/s of normalise + all extractors on one core.

    .venv/bin/python benchmarks/extract.py [--posts 20000] [--seed 7]

Prints, for the same list of realistic posts (written below; numbers re-drawn per copy so
that no cache sees the same number twice), three runs in the same process:
``unicodedata.normalize("NFKC")`` alone (the baseline), ``cradlewatch.text.normalize``, and
``normalize`` + ``extract`` (identifiers, prices, places, children). Read the ratio to the
baseline first (machines are noisy), then the absolute µs per post: the scan budget is
≲ 80 µs for normalise + extract of a typical 150-character post.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import unicodedata
from collections.abc import Callable

from cradlewatch.find.extract import extract
from cradlewatch.text import normalize

TEMPLATES = [
    "送养满月男宝，身体健康，因为家里困难无力抚养，营养费{w}万，有意者联系一三八 {a} {b}，微信同号，人贩子勿扰。",
    "出生8天女婴，未婚先孕实在没办法，希望找个好人家，补偿{w}w，扣扣：{qq}，南京本地优先。",
    "急求男孩，两岁以内，价格好商量，可以办出生证上户口，有的私我 vx: wang_{qq}",
    "預產期3月，未知男女，可預定，感謝費兩萬五，聯繫 壹叁玖{a}{b}，廣東深圳面交",
    "Baby boy 2 weeks old, healthy, birth mother expenses ${k},000 cash, no agency no paperwork. "
    "Call ({area}) 201-{b} serious inquiries only",
    "男宝8万 女宝5万 大货小货都有 一条龙服务 Q群 {qq} 四川云南货源",
    "宝妈们问一下，上户口需要出生证明吗？我家女宝三个月了，在福建泉州，谢谢大家！",
    "猫咪送养，三个月，已打疫苗驱虫，有偿领养200元，联系QQ {qq}",
    "【寻子启事】2014年1月30日在河南郑州走失男孩，3岁，重金酬谢{w}万，电话：1 3 8-{a}*{b}",
    "民政局收养登记流程：需要收养评估，福利院儿童优先，详情见 www.Example-Adopt.org/Guide",
    "有宝宝想送养的私聊，诚心领养，非诚勿扰 ❶❸❽{a}{b} 支付宝同号",
    "Looking to adopt privately, DM me or email hope.family at example dot com, Guangdong area",
    "订单号：2023110212345678901，收货地址北京市朝阳区，身份证110101199003074514，体重3.5kg",
    "今天带儿子去打疫苗，6个月男宝宝，体重7斤多，好开心😊😊",
    "卡号 6222 0212 3456 7890 128 农行 张先生，男宝满月后领走，营养费三万五千",
]


def make_posts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)

    def digits(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    posts = []
    for i in range(count):
        template = TEMPLATES[i % len(TEMPLATES)]
        posts.append(
            template.format(
                w=rng.randint(2, 9),
                a=digits(4),
                b=digits(4),
                qq=str(rng.randint(10**6, 10**10)),
                k=rng.randint(1, 9),
                area=rng.choice(["212", "415", "555"]),
            )
        )
    return posts


def best_of(runs: int, job: Callable[[], None]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    posts = make_posts(args.posts, args.seed)
    extract(posts[0])  # load opencc, the gazetteer and the cue tables before the clock starts

    def baseline() -> None:
        for post in posts:
            unicodedata.normalize("NFKC", post)

    def normalise_only() -> None:
        for post in posts:
            normalize(post)

    def full() -> None:
        for post in posts:
            extract(post, normalized=normalize(post))

    n = len(posts)
    mean_len = statistics.mean(len(p) for p in posts)
    base = best_of(args.runs, baseline)
    norm = best_of(args.runs, normalise_only)
    # Fresh numbers for the timed run, so the phone-validation cache starts cold.
    posts[:] = make_posts(args.posts, args.seed + 1)
    total = best_of(1, full)
    print(f"{n} posts, mean {mean_len:.0f} characters")
    print(f"baseline unicodedata NFKC : {n / base:10.0f} posts/s  {base / n * 1e6:7.1f} µs/post")
    print(f"normalize                 : {n / norm:10.0f} posts/s  {norm / n * 1e6:7.1f} µs/post")
    print(f"normalize + extract       : {n / total:10.0f} posts/s  {total / n * 1e6:7.1f} µs/post")
    print(f"ratio normalize+extract / baseline time: {total / base:.1f}x")


if __name__ == "__main__":
    main()
