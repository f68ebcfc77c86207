"""Helpers of the workspace tests: small synthetic post files (invented ids, names, numbers)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from cradlewatch.store.scratch import SKIP_REASON, server_url

#: SQLite always; PostgreSQL when a scratch server is configured (skipped with the reason else).
BACKENDS = [
    pytest.param("sqlite"),
    pytest.param("postgresql", marks=pytest.mark.skipif(server_url() is None, reason=SKIP_REASON)),
]
DEV_POSTS = Path(__file__).resolve().parents[1] / "data" / "dev" / "posts.jsonl"
# Synthetic posts only: invented ids, names and numbers.
POSTS = [
    {
        "id": "s1",
        "text": "出生证可办，男宝满月，营养费6万，加微信 baby_home88",
        "platform": "tieba",
        "site": "送养吧",
        "author": "爱心妈妈",
        "author_id": "am01",
        "posted_at": "2014-01-02T10:00:00+08:00",
    },
    {
        "id": "s2",
        "text": "女宝三个月，补偿4万，联系 一三八 一二三四 五六七八",
        "platform": "qq_group",
        "author": "小李",
        "author_id": "li88",
        "posted_at": "2014-01-03T10:00:00+08:00",
    },
    {
        "id": "s3",
        "text": "今天天气很好，带孩子去公园玩",
        "platform": "weibo",
        "author": "路人",
        "author_id": "lr",
        "posted_at": "2014-01-04T10:00:00+08:00",
    },
    {
        "id": "s4",
        "text": "收男宝，价格好商量，电话 13812345678",
        "platform": "tieba",
        "author": "求子",
        "author_id": "qz",
        "posted_at": "2014-01-05T10:00:00+08:00",
    },
]


def write_jsonl(
    path: Path, records: list[dict[str, object]], bad_lines: tuple[str, ...] = ()
) -> Path:
    lines = [orjson.dumps(r).decode() for r in records] + list(bad_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# reunite (CONTRACTS §4) and watch (CONTRACTS §5) outputs, synthetic ids only
MATCHES = """child_id,case_id,references,log10_lr,loci_used,inconsistent_loci,rank
C01,K07,father+mother,12.3456789012,15,0,1
C01,K02,mother,-inf,15,3,2
C02,K05,full_sibling,oops,15,0,1
"""
ALERTS = """clinician,hospital,signal,outcome,alert_date,alert_birth_id,births_seen,events_seen,expected_events,statistic,threshold
Dr-Z,H1,cusum,custody_loss,2013-05-02,B0000042,120,6,0.8,5.1,4.2
Dr-Z,H1,funnel,custody_loss,2013-12-30,B0000100,300,9,1.2,4.4,3.1
"""
