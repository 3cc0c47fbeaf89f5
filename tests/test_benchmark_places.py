"""The place benchmark's scoring, on a hand-written document (the corpora stay in ../shared)."""

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("places_benchmark", Path(__file__).parent.parent / "benchmarks" / "places.py")
places = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = places  # dataclasses look their module up
_spec.loader.exec_module(places)

DOC = {
    "id": "t1", "text": "Storms hit Paris and Lyon near 12 Rue Street.",
    "toponyms": [{"start": 11, "end": 16, "name": "Paris", "lat": 48.85, "lon": 2.35},
                 {"start": 21, "end": 25, "name": "Lyon", "lat": 45.75, "lon": 4.85}],
    "unresolved_toponyms": [{"start": 31, "end": 44, "name": "12 Rue Street"}],
}


def test_scoring_counts_spans_distances_and_ignores_unresolved():
    tally = places.Tally()
    predicted = [
        (11, 16, 48.85, 2.35),  # exact and placed
        (21, 24, 33.66, -95.55),  # lenient only ("Lyo"), placed in Texas
        (34, 38, 0.0, 0.0),  # inside an unresolved toponym: neither right nor wrong
        (0, 6, 0.0, 0.0),  # "Storms": spurious
    ]
    places.score_document(DOC, predicted, tally)
    fig = tally.figures()
    assert (tally.gold, tally.predicted, tally.exact, tally.lenient_pred) == (2, 3, 1, 2)
    assert fig["P exact"] == pytest.approx(1 / 3) and fig["R exact"] == pytest.approx(1 / 2)
    assert fig["R lenient"] == 1.0
    assert fig["acc@161"] == 0.5 and fig["e2e@161"] == 0.5
    assert tally.errors_km[0] == pytest.approx(0.0, abs=0.01) and tally.errors_km[1] > 7000
