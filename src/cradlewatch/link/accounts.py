"""Account resolution: the same person behind variant handles and platforms (Splink on DuckDB).

Posts are far too many for pairwise record linkage at a million posts, but accounts are few,
so each account of a flagged post becomes one record: its nickname, its home province (for
blocking), its non-hub identifiers, provinces, sites and writing habits (see :func:`templates.style_tokens`).
A Fellegi–Sunter model is trained without labels (u by random sampling, m by EM under two
blocking rules: same nickname and province; same sites and province, on a sample of
records) and pairs with a match probability of at least ``same_person_min_probability``
become ``same_person`` edges between the two accounts. Nickname agreement is term-frequency
adjusted, so a templated group nickname such as "河南-送女宝" that many people use counts for
little, while a rare handle counts for much.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cradlewatch.link.config import LinkConfig
from cradlewatch.link.hubs import HubStats
from cradlewatch.link.records import LinkPost

# Below this many accounts EM has too little to learn from, and handles are few enough that
# shared identifiers and templates carry the linking alone.
MIN_ACCOUNTS = 50
# EM samples at most this many blocked pairs per rule, so that training stays bounded when a
# ring's site is shared by thousands of accounts.
EM_MAX_PAIRS = 1e6


@dataclass(slots=True, frozen=True)
class SamePerson:
    """Two accounts judged to be one person, with Splink's match probability."""

    left: str
    right: str
    probability: float
    evidence: str


def account_records(posts: Iterable[LinkPost], hubs: HubStats,
                    config: LinkConfig) -> list[dict[str, object]]:
    """One record per account of the flagged posts, with set-valued features."""
    names: dict[str, str] = {}
    identifiers: dict[str, set[str]] = defaultdict(set)
    provinces: dict[str, set[str]] = defaultdict(set)
    sites: dict[str, set[str]] = defaultdict(set)
    style: dict[str, set[str]] = defaultdict(set)
    platforms: dict[str, str] = {}
    for post in posts:
        if post.account is None or not post.flagged:
            continue
        account = post.account
        names.setdefault(account, post.author or account.partition(":")[2])
        platforms.setdefault(account, post.platform or "unknown")
        identifiers[account].update(i for i in post.identifiers
                                    if hubs.identifier_weight(i, config) > 0)
        provinces[account].update(p for p, _ in post.places if p)
        if post.site:
            sites[account].add(post.site)
        style[account].update(post.style)
    return [
        {"unique_id": account, "nickname": names[account],
         "place_key": min(provinces[account], default=None),
         "platform": platforms[account],
         "identifiers": sorted(identifiers[account]), "provinces": sorted(provinces[account]),
         "sites": sorted(sites[account]), "style": sorted(style[account])}
        for account in sorted(names)
    ]


def resolve_accounts(records: list[dict[str, object]], config: LinkConfig) -> list[SamePerson]:
    """Same-person pairs among account records, by an unsupervised Splink model."""
    if len(records) < MIN_ACCOUNTS:
        return []
    import duckdb
    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    # Splink exports no exception types; EM's "no pairs" error lives in its internals.
    from splink.internals.exceptions import SplinkException

    logging.getLogger("splink").setLevel(logging.ERROR)
    frame = pd.DataFrame.from_records(records)
    connection = duckdb.connect()
    try:
        db_api = DuckDBAPI(connection=connection)
        table = db_api.register(frame, dataset_display_name="accounts")
        settings = SettingsCreator(
            link_type="dedupe_only",
            comparisons=[
                cl.JaroWinklerAtThresholds("nickname", [0.95, 0.85]).configure(
                    term_frequency_adjustments=True),
                cl.ArrayIntersectAtSizes("identifiers", [2, 1]),
                cl.ArrayIntersectAtSizes("provinces", [1]),
                cl.ArrayIntersectAtSizes("sites", [1]),
                cl.ArrayIntersectAtSizes("style", [3, 1]),
            ],
            blocking_rules_to_generate_predictions=[
                block_on("nickname", "place_key"),
                block_on("identifiers", arrays_to_explode=["identifiers"]),
            ],
            retain_intermediate_calculation_columns=False,
        )
        linker = Linker(table, settings, log_level=None)
        linker.training.estimate_u_using_random_sampling(max_pairs=2e5, seed=config.seed)
        trained = 0
        for rule in (block_on("nickname", "place_key"), block_on("sites", "place_key")):
            try:
                linker.training.estimate_parameters_using_expectation_maximisation(
                    rule, max_pairs=EM_MAX_PAIRS)
                trained += 1
            except (SplinkException, ValueError) as error:
                # A small or homogeneous input gives EM no pairs under a rule (or drives an m
                # probability to zero): that rule teaches nothing here, which is not an error.
                logging.getLogger(__name__).debug("account EM skipped %s: %s", rule, error)
        if not trained:
            return []  # nothing learnt: shared identifiers and templates link on their own
        predictions = linker.inference.predict(
            threshold_match_probability=config.same_person_min_probability,
            warning_mode="never",
        ).as_pandas_dataframe()
    finally:
        connection.close()
    pairs = []
    for row in predictions.itertuples(index=False):
        left, right = sorted((str(row.unique_id_l), str(row.unique_id_r)))
        pairs.append(SamePerson(left, right, float(row.match_probability),
                                f"{row.nickname_l} ~ {row.nickname_r}"))
    return sorted(pairs, key=lambda p: (p.left, p.right))
