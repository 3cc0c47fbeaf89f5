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


def test_entity_scoring_takes_a_country_by_its_outline_and_a_division_by_its_extent():
    russia_wiki = {"lat": 66.0, "lon": 94.0}  # Wikipedia's point, ~700 km from GeoNames' (60, 100)
    as_russia = (0, 6, 60.0, 100.0, "Russia (country, RU)", "country", "2017370", "RU")
    assert places.right_entity(russia_wiki, as_russia, 700.0, None)
    kenya_point = {"lat": 0.5, "lon": 37.5}
    as_rwanda = (0, 6, -2.0, 29.9, "Rwanda (country, RW)", "country", "49518", "RW")
    assert not places.right_entity(kenya_point, as_rwanda, 800.0, None)
    as_city = (0, 6, 60.0, 100.0, "X (city, RU)", "city", "1", "RU")
    assert not places.right_entity(russia_wiki, as_city, 700.0, None)  # a city: 161 km as before

    class Gaz:
        def extent(self, entry_id):
            return [[30.0, -100.0], [30.0, -90.0], [36.0, -90.0], [36.0, -100.0]]

    state = (0, 5, 31.0, -99.0, "Texas (admin1, US)", "admin1", "admin1:US.TX", "US")
    assert places.right_entity({"lat": 35.5, "lon": -91.0}, state, 500.0, Gaz())
    assert not places.right_entity({"lat": 40.0, "lon": -91.0}, state, 500.0, Gaz())
