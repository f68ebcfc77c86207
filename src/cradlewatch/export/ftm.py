"""FollowTheMoney entities (JSON Lines) for Aleph, OpenAleph, nomenklatura and friends.

Mapping, built with the ``followthemoney`` library so every property is validated:

* post → ``Message`` (body, title, URL, dates, the phone and e-mail identifiers it mentions,
  provenance and SHA-256 of the captured record in ``notes``), sent by
* account → ``UserAccount`` (service = platform, username, display name), owned by
* ``Person`` where Link resolved several accounts to one person (``same_person`` reasons);
* identifier → ``Mention`` of an unknown legal entity in the message (contact identifiers
  are how a ring is reached: Aleph can cross-reference them);
* ring → ``Organization`` (topic ``crime.traffick``) with an ``UnknownLink`` to each member
  message whose ``role`` names why it is in the ring;
* every reason (Find's evidence spans, Link's join reasons) and every analyst decision →
  ``Note`` on the entity it is about, with user and time.

Entity ids are deterministic (``make_id`` over workspace keys), so a re-export updates the
same entities in Aleph instead of duplicating them. Output is sorted by schema then id.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import orjson
from followthemoney import model
from followthemoney.proxy import EntityProxy

from cradlewatch.export.selection import Selection
from cradlewatch.store.records import DecisionRecord, PostDetail

PREFIX = "cradlewatch"


def _entity(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(PREFIX, schema.lower(), *key)
    return proxy


def _account(account: str, post: PostDetail) -> EntityProxy:
    proxy = _entity("UserAccount", account)
    platform, _, who = account.partition(":")
    proxy.add("service", platform)
    proxy.add("username", who)
    if post.author:
        proxy.add("name", post.author)
    return proxy


def _message(post: PostDetail, sender: EntityProxy | None) -> EntityProxy:
    proxy = _entity("Message", post.summary.id)
    proxy.add("recordId", post.summary.id)
    proxy.add("bodyText", post.text)
    proxy.add("title", post.title)
    proxy.add("subject", post.title)
    proxy.add("sourceUrl", post.url)
    proxy.add("date", post.summary.posted_at)
    proxy.add("retrievedAt", post.summary.captured_at)
    proxy.add("threadTopic", post.thread_id)
    proxy.add("crawler", post.summary.platform)
    proxy.add("keywords", sorted({r.code for r in post.reasons}))
    proxy.add(
        "notes",
        f"cradlewatch verdict {post.summary.verdict} (risk {post.summary.risk}); "
        f"captured record {post.source}"
        f"{':' + str(post.line) if post.line is not None else ''}"
        f"{'@' + str(post.offset) if post.offset is not None else ''}, "
        f"SHA-256 {post.sha256}",
    )
    for ident in post.identifiers:
        if ident.kind == "phone":
            proxy.add("phoneMentioned", ident.value)
        elif ident.kind == "email":
            proxy.add("emailMentioned", ident.value)
    if sender is not None:
        proxy.add("senderAccount", sender)
    return proxy


def _note(
    about: EntityProxy, name: str, description: str, *key: str, created: str | None = None
) -> EntityProxy:
    proxy = _entity("Note", about.id or "", *key)
    proxy.add("entity", about)
    proxy.add("name", name)
    proxy.add("description", description)
    proxy.add("createdAt", created)
    proxy.add("publisher", PREFIX)
    return proxy


def _decision_text(decision: DecisionRecord) -> str:
    note = f": {decision.note}" if decision.note else ""
    return (
        f"{decision.kind} {decision.subject}: {decision.action} by {decision.user} at "
        f"{decision.time}{note}"
    )


def _people(selection: Selection, accounts: dict[str, EntityProxy]) -> Iterator[EntityProxy]:
    """A Person per group of accounts Link resolved as one person; the accounts get an owner."""
    for ring in selection.rings:
        reasons: list[dict[str, Any]] = ring.profile.get("reasons", [])
        for reason in reasons:
            if reason.get("code") != "same_person":
                continue
            names = sorted(str(a) for a in reason.get("accounts", []))
            person = _entity("Person", *names)
            person.add("name", f"Person behind {', '.join(names)}")
            person.add(
                "description",
                f"Resolved by cradlewatch Link: {reason.get('evidence')} "
                f"(probability {reason.get('probability')})",
            )
            for name in names:
                if name in accounts:
                    accounts[name].add("owner", person)
                    person.add("alias", accounts[name].get("name"))
            yield person


def entities(selection: Selection) -> list[EntityProxy]:
    """Every entity of the selection, sorted by schema then id."""
    out: dict[str, EntityProxy] = {}
    accounts: dict[str, EntityProxy] = {}
    messages: dict[str, EntityProxy] = {}
    for post in selection.posts:
        sender = None
        if post.summary.account:
            sender = accounts.get(post.summary.account) or _account(post.summary.account, post)
            accounts[post.summary.account] = sender
        message = _message(post, sender)
        messages[post.summary.id] = message
        for ident in post.identifiers:
            mention = _entity("Mention", post.summary.id, ident.kind, ident.value)
            mention.add("document", message)
            mention.add("name", f"{ident.kind}:{ident.value}")
            mention.add("detectedSchema", "LegalEntity")
            if ident.kind == "phone":
                mention.add("contextPhone", ident.value)
            elif ident.kind == "email":
                mention.add("contextEmail", ident.value)
            out[mention.id or ""] = mention
        for index, reason in enumerate(post.reasons):
            note = _note(
                message,
                f"Reason {reason.code}",
                f"{reason.field}[{reason.start}:{reason.end}] = {reason.evidence!r} "
                f"(weight {reason.weight})",
                "reason",
                str(index),
            )
            out[note.id or ""] = note
    for person in _people(selection, accounts):
        out[person.id or ""] = person
    for ring in selection.rings:
        org = _entity("Organization", ring.summary.id)
        org.add("name", f"cradlewatch ring {ring.summary.id}")
        org.add("topics", "crime.traffick")
        org.add(
            "description",
            f"{ring.summary.size} posts, risk {ring.summary.risk}, seen "
            f"{ring.summary.first_seen} to {ring.summary.last_seen}",
        )
        out[org.id or ""] = org
        why: dict[str, list[str]] = {}
        for reason in ring.profile.get("reasons", []):
            for post_id in reason.get("posts", []):
                why.setdefault(str(post_id), []).append(
                    f"{reason.get('code')}: {reason.get('evidence')}"
                )
            note = _note(
                org,
                f"Link reason {reason.get('code')}",
                f"{reason.get('evidence')} — posts {', '.join(reason.get('posts', []))}",
                "ring-reason",
                str(reason.get("code")),
                str(reason.get("evidence")),
            )
            out[note.id or ""] = note
        for member in ring.members:
            if member.id not in messages:
                continue
            link = _entity("UnknownLink", ring.summary.id, member.id)
            link.add("subject", org)
            link.add("object", messages[member.id])
            link.add("role", "ring member")
            link.add("description", "; ".join(why.get(member.id, [])) or "clustered by Link")
            out[link.id or ""] = link
    subjects = {
        **{f"post:{k}": v for k, v in messages.items()},
        **{
            f"ring:{r.summary.id}": out.get(_entity("Organization", r.summary.id).id or "")
            for r in selection.rings
        },
    }
    for decision in selection.decisions:
        about = subjects.get(f"{decision.kind}:{decision.subject}")
        if about is None and decision.kind != "post":
            ends = (
                decision.subject.split("|")
                if decision.kind == "join"
                else [f"post:{p}" for p in decision.payload.get("posts", [])]
            )
            about = next((subjects[e] for e in ends if e in subjects), None)
        if about is None:
            continue
        note = _note(
            about,
            f"Decision: {decision.action}",
            _decision_text(decision),
            "decision",
            str(decision.seq),
            created=decision.time,
        )
        out[note.id or ""] = note
    for account in accounts.values():
        out[account.id or ""] = account
    out.update({m.id or "": m for m in messages.values()})
    return sorted(out.values(), key=lambda e: (e.schema.name, e.id or ""))


def write_ftm(selection: Selection, sink: IO[bytes]) -> int:
    """Write the entities as FtM JSON Lines; returns how many."""
    items = entities(selection)
    for proxy in items:
        sink.write(orjson.dumps(proxy.to_dict(), option=orjson.OPT_APPEND_NEWLINE))
    return len(items)
