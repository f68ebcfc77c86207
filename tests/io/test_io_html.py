"""HTML pages: visible text, title, URL, capture time, charset and a stable id."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cradlewatch.io import read_posts
from cradlewatch.io.html import decode_html, post_id
from cradlewatch.model import Post, Reject

MTIME = 1392600660  # 2014-02-17T01:31:00Z


def read_one(path: Path) -> Post:
    rejects: list[Reject] = []
    posts = list(read_posts([str(path)], rejects.append))
    assert rejects == []
    assert len(posts) == 1
    return posts[0]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    os.utime(path, (MTIME, MTIME))
    return path


def test_visible_text_drops_scripts_styles_and_hidden_parts(tmp_path: Path) -> None:
    page = write(
        tmp_path / "thread.html",
        """<!doctype html><html lang="zh-CN"><head><title> 圆梦之家 - 求领养 </title>
        <style>p { color: red }</style><script>var qq = "000";</script></head>
        <body><div class="post"><p>男宝  满月，<b>营养费</b>5<span>万</span></p>
        <p>联系&nbsp;QQ<br>一二三四五</p><noscript>enable js</noscript>
        <template><p>tpl</p></template><div hidden>hidden text</div>
        <ul><li>南京</li><li>上海</li></ul><!-- comment --></div></body></html>""".encode(),
    )
    post = read_one(page)
    assert post.text == "男宝 满月，营养费5万\n联系 QQ\n一二三四五\n南京\n上海"
    assert post.title == "圆梦之家 - 求领养"
    assert post.lang == "zh-CN"


def test_local_file_url_mtime_and_id(tmp_path: Path) -> None:
    raw = b"<html><body><p>hello</p></body></html>"
    page = write(tmp_path / "p.htm", raw)
    post = read_one(page)
    url = "file://" + os.path.abspath(page)
    assert post.url == url
    assert post.captured_at == "2014-02-17T01:31:00Z"
    expected = "html:" + hashlib.sha256(f"{url}|2014-02-17T01:31:00Z".encode()).hexdigest()[:16]
    assert post.id == expected == post_id(url, "2014-02-17T01:31:00Z")
    assert post.provenance is not None
    assert post.provenance.sha256 == hashlib.sha256(raw).hexdigest()
    assert post.provenance.source == str(page)
    assert post.provenance.captured_at == "2014-02-17T01:31:00Z"
    assert post.title is None


def test_page_stated_url_capture_time_and_metadata_win(tmp_path: Path) -> None:
    page = write(
        tmp_path / "saved.html",
        b"""<html><head><meta property="og:title" content="OG title">
        <link rel="Canonical" href="https://tieba.example/p/123">
        <meta name="captured_at" content="2014-01-30T22:40:00+08:00">
        <meta property="article:published_time" content="2014-01-29T10:00:00+08:00">
        <meta property="og:site_name" content="Dream Adoption Home">
        <meta name="author" content="xiaoli88"></head><body>text</body></html>""",
    )
    post = read_one(page)
    assert post.url == "https://tieba.example/p/123"
    assert post.captured_at == "2014-01-30T22:40:00+08:00"
    assert post.posted_at == "2014-01-29T10:00:00+08:00"
    assert post.title == "OG title"
    assert post.site == "Dream Adoption Home"
    assert post.author == "xiaoli88"
    assert post.id == post_id("https://tieba.example/p/123", "2014-01-30T22:40:00+08:00")


def test_page_without_body_or_html_tags(tmp_path: Path) -> None:
    head_only = read_one(write(tmp_path / "a.html", b"<title>only a title</title>"))
    assert head_only.text == "" and head_only.title == "only a title"
    fragment = read_one(write(tmp_path / "b.html", "求收养 <b>女宝</b><p>电话</p>".encode()))
    assert fragment.text == "求收养 女宝\n电话"


def test_gbk_page_is_decoded_by_its_meta_charset(tmp_path: Path) -> None:
    body = '<html><head><meta charset="gb2312"><title>送养</title></head><body>满月男宝</body>'
    post = read_one(write(tmp_path / "gbk.html", body.encode("gbk")))
    assert post.title == "送养" and post.text == "满月男宝"


def test_decode_html_order_of_evidence() -> None:
    gbk = "营养费".encode("gbk")
    assert decode_html(gbk, "GBK") == "营养费"
    assert decode_html(gbk) == "营养费"  # not UTF-8: GB 18030 fallback
    assert decode_html("营养费".encode()) == "营养费"
    assert decode_html(b"\xef\xbb\xbf" + "营养费".encode(), "latin-1") == "营养费"
    meta = b'<meta http-equiv="Content-Type" content="text/html; charset=gbk">' + gbk
    assert decode_html(meta).endswith("营养费")
