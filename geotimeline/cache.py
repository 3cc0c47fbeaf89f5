"""Per-article results kept between builds, so a rebuild reprocesses only what changed.

A result is stored under a key made of everything that decides it: the article (text, title,
source, publication date and how it is known), the settings that affect extraction, the program's
version and the source of its extraction modules (so an upgrade or a local fix is never served
stale results), the spaCy model's version and the gazetteer's contents. Change any of them and the key
changes; nothing is ever invalidated by hand. ``--force`` ignores the cache for one build.

Entries are pickled :class:`~geotimeline.records.ArticleResult` records, one file each, written
atomically. An entry that cannot be read (truncated, from another Python, tampered) is a miss:
the article is processed again and the entry rewritten. Entries no build used are pruned.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import pickle
import tempfile
from importlib import metadata
from pathlib import Path

from . import __version__
from .records import Article, ArticleResult
from .settings import Settings

#: settings that do not change what is extracted from an article
NEUTRAL_SETTINGS = {"progress", "gazetteer_path", "tile_url", "tile_attribution", "article_timeout", "cache", "title"}
_MAGIC = b"geotimeline-result-1\n"
#: the modules whose code decides an article's result (the report is rendered fresh every build)
_EXTRACTION_MODULES = ("records", "load", "temporal", "toponyms", "resolve", "clauses", "events", "gazetteer", "pipeline")


@functools.cache
def _code_digest() -> str:
    """A digest of the extraction modules' source."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _EXTRACTION_MODULES:
        digest.update((here / f"{name}.py").read_bytes())
    return digest.hexdigest()


def fingerprint(settings: Settings, gazetteer_meta: dict[str, str]) -> str:
    """A digest of everything besides the article that decides an article's result."""
    fields = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings) if f.name not in NEUTRAL_SETTINGS}
    try:
        model = metadata.version(settings.spacy_model)
    except metadata.PackageNotFoundError:
        model = "unknown"
    from .resolve import resolver_weights

    blob = json.dumps({"geotimeline": __version__, "code": _code_digest(), "settings": fields, "model": [settings.spacy_model, model],
                       "gazetteer": gazetteer_meta, "weights": resolver_weights(settings)}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResultCache:
    """A folder of per-article results (``<output>/.cache`` for ``geotimeline build``)."""

    def __init__(self, folder: str | Path, fingerprint: str):
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.used: set[str] = set()

    def key(self, article: Article) -> str:
        fields = dataclasses.asdict(article)
        fields.pop("path", None)  # moving the seeds folder does not change a result
        blob = json.dumps([self.fingerprint, fields], sort_keys=True, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> ArticleResult | None:
        self.used.add(key)
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            if not data.startswith(_MAGIC):
                raise ValueError("not a geotimeline cache entry")
            result = pickle.loads(data[len(_MAGIC):])
            if not isinstance(result, ArticleResult):
                raise TypeError(type(result).__name__)
        except Exception:  # noqa: BLE001 - any unreadable entry is a miss, never a failed build
            path.unlink(missing_ok=True)
            return None
        return result

    def put(self, key: str, result: ArticleResult) -> None:
        self.used.add(key)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC + pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self) -> int:
        """Delete entries (and stray temporary files) no ``get``/``put`` touched; return how many."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*/*"):
            if path.suffix == ".tmp" or (path.suffix == ".pickle" and path.stem not in self.used):
                path.unlink(missing_ok=True)
                removed += 1
        return removed
