"""geotimeline: news articles -> places and dates -> events -> an offline map + timeline report.

Public API::

    from geotimeline import build, extract, Settings, Pipeline
    build("seeds", "output")
"""

__version__ = "0.1.0"

from .errors import GeotimelineError  # noqa: E402
from .pipeline import Pipeline, build, extract  # noqa: E402
from .records import Article, ArticleResult, DateMention, Event, GazetteerEntry, Place, Toponym  # noqa: E402
from .settings import Settings  # noqa: E402

__all__ = [
    "Article", "ArticleResult", "DateMention", "Event", "GazetteerEntry", "GeotimelineError",
    "Pipeline", "Place", "Settings", "Toponym", "build", "extract", "__version__",
]
