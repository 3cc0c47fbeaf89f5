"""Files -> :class:`Article`: read, decode, extract main text, drop boilerplate, attach metadata.

Every later offset indexes ``Article.text``, the cleaned text this module returns.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from .errors import InputError, ManifestError
from .records import Article
from .resolve import parse_focus
from .settings import Settings

#: file suffixes read as articles, and how
ARTICLE_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                    ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
MANIFEST_NAMES = ("articles.csv",)
PRECISIONS = ("day", "month", "year")


def iter_articles(source: str | Path, settings: Settings | None = None) -> Iterator[Article | InputError]:
    """Yield every article under ``source`` (a file or a folder), or an error for each that fails.

    Errors are yielded, not raised, so one bad file never stops a corpus. A folder's
    ``articles.csv`` manifest supplies titles and publication dates.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text("Rain in Paris.\\n")
    >>> [a.text for a in iter_articles(d)]
    ['Rain in Paris.']
    """
    settings = settings or Settings()
    source = Path(source)
    if not source.exists():
        yield InputError("no such file or folder", str(source))
        return
    manifest = {}
    if source.is_dir() and (source / MANIFEST_NAMES[0]).exists():
        manifest = read_manifest(source / MANIFEST_NAMES[0])
    for path in article_files(source):
        kind = ARTICLE_SUFFIXES.get(path.suffix.lower(), "text")
        if kind == "jsonl":
            yield from _iter_jsonl(path, settings)
            continue
        try:
            article = read_article(path, settings)
        except InputError as exc:
            yield exc
            continue
        meta = manifest.get(article.id)
        yield apply_manifest(article, meta) if meta else article


def read_article(path: Path, settings: Settings | None = None) -> Article:
    """Read one text, Markdown or HTML file into an :class:`Article` (raises :class:`InputError`)."""
    settings = settings or Settings()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})", str(path)) from None
    text = decode_bytes(data, str(path))
    kind = ARTICLE_SUFFIXES.get(path.suffix.lower(), "text")
    if kind == "text" and _looks_like_html(text):
        kind = "html"  # HTML saved as .txt: extract its main text rather than read the markup
    title, published, note = "", None, ""
    if kind == "html":
        title, body, published = extract_html(text, str(path))
        text = body
        note = "from the page's metadata" if published else ""
    elif kind == "markdown":
        text = strip_markdown(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if settings.strip_boilerplate:
        found_title, text = strip_boilerplate(text)
        title = title or found_title
    elif not title:
        title = first_line(text)
    if not text.strip():
        raise InputError("empty article (no text left after removing boilerplate)", str(path))
    return Article(id=path.stem, text=text, title=title[:300], path=str(path), published=published,
                   published_precision="day", published_estimated=False, published_note=note)


def first_line(text: str) -> str:
    """The first line of ``text`` that is not blank, stripped ("" if none): a title of last resort."""
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")


def decode_bytes(data: bytes, where: str = "") -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), else the detected legacy encoding.

    Binary data (NUL bytes, or no encoding fits) raises :class:`InputError`.
    """
    if not data.strip():
        raise InputError("empty file", where)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file, not text", where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        # legacy Western text is usually cp1252; charset_normalizer's guess can be an exotic cousin
        if best.encoding.lower() not in {"cp1252", "windows-1252", "latin_1", "iso8859_1", "utf_16", "utf_32"}:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                pass
        return text.lstrip("\ufeff")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("cannot detect the text encoding (binary file?)", where) from None


#: where a page's publication date may come from: its metadata and marked-up dates (JSON-LD, meta
#: tags, <time>, the URL), not any year its text happens to name ("the worst storm since 2012")
PAGE_DATE_SEARCH = {"extensive_search": False, "original_date": True}


def extract_html(html: str, where: str = "") -> tuple[str, str, date | None]:
    """Return ``(title, main text, published)`` of an HTML page, using trafilatura."""
    page = extract_page(html, where)
    return page["title"], page["text"], page["published"]


def extract_page(html: str, where: str = "", url: str = "") -> dict:
    """An HTML page's main text and metadata, using trafilatura: ``{"title", "text",
    "published", "site", "url"}`` (raises :class:`InputError` for a page with no main text)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True,
                                      date_extraction_params=PAGE_DATE_SEARCH)
    if doc is None:
        raise InputError("HTML page with no main text", where)
    get = doc.get if isinstance(doc, dict) else lambda k, d=None: getattr(doc, k, d)
    published = None
    raw_date = get("date")
    if raw_date:
        try:
            published = date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            published = None
    return {"title": (get("title") or "").strip(), "text": get("text") or "", "published": published,
            "site": (get("sitename") or "").strip(), "url": get("url") or url}


_MD_RULES = [
    (re.compile(r"^```.*?^```", re.M | re.S), ""),  # code blocks
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> text
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),  # heading marks
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # block quotes
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),  # italics
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$", re.M), ""),  # rules
]


def strip_markdown(text: str) -> str:
    """Return the prose of a Markdown document (markup removed, words kept)."""
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text


# -- boilerplate -----------------------------------------------------------------------------

# lines that are never article prose
_BOILERPLATE_LINE = re.compile(
    r"""^(?:
        advertisement|advertisements?\ -?\ ?continue\ reading.*|sponsored(\ content)?|
        (share|tweet|email|print)(\ (on|this|in|article|story))?.*(facebook|twitter|linkedin|email|whatsapp|print).*|
        (whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest|email|print|share)(\s+(whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest|email|print|share|x))+|
        print\ friendly.*|subscribe.*|sign\ up.*|log\ ?in|register|
        trending(\ on.*|\ now|\ news|:)?.*|top\ stories|latest\ news.*|most\ (read|popular|searched).*|
        related(\ (articles|stories|posts|news))?|read\ more.*|more\ (from|stories|news|impact).*|
        recommended(\ for\ you)?|you\ may\ also\ like.*|end\ of\ article|tags:?|comments?|
        (all\ rights\ reserved|copyright|©|\(c\)).*|.*\ all\ rights\ reserved\.?|
        .*\b(cookie|cookies)\b.*(policy|consent|accept|settings)?.*|
        (about\ us|contact\ us|privacy\ policy|terms\ (of\ use|of\ service)|sitemap).*|
        follow\ us(\ on)?.*|find\ us\ on.*|add\ as\ a\ preferred\ source.*|skip\ to\ (main\ )?content|
        \[?continue\ reading.*|source:\ .{1,60}|image\ (source|credit|caption):.*|photo:.*
    )$""",
    re.I | re.X,
)
# sentences tacked onto the last paragraph by news sites
_TRAILING_PROMO = re.compile(
    r"\s*(Read all the Latest News\b.*|Follow us on (Facebook|Twitter|Instagram|X)\b.*|"
    r"\[Continue reading…?\]\s*)$",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙*\-–]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[.!?][\"'”’)]?\s")
_HAS_DATE_OR_BYLINE = re.compile(
    r"^(by|written by|posted by)\s|\b(19|20)\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b",
    re.I,
)


def strip_boilerplate(text: str) -> tuple[str, str]:
    """Return ``(title, cleaned text)``: menus, share rows, promos and sidebars removed.

    The article body runs from its first to its last prose paragraph; before it only a title
    and a byline/dateline are kept, after it nothing (sidebars, "Trending" lists and related
    headlines live there). Inside it, boilerplate lines and repeated short lines are dropped.
    Kept lines are joined by blank lines.

    >>> strip_boilerplate("Home\\nWorld\\nRain hits Paris\\nShare on Facebook\\n"
    ...     "Heavy rain flooded the streets of Paris on Monday, officials said, as the river rose.\\n"
    ...     "Trending\\nJane Doe 8:31 AM on December 04, 2022")[1]
    'Rain hits Paris\\n\\nHeavy rain flooded the streets of Paris on Monday, officials said, as the river rose.'
    """
    raw_lines = [ln.strip() for ln in text.split("\n")]
    lines = [_BULLET.sub("", ln) if _BULLET.match(ln) else ln for ln in raw_lines]
    counts = Counter(ln for ln in lines if ln)
    is_bullet = [bool(_BULLET.match(ln)) for ln in raw_lines]

    def is_prose(i: int) -> bool:
        ln = lines[i]
        words = len(ln.split())
        if not ln or _BOILERPLATE_LINE.match(ln) or counts[ln] > 1:
            return False
        if is_bullet[i] and words < 12:
            return False
        return (words >= 20 and bool(_SENTENCE_END.search(ln))) or (
            words >= 8 and bool(_SENTENCE_END.search(ln)) and ln[-1] in ".!?…”\"’)")

    prose = [i for i in range(len(lines)) if is_prose(i)]
    if not prose:
        # no paragraph looks like prose (a short note, a list): keep every non-boilerplate line
        kept = [ln for ln in lines if ln and not _BOILERPLATE_LINE.match(ln)]
        title = kept[0] if kept else ""
        return title, "\n\n".join(kept)
    first, last = prose[0], prose[-1]

    # header zone: the title (the line repeated most, else the first real line) and a byline
    header = [
        i for i in range(first)
        if lines[i] and not is_bullet[i] and not _BOILERPLATE_LINE.match(lines[i])
        and len(lines[i].split()) >= 3
    ]
    title = ""
    if header:
        best = max(header, key=lambda i: (counts[lines[i]] if counts[lines[i]] > 1 else 0, -i))
        title = lines[best]
    kept: list[str] = [title] if title else []
    for i in header:
        ln = lines[i]
        if ln == title or ln in kept or counts[ln] > 1:
            continue
        if _HAS_DATE_OR_BYLINE.search(ln) or len(ln.split()) >= 20:
            kept.append(ln)  # byline or dateline (evidence for the date), or a standfirst

    seen = set(kept)
    for i in range(first, last + 1):
        ln = lines[i]
        if not ln or _BOILERPLATE_LINE.match(ln):
            continue
        words = len(ln.split())
        if counts[ln] > 1 and (ln in seen or words < 20):
            continue  # repeated headline or menu
        if words <= 2 and not _SENTENCE_END.search(ln):
            continue  # stray label ("Prefer", "On", "Google")
        ln = _TRAILING_PROMO.sub("", ln)
        if is_bullet[i] and raw_lines[i] != ln:
            ln = raw_lines[i]  # keep a numbered point's marker: it is part of the prose
        kept.append(ln)
        seen.add(ln)
    return title, "\n\n".join(kept)


# -- manifest and JSON Lines ----------------------------------------------------------------

def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Read ``articles.csv`` (id,title,published,precision,source,note; url and focus optional) into ``{id: row}``.

    Raises :class:`ManifestError` naming the file and line of the first bad row.
    """
    try:
        text = decode_bytes(path.read_bytes(), str(path))
    except OSError as exc:
        raise ManifestError(f"cannot read ({exc.strerror or exc})", str(path)) from None
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "id" not in reader.fieldnames:
        raise ManifestError("needs a header row with at least an 'id' column", f"{path}:1")
    rows: dict[str, dict[str, str]] = {}
    for n, row in enumerate(reader, start=2):
        where = f"{path}:{n}"
        if None in row:
            raise ManifestError("more fields than the header has (quote fields with commas)", where)
        ident = (row.get("id") or "").strip()
        if not ident:
            raise ManifestError("empty id", where)
        ident = Path(ident).stem if ident.endswith(tuple(ARTICLE_SUFFIXES)) else ident
        pub = (row.get("published") or "").strip()
        if pub:
            try:
                date.fromisoformat(pub)
            except ValueError:
                raise ManifestError(f"published {pub!r} is not a YYYY-MM-DD date", where) from None
        prec = (row.get("precision") or "day").strip() or "day"
        if prec not in PRECISIONS:
            raise ManifestError(f"precision {prec!r} must be one of {', '.join(PRECISIONS)}", where)
        row["precision"] = prec
        try:
            parse_focus(row.get("focus") or "")
        except ValueError as exc:
            raise ManifestError(str(exc), where) from None
        if ident in rows:
            raise ManifestError(f"id {ident!r} listed twice", where)
        rows[ident] = {k: (v or "").strip() for k, v in row.items()}
    return rows


def apply_manifest(article: Article, meta: dict[str, str]) -> Article:
    """Return the article with the manifest's title, source, publication date and focus."""
    pub = meta.get("published") or ""
    changes: dict = {}
    if meta.get("title"):
        changes["title"] = meta["title"]
    if meta.get("source"):
        changes["source"] = meta["source"]
    if meta.get("focus"):
        changes["focus"] = meta["focus"]
    if pub:
        changes.update(published=date.fromisoformat(pub), published_estimated=False,
                       published_precision=meta.get("precision") or "day",
                       published_note=meta.get("note") or "from the manifest")
    return replace(article, **changes)


def _iter_jsonl(path: Path, settings: Settings) -> Iterator[Article | InputError]:
    try:
        f = path.open("rb")
    except OSError as exc:
        yield InputError(f"cannot read file ({exc.strerror or exc})", str(path))
        return
    with f:
        for n, raw in enumerate(f, start=1):
            where = f"{path}:{n}"
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield InputError(f"not a JSON object ({exc})", where)
                continue
            try:
                yield article_from_record(record, where, settings)
            except InputError as exc:
                yield exc


def article_from_record(record: object, where: str, settings: Settings | None = None) -> Article:
    """Build an :class:`Article` from one JSON Lines record ``{"id","text","published"?,"title"?,"focus"?}``."""
    settings = settings or Settings()
    if not isinstance(record, dict):
        raise InputError("each line must be a JSON object", where)
    ident, text = record.get("id"), record.get("text")
    if ident is None or str(ident).strip() == "":
        raise InputError("missing 'id'", where)
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"article {ident}: missing or empty 'text'", where)
    title = str(record.get("title") or "")
    if settings.strip_boilerplate_jsonl:
        found_title, text = strip_boilerplate(text)
        title = title or found_title
    published, precision = None, "day"
    raw_pub = record.get("published")
    if raw_pub:
        raw_pub = str(raw_pub).strip()
        try:
            if partial := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", raw_pub):  # a year-month or a year alone
                year, month = int(partial[1]), int(partial[2] or 7)
                published = date(year, month, 15 if partial[2] else 1)
                precision = "month" if partial[2] else "year"
            else:  # a day, perhaps with a time after it
                published = date.fromisoformat(raw_pub[:10])
        except ValueError:
            raise InputError(f"article {ident}: published {raw_pub!r} is not an ISO date", where) from None
    focus = str(record.get("focus") or "").strip()
    try:
        parse_focus(focus)
    except ValueError as exc:
        raise InputError(f"article {ident}: {exc}", where) from None
    return Article(id=str(ident), text=text, title=title, path=where, published=published,
                   published_precision=precision, published_note="from the input" if published else "",
                   focus=focus)


def article_files(source: Path) -> list[Path]:
    """The files ``iter_articles`` reads: ``source`` itself, or a folder's article files in name order."""
    if not source.is_dir():
        return [source]
    return sorted(p for p in source.iterdir() if p.is_file() and _is_article_file(p))


def item_id(item: Article | InputError) -> str:
    """The article id of an article, or of the file an input error names (its stem)."""
    if isinstance(item, InputError):
        return Path(str(item.where or "").split(":")[0]).stem
    return item.id


def _is_article_file(path: Path) -> bool:
    if path.name in MANIFEST_NAMES or path.name.startswith((".", "README", "corrections")):
        return False
    return path.suffix.lower() in ARTICLE_SUFFIXES


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)
