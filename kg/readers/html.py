"""The text of an HTML page: its main paragraphs (not navigation, scripts, share buttons, adverts, comments),
its title, metadata and canonical address."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SPACES = re.compile(r"\s+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SKIP_TAGS = _words(
    "script style nav header footer aside form noscript figure figcaption iframe svg button select option "
    "textarea template menu dialog object embed canvas video audio picture map head"
)
_VOID_TAGS = _words("area base br col embed hr img input link meta param source track wbr")
_BLOCK_TAGS = _words(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table thead tbody tr td th "
    "caption address center hr body html title details summary"
)
# class/id words of share-button lists, related links, adverts, comments ... (matched on -/_ parts)
_SKIP_CLASS_PARTS = _words(
    "share sharing sharebar shares social socials sociallinks related recommended newsletter subscribe "
    "subscription advert adverts advertisement advertising ads ad sponsor sponsored promo breadcrumb breadcrumbs "
    "cookie cookies comment comments sidebar popup modal outbrain taboola toolbar byline caption credit credits tags"
)
_STRUCTURAL = frozenset(("html", "body", "main", "article"))
DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
)


class _HTMLText(HTMLParser):
    """Collect the main paragraphs, title and metadata of an HTML page."""

    def __init__(self, *, skip_by_attributes: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_by_attributes = skip_by_attributes
        self.stack: list[tuple[str, bool, int | None]] = []  # (tag, skipped, article number)
        self.skipping = 0
        self.articles = 0
        self.buffer: list[str] = []
        self.paragraphs: list[tuple[str, int | None]] = []
        self.title_parts: list[str] | None = None
        self.title = ""
        self.h1: list[tuple[str, bool, int | None]] = []  # (text, skipped, article)
        self.h1_parts: list[str] | None = None
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.time: list[tuple[str, int | None]] = []

    # structure
    def _article(self) -> int | None:
        for _tag, _skipped, article in reversed(self.stack):
            if article is not None:
                return article
        return None

    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self.paragraphs.append((text, self._article()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and values.get("content") and key not in self.meta:
                self.meta[key] = values["content"].strip()
            return
        if tag == "link":
            if "canonical" in values.get("rel", "").lower().split() and values.get("href"):
                self.canonical = self.canonical or values["href"].strip()
            return
        if tag == "time" and values.get("datetime"):
            self.time.append((values["datetime"], self._article()))
        if (tag in _BLOCK_TAGS or tag in _SKIP_TAGS) and not self.skipping:
            self._flush()
        if tag == "br":
            self.buffer.append("\n")
        if tag in _VOID_TAGS:
            return
        if tag == "title" and self.title_parts is None and not self.title:
            self.title_parts = []
        if tag == "h1" and self.h1_parts is None:
            self.h1_parts = []
        skipped = tag in _SKIP_TAGS or (
            self.skip_by_attributes and tag not in _STRUCTURAL and _skipped_by_attributes(values)
        )
        article = None
        if tag == "article" or (tag != "body" and "articlebody" in values.get("itemprop", "").lower()):
            self.articles += 1
            article = self.articles
        self.stack.append((tag, skipped, article))
        self.skipping += skipped

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS or all(entry[0] != tag for entry in self.stack):
            return
        if tag in _BLOCK_TAGS and not self.skipping:
            self._flush()
        if tag == "title" and self.title_parts is not None:
            self.title = " ".join("".join(self.title_parts).split())
            self.title_parts = None
        while self.stack:
            entry_tag, skipped, _article = self.stack.pop()
            self.skipping -= skipped
            if entry_tag == "h1" and self.h1_parts is not None:
                self._end_h1()
            if entry_tag == tag:
                break

    def _end_h1(self) -> None:
        text = " ".join("".join(self.h1_parts or []).split())
        if text:
            self.h1.append((text, bool(self.skipping), self._article()))
        self.h1_parts = None

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if not self.skipping:
            self.buffer.append(_SPACES.sub(" ", data))  # only <br> makes a line break

    def close(self) -> None:
        super().close()
        if not self.skipping:
            self._flush()
        if self.h1_parts is not None:
            self._end_h1()


def _skipped_by_attributes(values: dict[str, str]) -> bool:
    if "hidden" in values or values.get("aria-hidden", "").lower() == "true":
        return True
    if values.get("role", "").lower() in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    if re.search(r"display\s*:\s*none", values.get("style", ""), re.I):
        return True
    words = f"{values.get('class', '')} {values.get('id', '')}".lower().split()
    return any(part in _SKIP_CLASS_PARTS for word in words for part in re.split(r"[-_]+", word))


def html_article(text: str) -> tuple[str, str, dict[str, str], str]:
    """(title, body paragraphs joined by blank lines, meta tags, canonical url) of an HTML page."""
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    if not parser.paragraphs:  # a page whose every container has a "share"-like class: keep more rather than none
        parser = _HTMLText(skip_by_attributes=False)
        parser.feed(text)
        parser.close()
    paragraphs = parser.paragraphs
    counts: dict[int, int] = {}
    for paragraph, article in paragraphs:
        if article is not None:
            counts[article] = counts.get(article, 0) + len(paragraph)
    main = max(counts, key=lambda a: (counts[a], -a)) if counts else None
    if main is not None:
        paragraphs = [(p, a) for p, a in paragraphs if a == main]
    title = next((t for t, _skipped, a in parser.h1 if main is not None and a == main), "")
    title = title or next((t for t, skipped, _a in parser.h1 if not skipped), "")
    title = title or parser.meta.get("og:title", "") or parser.title or next((t for t, _s, _a in parser.h1), "")
    title = " ".join(title.split())
    body = [p for p, _a in paragraphs]
    if title in body[:3]:
        body.remove(title)
    meta = dict(parser.meta)
    if main is not None:
        times = [t for t, a in parser.time if a == main]
        if times:
            meta.setdefault("time", times[0])
    return title, "\n\n".join(body), meta, parser.canonical or parser.meta.get("og:url", "")
