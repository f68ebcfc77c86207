"""The Find front object: scan posts into findings (CONTRACTS §2), one by one or streamed.

Streaming works in small batches so that the learned model scores many posts per call while
memory stays flat: a batch is read, scored and written before the next one is read. The only
state carried between posts is a bounded memory of which threads started with a flagged post,
so that a bare bid ("有", "蹲", "我要") under a flagged offer is routed to a person.
"""

from __future__ import annotations

import gc
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from cradlewatch.find.lexicon import Lexicon
from cradlewatch.find.rules import Facts, Hit, RuleBook, apply_rules
from cradlewatch.find.scoring import MODEL_CODE, Score, context_reasons, decide, hit_reasons
from cradlewatch.find.signals import Signals, Span, read_signals
from cradlewatch.find.system_lines import is_system_line
from cradlewatch.find.text_model import TextModel, prepare
from cradlewatch.model import Finding, Identifier, Post, Reason

MODEL_CLIP = 3.0
# Log-odds at which the model alone may route a post to a person (suspicious, never more).
MODEL_ALONE = 2.5
# Below this many characters ("在哪", "1", "dd") the model has too little text to judge: its
# character n-grams say nothing, and the post's thread or its author's label decide.
MODEL_MIN_CHARS = 8
SHORT_BID_CHARS = 30
CONTEXT_MEMORY = 200_000
PET_THREAD_CONTEXT = "pet_thread"
# Allocations between two young-generation garbage collections while a scan runs (CPython's
# default is 700): see _sparse_young_collections.
SCAN_GC_THRESHOLD = 50_000


@dataclass(slots=True)
class Analysis:
    """Everything behind one finding, for ``scan --explain``."""

    post: Post
    signals: Signals
    facts: Facts
    hits: list[Hit]
    model_logit: float | None
    score: Score
    finding: Finding


class Scanner:
    """Scans posts with the lexicon, the combination rules and the learned text model."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        rules: RuleBook | None = None,
        model: TextModel | None | bool = True,
    ) -> None:
        self.lexicon = lexicon or Lexicon.default()
        self.rules = rules or RuleBook.default()
        self.model: TextModel | None = TextModel.default() if model is True else (model or None)
        self._flagged: OrderedDict[str, str] = OrderedDict()  # thread/account -> flagged post
        # thread -> (its first post seen, whether that post was a pet listing)
        self._thread_starts: OrderedDict[str, tuple[str, bool]] = OrderedDict()

    @property
    def version(self) -> str:
        model = self.model.version if self.model else "none"
        return f"lexicon {self.lexicon.version}, rules {self.rules.version}, model {model}"

    def scan(self, post: Post) -> Finding:
        return self.analyse([post])[0].finding

    def scan_many(
        self, posts: Iterable[Post], batch_size: int = 256
    ) -> Iterator[tuple[Post, Finding]]:
        """Scan a stream of posts in input order, holding at most one batch in memory."""
        if not _FROZEN:
            self.analyse([_WARM_UP])  # loads every lazily built table before the freeze
            _freeze_long_lived()
        with _sparse_young_collections():
            batch: list[Post] = []
            for post in posts:
                batch.append(post)
                if len(batch) >= batch_size:
                    for analysis in self.analyse(batch):
                        yield analysis.post, analysis.finding
                    batch = []
            if batch:
                for analysis in self.analyse(batch):
                    yield analysis.post, analysis.finding

    def analyse(self, posts: list[Post]) -> list[Analysis]:
        """Scan a batch of posts, keeping every intermediate for explanation."""
        staged = []
        for post in posts:
            signals = read_signals(post, self.lexicon)
            facts, hits = apply_rules(signals, self.rules)
            staged.append((post, signals, facts, hits))
        logits: list[float | None] = [None] * len(staged)
        if self.model is not None:
            # The model reads posts where the lexicon saw something of the trade; a post with
            # no positive term at all is left alone (and the scan stays fast).
            wanted = [
                i
                for i, (_, signals, _, hits) in enumerate(staged)
                if hits or signals.any_positive(ignoring=_CONTEXT_ONLY)
            ]
            texts = [_model_input(staged[i][1]) for i in wanted]
            for i, value in zip(wanted, self.model.logits(texts), strict=True):
                logits[i] = float(value)
        return [
            self._finish(post, signals, facts, hits, logit)
            for (post, signals, facts, hits), logit in zip(staged, logits, strict=True)
        ]

    def _finish(
        self, post: Post, signals: Signals, facts: Facts, hits: list[Hit], logit: float | None
    ) -> Analysis:
        text = signals.normalised.get("text")
        system = (
            "title" not in signals.normalised and text is not None and is_system_line(text.text)
        )
        if system:  # "江苏-领男宝 撤回了一条消息": the platform speaks, not the poster
            hits, logit = [], None
        # The model reads the post alone: it counts where the post's own words fired a rule,
        # or alone when it is very sure; a bare bid judged by its thread is left to the thread.
        model_counts = (
            logit is not None
            and len(post.text.strip()) + len((post.title or "").strip()) >= MODEL_MIN_CHARS
            and (bool(hits) or logit >= MODEL_ALONE)
        )
        if not system:
            hits = hits + self._thread_hits(post, signals, facts)
        positive = hit_reasons(signals, hits, self.rules)
        if logit is not None and model_counts:
            positive.append(self._model_reason(post, logit))
        negative = context_reasons(signals, facts, self.rules)
        if self._in_pet_thread(post):
            negative.append(self._pet_thread_reason(post))
        conclusive = any(self.rules.rules[h.code].conclusive for h in hits)
        score = decide(positive, negative, self.rules, conclusive)
        self._remember(post, score.verdict, facts.pet)
        finding = Finding(
            id=post.id,
            verdict=score.verdict,
            risk=score.risk,
            reasons=score.reasons,
            identifiers=_unique_identifiers(signals.identifiers),
            prices=signals.prices,
            places=signals.places,
            children=signals.children,
        )
        return Analysis(post, signals, facts, hits, logit, score, finding)

    def _model_reason(self, post: Post, logit: float) -> Reason:
        """The model reads the whole text, so its evidence is the whole text."""
        weight = self.rules.rules[MODEL_CODE].weight * max(-MODEL_CLIP, min(MODEL_CLIP, logit))
        return Reason(MODEL_CODE, round(weight, 4), "text", post.text, 0, len(post.text))

    def _thread_hits(self, post: Post, signals: Signals, facts: Facts) -> list[Hit]:
        """A short bid, or a post with buyer words, price talk or a contact, in a thread where
        an earlier post was flagged, or by an account whose earlier post was flagged
        trafficking (sellers and buyers come back with "还在", "已私", "蹲")."""
        if facts.pet or not post.text.strip():
            return []
        text = post.text.strip()
        engaged = signals.has("buyer", "contact_request", "haggling") or bool(signals.identifiers)
        if len(text) > SHORT_BID_CHARS and not engaged:
            return []
        start = post.text.index(text)
        span = Span("text", start, start + len(text))
        hits = []
        for code, key in (
            ("reply_in_flagged_thread", f"thread:{post.thread_id}" if post.thread_id else None),
            ("account_flagged_before", f"account:{post.account}" if post.account else None),
        ):
            if key is not None and self._flagged.get(key, post.id) != post.id:
                hits.append(Hit(code, 1.0, span))
        return hits

    def _in_pet_thread(self, post: Post) -> bool:
        """A reply in a thread whose first post was a pet listing ("still available? the
        orange boy", "how much for him"): the thread's subject is the animal."""
        start = self._thread_starts.get(post.thread_id) if post.thread_id else None
        return start is not None and start[1] and start[0] != post.id

    def _pet_thread_reason(self, post: Post) -> Reason:
        """The thread speaks through the reply's whole text, as the model does."""
        penalty = self.rules.contexts[PET_THREAD_CONTEXT].penalties[0]
        return Reason(
            f"{PET_THREAD_CONTEXT}_context", -penalty, "text", post.text, 0, len(post.text)
        )

    def _remember(self, post: Post, verdict: str, pet: bool) -> None:
        """Remember the first post of each thread (and whether it was about a pet), the first
        flagged post of each thread, and each account whose post was flagged trafficking
        (bounded memory, oldest forgotten first)."""
        if post.thread_id and post.thread_id not in self._thread_starts:
            self._thread_starts[post.thread_id] = (post.id, pet)
            if len(self._thread_starts) > CONTEXT_MEMORY:
                self._thread_starts.popitem(last=False)
        keys = []
        if verdict != "benign" and post.thread_id:
            keys.append(f"thread:{post.thread_id}")
        if verdict == "trafficking" and post.account:
            keys.append(f"account:{post.account}")
        for key in keys:
            if key not in self._flagged:
                self._flagged[key] = post.id
        while len(self._flagged) > CONTEXT_MEMORY:
            self._flagged.popitem(last=False)


def scan_posts(
    posts: Iterable[Post], scanner: Scanner | None = None
) -> Iterator[tuple[Post, Finding]]:
    """Scan a stream of posts in input order with the default (or a given) scanner."""
    return (scanner or Scanner()).scan_many(posts)


def _freeze_long_lived() -> None:
    """Take what is alive before a scan (the lexicon's automata and homophone tables, the
    model, the place tables) out of the garbage collector's generations, once per process.

    A scan allocates millions of short-lived objects; without this every full collection walks
    the hundreds of thousands of long-lived ones again, about a fifth of the scan's time.
    Frozen objects are never freed, which suits tables that live as long as the process."""
    global _FROZEN
    if not _FROZEN:
        gc.freeze()
        _FROZEN = True


@contextmanager
def _sparse_young_collections() -> Iterator[None]:
    """Collect the young generation every :data:`SCAN_GC_THRESHOLD` allocations, not 700,
    while a scan runs.

    A batch of posts keeps tens of thousands of small objects (matches, spans, records) alive
    until it is written, and reference counting frees nearly all of them afterwards: no
    cycles. At the default threshold every young collection walks the batch alive so far
    again, and the middle generation walks it once more, about 6% of the scan's time; at this
    one most of those objects are gone before a collection looks at them."""
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], SCAN_GC_THRESHOLD), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


_FROZEN = False
# A post that touches every extractor and both lexicon views, to load their tables.
_WARM_UP = Post(
    id="warm-up",
    title="送养男宝",
    text="北京 男宝满月 营养费5万 微信 abc123 电话13800138000 baby boy $3,000 a@b.com",
    posted_at="2014-01-01T00:00:00+08:00",
)


# Positive categories too common to wake the model on their own.
_CONTEXT_ONLY = frozenset(
    {"child_human", "child_shared", "contact_request", "hardship", "screening"}
)


def _model_input(signals: Signals) -> str:
    title = signals.normalised.get("title")
    text = signals.normalised.get("text")
    return prepare(title.text if title else None, text.text if text else "")


def _unique_identifiers(identifiers: list[Identifier]) -> list[Identifier]:
    """One entry per (kind, value): the first occurrence, whose span shows it as written."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for ident in identifiers:
        key = (ident.kind, ident.value)
        if key not in seen:
            seen.add(key)
            unique.append(ident)
    return unique
