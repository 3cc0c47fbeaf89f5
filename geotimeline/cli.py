"""The command line: a thin shell, one small function per subcommand, each calling the library.

Exit status: 0 success; 1 the run finished but skipped some input (each skip is reported on
stderr); 2 a user error stopped the run (bad arguments, settings, or nothing readable).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

from . import __version__
from .errors import GeotimelineError, SettingsError
from .gazetteer import fold
from .settings import Settings, parse_settings, setting_help

EXIT_OK, EXIT_SKIPPED, EXIT_ERROR = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit status (never raises for a user error)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_ERROR
    try:
        return args.func(args, _settings_from(args))
    except GeotimelineError as exc:
        print(f"geotimeline: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("geotimeline: interrupted; nothing was overwritten", file=sys.stderr)
        return 130


def _settings_from(args) -> Settings:
    """Settings from ``--set`` pairs, then the dedicated flags on top."""
    settings = parse_settings(args.set or [])
    changes: dict = {}
    if getattr(args, "online", False):
        changes.update(online_fill=True, user_agent=args.user_agent or settings.user_agent)
    if getattr(args, "gazetteer", None):
        changes["gazetteer_path"] = args.gazetteer
    if getattr(args, "focus", None) is not None:
        changes["focus"] = args.focus
    if getattr(args, "title", None) is not None:
        changes["title"] = args.title
    if getattr(args, "quiet", False) or not sys.stderr.isatty():
        changes["progress"] = False
    return dataclasses.replace(settings, **changes)


def cmd_build(args, settings: Settings) -> int:
    from .pipeline import build

    if args.jobs < 1:
        raise GeotimelineError("--jobs must be 1 or more")
    from .report.briefing import parse_size

    size = parse_size(args.png_size)
    result = build(args.seeds, args.output, settings, embed=args.embed, png=args.png, pdf=args.pdf, png_size=size,
                   paper=args.paper, force=args.force, jobs=args.jobs)
    detail = f" ({result.processed} processed, {result.reused} unchanged from the cache)" if result.reused else ""
    print(f"{result.articles} articles{detail}, {result.events} events -> {Path(result.output) / 'index.html'}")
    if result.problems:
        print(f"{len(result.problems)} input(s) skipped (see messages above)", file=sys.stderr)
        return EXIT_SKIPPED
    return EXIT_OK


def cmd_add(args, settings: Settings) -> int:
    from .ingest import Fetcher, add_sources

    if args.timeout <= 0:
        raise GeotimelineError("--timeout must be more than 0 seconds")
    fetcher = Fetcher(user_agent=args.user_agent or settings.user_agent, timeout=args.timeout,
                      min_delay=settings.online_min_delay)

    def say(kind: str, origin: str, detail: str) -> None:
        if kind == "added":
            print(f"added {detail}  <- {origin}")
        elif kind == "skipped":
            print(f"skipped {origin}: {detail}")
        else:
            print(f"geotimeline: failed: {origin}: {detail}", file=sys.stderr)

    report = add_sources(args.sources, args.to, fetcher, on_event=say)
    print(f"{len(report.added)} article(s) added to {args.to}, {len(report.skipped)} already there, "
          f"{len(report.failed)} failed")
    return EXIT_SKIPPED if report.failed else EXIT_OK


def cmd_extract(args, settings: Settings) -> int:
    from .pipeline import extract

    if args.jobs < 1:
        raise GeotimelineError("--jobs must be 1 or more")
    if args.scheduler and args.engine != "dask":
        raise GeotimelineError("--scheduler goes with --engine dask")
    if args.engine == "dask" and args.jobs == 1 and not args.scheduler:
        args.jobs = os.cpu_count() or 2  # a local cluster of one worker per core
    if args.output in (None, "-"):
        n, problems = extract(args.input, sys.stdout, settings, jobs=args.jobs, engine=args.engine,
                              scheduler=args.scheduler)
    else:
        out = Path(args.output)
        tmp = out.with_name(out.name + ".tmp")
        try:
            with tmp.open("w", encoding="utf-8") as f:
                n, problems = extract(args.input, f, settings, jobs=args.jobs, engine=args.engine,
                                      scheduler=args.scheduler)
            tmp.replace(out)
        finally:
            tmp.unlink(missing_ok=True)
        print(f"{n} articles -> {out}", file=sys.stderr)
    return EXIT_SKIPPED if problems else EXIT_OK


def cmd_correct(args, settings: Settings) -> int:
    from .corrections import add_correction
    from .load import item_id, iter_articles
    from .pipeline import open_gazetteer

    if args.published or args.hide:
        if args.name or args.to or args.lat is not None or args.drop:
            raise GeotimelineError("--published and --hide take no place name, --to, --lat/--lon or --drop")
        if args.published and not args.article:
            raise GeotimelineError("--published needs --article ID")
        kind, values = ("published", {"article": args.article, "date": args.published, "precision": args.precision}) \
            if args.published else ("hide", {"event": args.hide})
    else:
        if not args.name:
            raise GeotimelineError("name the place as written in the article, e.g. geotimeline correct \"Nice\" --to 2990440")
        if args.drop:
            kind, values = "drop", {"name": args.name, "article": args.article}
        elif args.to or (args.lat is not None and args.lon is not None):
            kind = "place"
            values = {"name": args.name, "to": args.to, "lat": args.lat, "lon": args.lon, "label": args.label,
                      "article": args.article}
        else:
            raise GeotimelineError("say what to do: --to GAZETTEER_ID, --lat and --lon, or --drop")
    ids = [item_id(item) for item in iter_articles(args.seeds, settings)]
    if kind == "hide" and args.hide.rsplit("-", 1)[0] not in ids:
        raise GeotimelineError(f"--hide {args.hide!r}: no article {args.hide.rsplit('-', 1)[0]!r} in {args.seeds} "
                               "(event ids are in the report's table and events.csv)")
    path, block = add_correction(args.seeds, kind, values, open_gazetteer(settings), ids)
    print(f"added to {path}:\n{block}run `geotimeline build` to apply it")
    return EXIT_OK


def cmd_lookup(args, settings: Settings) -> int:
    from .pipeline import load_spacy, open_gazetteer
    from .records import Toponym
    from .resolve import parse_focus, rank_candidates
    from .toponyms import find_toponyms

    gaz = open_gazetteer(settings)
    kind = "demonym" if args.demonym else "literal"
    text, start, tops = args.name, 0, []
    if args.context:
        # the context's own places (countries, neighbours) inform the ranking of the name
        text = args.context if args.name in args.context else f"{args.context} {args.name}"
        start = text.index(args.name)
        tops = [t for t in find_toponyms(load_spacy(settings.spacy_model)(text), gaz, settings)
                if not (t.start < start + len(args.name) and start < t.end)]
    target = Toponym(start, start + len(args.name), args.name, kind)
    try:
        focus = parse_focus(settings.focus, gaz)
    except ValueError as exc:
        raise SettingsError(str(exc)) from None
    ranked = rank_candidates([*tops, target], text, gaz, settings, focus=focus).get((fold(args.name), kind), [])
    if not ranked:
        print(f"no gazetteer entry for {args.name!r}")
        return EXIT_OK
    if tops:
        print("context places: " + ", ".join(t.text for t in tops))
    print(f"{'score':>5}  {'id':>14}  {'name':26} {'feature':9} {'cc':3} {'population':>11}  {'lat,lon':17} why")
    for share, e, why in ranked[: args.limit]:
        print(f"{share:5.2f}  {e.id:>14}  {e.name[:26]:26} {e.feature[:9]:9} {e.country_code:3} {e.population:>11,}  "
              f"{e.lat:8.4f},{e.lon:9.4f} {why}")
    if len(ranked) > args.limit:
        print(f"... {len(ranked) - args.limit} more (use --limit)")
    return EXIT_OK


def cmd_gazetteer_build(args, settings: Settings) -> int:
    from .gazetteer import build_gazetteer

    counts = build_gazetteer(settings.gazetteer_path, progress=settings.progress)
    total = sum(counts.values())
    print(f"gazetteer: {total:,} entries -> {settings.gazetteer_path}")
    for feature, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {feature:12} {n:>8,}")
    return EXIT_OK


def cmd_gazetteer_info(args, settings: Settings) -> int:
    from .gazetteer import Gazetteer

    gaz = Gazetteer.open(settings.gazetteer_path, build=False)
    print(f"gazetteer: {gaz.path}")
    for feature, n in sorted(gaz.stats().items(), key=lambda kv: -kv[1]):
        print(f"  {feature:12} {n:>8,}")
    return EXIT_OK


def cmd_settings(args, settings: Settings) -> int:
    helps = setting_help()
    for f in dataclasses.fields(Settings):
        print(f"{f.name} = {getattr(settings, f.name)!r}\n    {helps.get(f.name, '')}")
    return EXIT_OK


FOCUS_HELP = ("where the news is: country codes or names (\"UA,RU\") or a circle \"lat,lon,radius_km\"; "
              "readings inside it are preferred, none are excluded (the focus setting)")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--set", action="append", metavar="NAME=VALUE",
                        help="change a setting (repeatable); see `geotimeline settings`")
    common.add_argument("--gazetteer", metavar="PATH", help="gazetteer cache file (default: gazetteer/geotimeline.sqlite)")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    common.add_argument("--online", action="store_true",
                        help="ask an online geocoder (Nominatim) for names the gazetteer lacks; answers are cached")
    common.add_argument("--user-agent", help="user agent for the online geocoder and for `add` (default: the user_agent setting)")

    p = argparse.ArgumentParser(prog="geotimeline", description="News articles -> places and dates -> events -> an offline map and timeline report.")
    p.add_argument("--version", action="version", version=f"geotimeline {__version__}")
    sub = p.add_subparsers(metavar="COMMAND")

    b = sub.add_parser("build", parents=[common], help="read articles and write the report (index.html, events.csv, events.geojson, timeline.json)")
    b.add_argument("seeds", nargs="?", default="seeds", help="folder (or file) of articles (default: seeds)")
    b.add_argument("-o", "--output", default="output", help="report folder (default: output)")
    b.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="worker processes for the articles to process (each loads the model once; default 1)")
    b.add_argument("--force", action="store_true",
                   help="process every article again, ignoring results kept from earlier builds")
    b.add_argument("--embed", action="store_true",
                   help="also write embed.html: map and timeline only, filling an iframe or a briefing page")
    b.add_argument("--png", action="store_true",
                   help="also write map.png and timeline.png, pictures for slides (needs Chromium)")
    b.add_argument("--png-size", default="1600x900", metavar="WxH",
                   help="the pictures' size in CSS pixels, drawn at twice the pixel density (default 1600x900; 1920x1080 for 16:9 slides)")
    b.add_argument("--pdf", action="store_true",
                   help="also write briefing.pdf: title, map, timeline and main events on one landscape page (needs Chromium)")
    b.add_argument("--paper", default="a4", type=str.lower, metavar="{a4,letter}",
                   help="briefing.pdf's paper, landscape (default a4)")
    b.add_argument("--title", metavar="TEXT",
                   help="the report's title, also on the pictures and the PDF (default: made from the articles' dates and number)")
    b.add_argument("--focus", metavar="FOCUS", help=FOCUS_HELP)
    b.set_defaults(func=cmd_build)

    a = sub.add_parser("add", parents=[common],
                       help="add articles to the seeds folder from URLs, RSS/Atom feeds, saved pages, PDFs, text files or folders")
    a.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="an http(s) URL of an article or a feed, or a .html/.htm/.pdf/.txt/.md file or a folder of them")
    a.add_argument("--to", default="seeds", metavar="SEEDS", help="the seeds folder to add to (default: seeds)")
    a.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                   help="give up on a URL after this many seconds (default 20)")
    a.set_defaults(func=cmd_add)

    e = sub.add_parser("extract", parents=[common], help="write places, dates and events per article as JSON Lines")
    e.add_argument("input", help="a folder, a text/Markdown/HTML file, or a JSON Lines corpus")
    e.add_argument("-o", "--output", help="output .jsonl file (default: standard output)")
    e.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="worker processes (each loads the model once; default 1; with --engine dask: local workers)")
    e.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="dask: run on a Dask cluster (pip install 'geotimeline[dask]')")
    e.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: an existing scheduler (tcp://host:8786); default: a local cluster")
    e.add_argument("--focus", metavar="FOCUS", help=FOCUS_HELP)
    e.set_defaults(func=cmd_extract)

    c = sub.add_parser("correct", parents=[common],
                       help="add a correction to SEEDS/corrections.toml (pin or drop a place, set a date, hide an event)")
    c.add_argument("name", nargs="?", help="the place name as written in the article")
    c.add_argument("--to", metavar="GAZETTEER_ID", help="pin the name to this gazetteer entry (see geotimeline lookup)")
    c.add_argument("--lat", type=float, help="pin the name to these coordinates (with --lon)")
    c.add_argument("--lon", type=float)
    c.add_argument("--label", help="the name to show for --lat/--lon")
    c.add_argument("--drop", action="store_true", help="the name is not a place")
    c.add_argument("--article", metavar="ID", help="only in this article (default: every article)")
    c.add_argument("--published", metavar="DATE", help="set --article's publication date (YYYY-MM-DD, YYYY-MM, YYYY)")
    c.add_argument("--precision", choices=["day", "month", "year"], help="how far --published is certain")
    c.add_argument("--hide", metavar="EVENT_ID", help="hide one event (its event_id)")
    c.add_argument("--seeds", default="seeds", help="the seeds folder whose corrections.toml to write (default: seeds)")
    c.set_defaults(func=cmd_correct)

    lk = sub.add_parser("lookup", parents=[common], help="print the ranked gazetteer candidates for a name")
    lk.add_argument("name")
    lk.add_argument("--context", help="a sentence around the name, to rank with context")
    lk.add_argument("--demonym", action="store_true", help="look the name up as a demonym (\"Iraqi\")")
    lk.add_argument("--limit", type=int, default=15)
    lk.add_argument("--focus", metavar="FOCUS", help=FOCUS_HELP)
    lk.set_defaults(func=cmd_lookup)

    g = sub.add_parser("gazetteer", help="build or inspect the offline gazetteer")
    gsub = g.add_subparsers(metavar="ACTION")
    gb = gsub.add_parser("build", parents=[common], help="(re)build the gazetteer cache from its sources")
    gb.set_defaults(func=cmd_gazetteer_build)
    gi = gsub.add_parser("info", parents=[common], help="row counts of the gazetteer cache")
    gi.set_defaults(func=cmd_gazetteer_info)

    s = sub.add_parser("settings", parents=[common], help="list every setting with its value and meaning")
    s.set_defaults(func=cmd_settings)
    return p
