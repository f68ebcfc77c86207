"""Render contact identifiers with the cues and disguises of the writer's ring (DOMAIN.md §3).

Phones, QQ numbers, WeChat ids (or "微信同号"), e-mails, site URLs, the ring's QQ groups and
organiser, and the public hub numbers. The value always comes from the world (``world.py``);
only its written form is drawn here, so the truth can state the normalised value.
"""

from __future__ import annotations

from cradlewatch.scenario.context import Piece, PostContext, current, ident_record
from cradlewatch.scenario.obfuscate import pick, render_digits, render_landline
from cradlewatch.scenario.world import Ident, Ring


def phone_pieces(ctx: PostContext, ident: Ident, hub: str | None = None, cue: bool = False) -> list[Piece]:
    rng = ctx.rng
    if ident.area == "1":
        d = ident.digits
        raw = pick(rng, (f"({d[:3]}) {d[3:6]}-{d[6:]}", f"{d[:3]}-{d[3:6]}-{d[6:]}", f"{d[:3]}.{d[3:6]}.{d[6:]}"))
        return [(raw, ident_record(ident, raw, hub))]
    style = pick(rng, ctx.style.digit_styles)
    if ident.area:
        raw = render_landline(ident.area, ident.digits, style, rng)
    else:
        raw = render_digits(ident.digits, style, rng)
    prefix = pick(rng, ("", "", "电话", "手机", "tel:", "☎")) if cue else ""
    return [(prefix, None), (raw, ident_record(ident, raw, hub))]


def qq_pieces(ctx: PostContext, ident: Ident, hub: str | None = None, group: bool = False) -> list[Piece]:
    rng = ctx.rng
    cue = pick(rng, ctx.style.qq_cues) + (pick(rng, ("群", "群号", "群号")) if group else "")
    style = pick(rng, ctx.style.digit_styles)
    raw = render_digits(ident.value, "plain" if style in ("dash", "dots") else style, rng)
    return [(cue + pick(rng, ("", "：", ":", " ")), None), (raw, ident_record(ident, raw, hub))]


def wechat_pieces(ctx: PostContext) -> list[Piece]:
    rng = ctx.rng
    actor = ctx.actor
    if actor.wechat_is_phone or not actor.wechats:
        phone = current(actor.phones, ctx)
        same = Ident("wechat", phone.value)
        cue = pick(rng, ("微信同号", "V同号", "同微", "vx同号"))
        return phone_pieces(ctx, phone)[1:] + [("（", None), (cue, ident_record(same, cue, same_as="phone")), ("）", None)]
    ident = current(actor.wechats, ctx)
    raw = ident.value if rng.random() < 0.8 else ident.value.upper()
    cue = pick(rng, ctx.style.wechat_cues) + pick(rng, ("", "：", ":", " "))
    return [(cue, None), (raw, ident_record(ident, raw))]


def email_pieces(ctx: PostContext) -> list[Piece]:
    if not ctx.actor.emails:
        return contact_pieces(ctx, allow_email=False)
    ident = ctx.actor.emails[0]
    raw = ident.value
    if ctx.rng.random() < 0.2:
        user, domain = raw.split("@")
        raw = f"{user} at {domain.replace('.', ' dot ')}"
    return [(raw, ident_record(ident, raw))]


def advertised_ring(ctx: PostContext) -> Ring | None:
    """The ring whose groups and sites a post advertises; a shared broker uses both rings."""
    other = ctx.actor.other_ring
    if other and ctx.rng.random() < 0.35:
        return ctx.world.ring_by_id[other]
    return ctx.ring


def group_pieces(ctx: PostContext) -> list[Piece]:
    ring = advertised_ring(ctx)
    if ring is None or not ring.groups:
        return qq_pieces(ctx, current(ctx.actor.qqs, ctx)) if ctx.actor.qqs else contact_pieces(ctx)
    member = int(ctx.actor.id[1:])
    span = max(ring.end - ring.start, 1)
    epoch = int(4 * (ctx.posted.timestamp() - ring.start) / span)
    ident = ring.groups[(member * 7 + epoch) % len(ring.groups)]
    return qq_pieces(ctx, ident, group=True)


def url_pieces(ctx: PostContext) -> list[Piece]:
    ring = advertised_ring(ctx)
    if ring is None and ctx.site_url is not None:  # an agency's or a paper's own site
        raw = ctx.site_url.value.removeprefix("http://") if ctx.rng.random() < 0.5 else ctx.site_url.value
        return [(raw, ident_record(ctx.site_url, raw))]
    if ring is None or not ring.urls:
        return contact_pieces(ctx)
    ident = pick(ctx.rng, ring.urls)
    raw = ident.value if ctx.rng.random() < 0.5 else ident.value.removeprefix("http://")
    return [(raw, ident_record(ident, raw))]


def contact_pieces(ctx: PostContext, allow_email: bool = True) -> list[Piece]:
    """Any one of the actor's contacts, in the proportions sellers use them."""
    actor = ctx.actor
    roll = ctx.rng.random()
    if ctx.lang == "en":
        if actor.emails and allow_email and roll < 0.4:
            return email_pieces(ctx)
        return phone_pieces(ctx, current(actor.phones, ctx), cue=True)
    if roll < 0.35 and actor.qqs:
        return qq_pieces(ctx, current(actor.qqs, ctx))
    if roll < 0.65:
        return wechat_pieces(ctx)
    if roll < 0.72 and ctx.ring is not None and ctx.ring.groups:
        return group_pieces(ctx)
    if roll < 0.75 and actor.emails and allow_email:
        return email_pieces(ctx)
    return phone_pieces(ctx, current(actor.phones, ctx), cue=True)


def hub_pieces(ctx: PostContext, name: str) -> list[Piece]:
    ident = ctx.world.hubs[name]
    if ident.kind == "qq":
        return qq_pieces(ctx, ident, hub=name, group=True)
    return phone_pieces(ctx, ident, hub=name)


def admin_pieces(ctx: PostContext) -> list[Piece]:
    """The ring's organiser (its first broker), whom members send buyers to."""
    ring = advertised_ring(ctx)
    brokers = [m for m in ring.members if m.role == "broker"] if ring is not None else []
    if not brokers:
        return contact_pieces(ctx)
    admin = brokers[0]
    if admin.wechats and not admin.wechat_is_phone:
        ident = current(admin.wechats, ctx)
        cue = pick(ctx.rng, ctx.style.wechat_cues) + pick(ctx.rng, ("", "：", ":"))
        return [(cue, None), (ident.value, ident_record(ident, ident.value))]
    if admin.qqs:
        return qq_pieces(ctx, current(admin.qqs, ctx))
    return phone_pieces(ctx, current(admin.phones, ctx), cue=True)
