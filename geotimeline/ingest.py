"""Sources -> articles in a seeds folder: ``geotimeline add URL|FEED|FILE|FOLDER...``.

The stage before :mod:`geotimeline.load`. Each source gives one or more articles with their
title, publication date, site name and URL:

- an http(s) URL of a page: fetched (a user agent, a timeout, redirects followed, at most one
  request per second to one host), its main text and metadata taken by trafilatura (title and
  date from JSON-LD, meta tags or the page itself);
- an RSS or Atom feed URL: every item's page, with the item's own title and date where the page
  lacks them (feedparser);
- a local ``.html``/``.htm`` (a saved page: the same extraction), ``.pdf`` (its text layer, via
  pypdf; no OCR), ``.txt`` or ``.md`` file, or a folder of these.

Each article lands in the seeds folder as ``<slug of the title>_<content hash>.txt`` with a new
row in ``articles.csv`` (id, title, published, precision, source, url, note). Nothing already
there is rewritten: a source whose URL or text is already in the folder is skipped, and every
file is written under a temporary name and then renamed, so an interrupted run leaves no partial
article and no manifest row without its file. Only this module touches the network, and only for
URLs the user gives.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import GeotimelineError, InputError
from .load import MANIFEST_NAMES, decode_bytes, extract_page, first_line, strip_markdown

#: files ``add`` takes from the disk, and how it reads them
LOCAL_KINDS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".txt": "text", ".md": "markdown",
               ".markdown": "markdown"}
#: the manifest's columns, in the order ``add`` writes them
MANIFEST_COLUMNS = ("id", "title", "published", "precision", "source", "url", "note")
#: an article shorter than this (characters of main text) is not an article but a stub or an index page
MIN_TEXT = 200
#: the most ``add`` downloads from one URL
MAX_BYTES = 20 * 1024 * 1024


class SourceError(GeotimelineError):
    """A source that gave no article (HTTP error, timeout, not an article, a PDF with no text)."""


@dataclass(frozen=True)
class Found:
    """One article got from a source, before it is written into the seeds folder."""

    text: str
    title: str = ""
    published: date | None = None
    site: str = ""
    url: str = ""
    origin: str = ""  # what the user gave: a URL, a feed item's link, a path
    note: str = ""  # where the publication date came from


@dataclass
class AddReport:
    """What ``add`` did with each source: added ``(id, Found)``, skipped and failed ``(origin, why)``."""

    added: list[tuple[str, Found]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


class Fetcher:
    """HTTP GET with a user agent, a timeout, redirects followed and at most one request per
    ``min_delay`` seconds to one host."""

    def __init__(self, user_agent: str = "geotimeline", timeout: float = 20.0, min_delay: float = 1.0):
        self.user_agent, self.timeout, self.min_delay = user_agent, timeout, min_delay
        self._last: dict[str, float] = {}

    def get(self, url: str) -> tuple[str, str, bytes]:
        """``(final URL, content type, body)``; raises :class:`SourceError` saying what failed."""
        host = urllib.parse.urlsplit(url).netloc.lower()
        wait = self._last.get(host, -1e9) + self.min_delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                      "application/xml;q=0.9,application/pdf;q=0.8,*/*;q=0.5"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read(MAX_BYTES + 1)
                final, ctype = response.geturl(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            raise SourceError(f"HTTP {exc.code} {exc.reason}") from None
        except (TimeoutError, OSError) as exc:  # URLError and socket timeouts are OSErrors
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                raise SourceError(f"timed out after {self.timeout:g} s") from None
            raise SourceError(f"cannot fetch ({reason})") from None
        finally:
            self._last[host] = time.monotonic()
        if len(body) > MAX_BYTES:
            raise SourceError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        return final, ctype.lower(), body


# -- reading sources -------------------------------------------------------------------------

def is_url(source: str) -> bool:
    return re.match(r"https?://", source, re.I) is not None


def found_in(source: str, fetcher: Fetcher) -> Iterator[Found | tuple[str, str]]:
    """Every article of one source, or ``(origin, why)`` for each part that failed."""
    if is_url(source):
        try:
            final, ctype, body = fetcher.get(source)
        except SourceError as exc:
            yield source, str(exc)
            return
        if _is_feed(ctype, body):
            yield from _feed_items(source, body, fetcher)
            return
        try:
            yield _from_body(body, ctype, final, origin=source)
        except (SourceError, InputError) as exc:
            yield source, _why(exc)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in LOCAL_KINDS
                       and p.name not in MANIFEST_NAMES and not p.name.startswith("."))
        if not files:
            yield source, "no .html, .htm, .pdf, .txt or .md files in this folder"
        for p in files:
            yield from found_in(str(p), fetcher)
        return
    if not path.exists():
        yield source, "no such file or folder (and not an http(s) URL)"
        return
    kind = LOCAL_KINDS.get(path.suffix.lower())
    if kind is None:
        yield source, f"cannot add {path.suffix or 'extensionless'} files (.html, .htm, .pdf, .txt, .md)"
        return
    try:
        data = path.read_bytes()
        yield _from_body(data, {"html": "text/html", "pdf": "application/pdf"}.get(kind, "text/plain"),
                         "", origin=str(path), markdown=kind == "markdown")
    except OSError as exc:
        yield source, f"cannot read file ({exc.strerror or exc})"
    except (SourceError, InputError) as exc:
        yield source, _why(exc)


def _why(exc: Exception) -> str:
    return exc.msg if isinstance(exc, InputError) else str(exc)


def _from_body(body: bytes, ctype: str, url: str, origin: str, markdown: bool = False) -> Found:
    if body[:5] == b"%PDF-" or "application/pdf" in ctype:
        return _from_pdf(body, url, origin)
    text = decode_bytes(body, origin)
    if "html" in ctype or "xml" in ctype or re.match(r"\s*<(!doctype html|html|head|body)", text, re.I):
        return _from_html(text, url, origin)
    if markdown:
        text = strip_markdown(text)
    text = _clean(text)
    title = first_line(text)
    return Found(text=text, title=title[:300], url=url, origin=origin)


def _from_html(html: str, url: str, origin: str) -> Found:
    """A page's main text and metadata (trafilatura: JSON-LD, meta tags, the page's own dates)."""
    try:
        page = extract_page(html, origin, url)
    except InputError:
        page = {"text": ""}
    text = _clean(page["text"])
    if len(text) < MIN_TEXT:
        raise SourceError(f"not an article: {len(text)} characters of main text on the page")
    return Found(text=text, title=page["title"][:300], published=page["published"], site=page["site"],
                 url=page["url"], origin=origin, note="from the page's metadata" if page["published"] else "")


def _from_pdf(data: bytes, url: str, origin: str) -> Found:
    """The text layer of a PDF (pypdf), its title from the document information or first line,
    its date from the information's creation date."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise SourceError(f"unreadable PDF ({exc})") from None
    text = _clean("\n\n".join(pages))
    if not text.strip():
        raise SourceError("the PDF has no text layer (a scan? OCR is not supported)")
    title = str(getattr(info, "title", "") or "").strip() if info else ""
    title = title or first_line(text)
    published = None
    if info is not None:
        try:
            created = info.creation_date
        except (ValueError, TypeError):
            created = None
        published = created.date() if created else None
    return Found(text=text, title=title[:300], published=published, url=url, origin=origin,
                 note="the PDF's creation date" if published else "")


def _is_feed(ctype: str, body: bytes) -> bool:
    if any(k in ctype for k in ("rss", "atom")):
        return True
    head = body[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head)


def _feed_items(source: str, body: bytes, fetcher: Fetcher) -> Iterator[Found | tuple[str, str]]:
    """Each item of an RSS or Atom feed: its page, with the item's title and date as fallbacks."""
    import feedparser

    feed = feedparser.parse(body)
    if not feed.entries:
        yield source, "a feed with no items"
        return
    site = (feed.feed.get("title") or "").strip()
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            yield source, f"feed item {entry.get('title', '?')!r} has no link"
            continue
        link = urllib.parse.urljoin(source, link)
        item_date = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        try:
            final, ctype, page = fetcher.get(link)
            found = _from_body(page, ctype, final, origin=link)
        except (SourceError, InputError) as exc:
            yield link, _why(exc)
            continue
        changes = {}
        if not found.title and entry.get("title"):
            changes["title"] = entry["title"].strip()[:300]
        if found.published is None and item_date is not None:
            changes.update(published=item_date, note="from the feed item")
        if not found.site and site:
            changes["site"] = site
        yield Found(**{**found.__dict__, **changes})


def _struct_date(value) -> date | None:
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday) if value else None
    except (AttributeError, ValueError):
        return None


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# -- writing into the seeds folder ------------------------------------------------------------

def content_hash(text: str) -> str:
    """A hash of the words of a text (case, spacing and punctuation between them ignored)."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def article_id(found: Found) -> str:
    """A stable, readable id: a short slug of the title and the start of the text's hash."""
    slug = unicodedata.normalize("NFKD", found.title).encode("ascii", "ignore").decode().lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", slug))[:48].rstrip("-") or "article"
    return f"{slug}_{content_hash(found.text)[:10]}"


def add_sources(sources: Iterable[str], seeds: str | Path = "seeds", fetcher: Fetcher | None = None,
                on_event=None) -> AddReport:
    """Add every article of ``sources`` to the ``seeds`` folder (see the module's docstring).

    ``on_event(kind, origin, detail)`` is called as each source is added, skipped or fails.
    """
    seeds = Path(seeds)
    fetcher = fetcher or Fetcher()
    say = on_event or (lambda *a: None)
    seeds.mkdir(parents=True, exist_ok=True)
    manifest = seeds / MANIFEST_NAMES[0]
    known_urls, known_hashes = _known(seeds, manifest)
    report = AddReport()
    for source in sources:
        if is_url(source) and _norm_url(source) in known_urls:
            report.skipped.append((source, "already added (same URL)"))
            say("skipped", source, "already added (same URL)")
            continue
        for item in found_in(source, fetcher):
            if isinstance(item, tuple):
                report.failed.append(item)
                say("failed", *item)
                continue
            digest = content_hash(item.text)
            urls = {_norm_url(u) for u in (item.url, item.origin) if is_url(u)}
            if urls & known_urls or digest in known_hashes:
                why = "already added (same URL)" if urls & known_urls else "already added (same text)"
                report.skipped.append((item.origin, why))
                say("skipped", item.origin, why)
                continue
            ident = article_id(item)
            _write_article(seeds, manifest, ident, item)
            known_urls |= urls
            known_hashes.add(digest)
            report.added.append((ident, item))
            say("added", item.origin, ident)
    return report


def _known(seeds: Path, manifest: Path) -> tuple[set[str], set[str]]:
    """The URLs in the manifest and the text hashes of the article files already in ``seeds``."""
    urls: set[str] = set()
    if manifest.exists():
        with manifest.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                if is_url((row.get("url") or "").strip()):
                    urls.add(_norm_url(row["url"].strip()))
    hashes = set()
    for path in seeds.iterdir():
        if path.is_file() and path.suffix.lower() in LOCAL_KINDS and not path.name.startswith("."):
            try:
                hashes.add(content_hash(decode_bytes(path.read_bytes(), str(path))))
            except (OSError, InputError):
                continue
    return urls, hashes


def _norm_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url.strip())
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/") or "/",
                                    parts.query, ""))


def _write_article(seeds: Path, manifest: Path, ident: str, found: Found) -> None:
    """Write the text file and its manifest row, each under a temporary name then renamed; if the
    manifest cannot be written the text file goes too, so neither is left without the other."""
    path = seeds / f"{ident}.txt"
    _atomic_write(path, (found.text + "\n").encode("utf-8"))
    row = {"id": ident, "title": found.title, "published": found.published.isoformat() if found.published else "",
           "precision": "day" if found.published else "", "source": found.site, "url": found.url,
           "note": found.note}
    try:
        _append_row(manifest, row)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _append_row(manifest: Path, row: dict[str, str]) -> None:
    """Add one row to ``articles.csv`` keeping every existing row byte for byte; a header that
    lacks a column ``add`` writes gains it at the end (older rows simply leave it empty)."""
    old = manifest.read_bytes() if manifest.exists() else b""
    text = old.decode("utf-8-sig") if old else ""
    lines = text.splitlines(keepends=True)
    header = next(csv.reader([lines[0]])) if lines else []
    if not header:
        header, lines = list(MANIFEST_COLUMNS), []
        head_line = _csv_line(header)
    else:
        missing = [c for c in MANIFEST_COLUMNS if c not in header]
        header = header + missing
        head_line = _csv_line(header) if missing else lines[0]
    body = "".join(lines[1:])
    if body and not body.endswith(("\n", "\r")):
        body += "\n"
    if head_line and not head_line.endswith(("\n", "\r")):
        head_line += "\n"
    new = head_line + body + _csv_line([row.get(c, "") for c in header])
    _atomic_write(manifest, (b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b"") + new.encode("utf-8"))


def _csv_line(values: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
