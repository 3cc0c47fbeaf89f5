"""Reading the shared evaluation corpora (``../shared/eval/``), which are never copied into the project."""

from __future__ import annotations

import json
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def load_corpus(kind: str, name: str, limit: int | None = None) -> list[dict]:
    """The documents of ``../shared/eval/<kind>/<name>.jsonl`` (the first ``limit``), or exit with
    a message saying where the data should be."""
    path = EVAL / kind / f"{name}.jsonl"
    if not path.exists():
        sys.exit(f"{path} not found: the evaluation data lives in ../shared/eval/ beside the project")
    with path.open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    return docs[:limit] if limit else docs
