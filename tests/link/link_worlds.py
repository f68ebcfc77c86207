"""Small hand-built (Post, Finding) worlds for the link tests, independent of the scanner."""

from __future__ import annotations

from cradlewatch.model import Finding, Identifier, Place, Post, Price


def scanned(pid: str, text: str, *, ids: tuple[tuple[str, str], ...] = (),
            account: str | None = None, verdict: str = "trafficking", platform: str = "tieba",
            site: str | None = None, posted_at: str = "2013-08-02T10:00:00+08:00",
            province: str | None = "江苏省", risk: float = 0.9) -> tuple[Post, Finding]:
    """A post whose text ends with its identifiers, and a finding that points at them."""
    identifiers = []
    body = text
    for kind, value in ids:
        start = len(body) + 1
        body = f"{body} {value}"
        identifiers.append(Identifier(kind, value, value, "text", start, start + len(value)))
    post = Post(id=pid, text=body, platform=platform, site=site,
                author=account, author_id=account, posted_at=posted_at)
    places = [Place(province, None, province)] if province else []
    price = [Price(50000, "CNY", "5万", "text", 0, 0)]
    return post, Finding(pid, verdict, risk if verdict != "benign" else 0.05,
                         identifiers=identifiers, places=places, prices=price)


TEMPLATES = {
    "A": "爱心宝贝之家诚心送养满月男宝一名，身体健康，营养费私聊，人贩子勿扰，有意者加",
    "B": "家里困难无力抚养，送养刚出生女宝，可办出生证上户口，感谢费面谈，联系方式",
    "C": "天使领养网：预产期下月，未知男女，诚心找好人家，补偿费可谈，微信同号",
    "D": "急求健康男孩一名，三岁以内，家庭条件优越，重金酬谢介绍人，非诚勿扰",
}


def ring(prefix: str, size: int, ids: tuple[tuple[str, str], ...], template: str,
         account: str | None = None, **kwargs: object) -> list[tuple[Post, Finding]]:
    """``size`` posts of one ring: the same template and identifiers, varying child ages."""
    return [scanned(f"{prefix}{k:02d}", f"{TEMPLATES[template]} 第{k}天", ids=ids,
                    account=account or f"{prefix}seller", **kwargs)  # type: ignore[arg-type]
            for k in range(size)]
