"""HTML pages as posts: the visible text, the title, the URL and the capture time of one page.

Saved pages and WARC captures are how web evidence is kept, so both end here. Text extraction
follows what a reader sees: scripts, styles, ``noscript``, ``template`` and ``hidden`` elements
are dropped; inline elements join without a break (``<b>5</b>万`` stays ``5万``, which the price
extractor needs); block elements and ``<br>`` start new lines; runs of HTML white space collapse
to one space. Chinese forums of the 2010s often served GBK, so the charset is taken from the
HTTP header, then a byte-order mark, then ``<meta charset>``, then UTF-8 with GB 18030 as the
fallback.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cradlewatch.io.records import is_iso8601
from cradlewatch.model import Post, Provenance

# fmt: off
SKIPPED_TAGS: frozenset[str] = frozenset({
    "script", "style", "noscript", "template", "head", "select", "svg", "math", "iframe",
    "object", "canvas", "-comment",
})
BLOCK_TAGS: frozenset[str] = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul",
})
# fmt: on
#: Post fields a page may state in ``<meta name|property=… content=…>``, most trusted first.
META_FIELDS: dict[str, tuple[str, ...]] = {
    "captured_at": ("captured_at", "captured-at", "cradlewatch:captured_at"),
    "posted_at": ("posted_at", "article:published_time", "og:article:published_time"),
    "site": ("site", "og:site_name"),
    "author": ("author",),
    "author_id": ("author_id",),
    "platform": ("platform",),
    "thread_id": ("thread_id",),
}
#: Encodings whose supersets decode more pages correctly (GB 2312 ⊂ GBK ⊂ GB 18030).
CHARSET_SUPERSETS: dict[str, str] = {"gb2312": "gb18030", "gbk": "gb18030", "ascii": "utf-8"}
HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def is_html_type(content_type: str | None) -> bool:
    """True for a Content-Type of an HTML or XHTML document (parameters ignored)."""
    if not content_type:
        return False
    return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    match = _HTTP_CHARSET.search(content_type)
    return match.group(1) if match else None


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return CHARSET_SUPERSETS.get(canonical, canonical)


def decode_html(raw: bytes, declared: str | None = None) -> str:
    """Decode a page: declared charset, BOM, ``<meta charset>``, UTF-8, then GB 18030."""
    for bom, bom_codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(bom_codec, "replace")
    codec = _known_codec(declared)
    if codec is None:
        match = _META_CHARSET.search(raw, 0, 4096)
        if match:
            codec = _known_codec(match.group(1).decode("ascii"))
    if codec is not None:
        return raw.decode(codec, "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", "replace")


def _children(node: LexborNode) -> list[LexborNode]:
    children = []
    child = node.child
    while child is not None:
        children.append(child)
        child = child.next
    return children


def visible_text(root: LexborNode) -> str:
    """The text a reader sees under ``root``, one line per block, without blank lines.

    The walk uses an explicit stack, so that a hostile page nested ten thousand levels deep
    cannot exhaust Python's recursion limit.
    """
    pieces: list[str] = []
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            pieces.append("\n")
            continue
        if node.is_text_node:
            pieces.append(_HTML_SPACE.sub(" ", node.text_content or ""))
            continue
        tag = node.tag or ""
        if tag in SKIPPED_TAGS or not node.is_element_node:
            continue
        if tag == "br":
            pieces.append("\n")
            continue
        if "hidden" in node.attributes:
            continue
        if tag in BLOCK_TAGS:
            pieces.append("\n")
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)))
    lines = ("".join(pieces).replace("\u00a0", " ")).split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())


def _meta_values(tree: LexborHTMLParser) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in tree.css("meta"):
        attrs = meta.attributes
        key = attrs.get("name") or attrs.get("property") or attrs.get("itemprop")
        content = attrs.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def _canonical_url(tree: LexborHTMLParser) -> str | None:
    for link in tree.css("link"):
        attrs = link.attributes
        rel = (attrs.get("rel") or "").lower().split()
        href = (attrs.get("href") or "").strip()
        if "canonical" in rel and href:
            return href
    return None


def _first(values: dict[str, str], keys: Iterable[str]) -> str | None:
    for key in keys:
        if key in values:
            return values[key]
    return None


def post_id(url: str, captured_at: str | None) -> str:
    """Stable id of a captured page: ``html:`` + 16 hex of SHA-256 of ``url|captured_at``."""
    digest = hashlib.sha256(f"{url}|{captured_at or ''}".encode()).hexdigest()
    return f"html:{digest[:16]}"


def page_to_post(
    page: str,
    raw: bytes,
    provenance: Provenance,
    url: str,
    captured_at: str | None,
    *,
    page_url_wins: bool,
) -> Post:
    """Build the post of one decoded page.

    ``url`` and ``captured_at`` are what the container knows (the file path and mtime, or the
    WARC headers). With ``page_url_wins`` (local files) a canonical URL or ``og:url`` and a
    ``<meta name="captured_at">`` stated by the page replace them; otherwise (WARC, where the
    capture headers are the evidence) the page's own claims are kept in ``extra``.
    ``provenance.sha256`` is set to the hash of ``raw``, the page bytes as stored.
    """
    tree = LexborHTMLParser(page)
    meta = _meta_values(tree)
    fields: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for name, keys in META_FIELDS.items():
        value = _first(meta, keys)
        if value is None:
            continue
        if name in ("captured_at", "posted_at") and not is_iso8601(value):
            extra[f"{name}_stated"] = value
            continue
        fields[name] = value
    canonical = _canonical_url(tree) or meta.get("og:url")
    if canonical and "://" not in canonical:
        canonical = None
    stated_capture = fields.pop("captured_at", None)
    if page_url_wins:
        url = canonical or url
        captured_at = stated_capture or captured_at
    else:
        if canonical and canonical != url:
            extra["canonical_url"] = canonical
        if stated_capture and stated_capture != captured_at:
            extra["captured_at_stated"] = stated_capture
    title_node = tree.css_first("title")
    title: str | None = None
    if title_node is not None:
        title = _HTML_SPACE.sub(" ", title_node.text()).strip()
    title = title or meta.get("og:title") or None
    root = tree.root
    lang = root.attributes.get("lang") if root is not None else None
    body = tree.body
    text = visible_text(body) if body is not None else ""
    provenance.sha256 = hashlib.sha256(raw).hexdigest()
    provenance.captured_at = captured_at
    return Post(
        id=post_id(url, captured_at),
        text=text,
        title=title,
        url=url,
        captured_at=captured_at,
        lang=(lang or "").strip() or None,
        extra=extra,
        provenance=provenance,
        **fields,
    )
