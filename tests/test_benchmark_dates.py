"""The date benchmark's TempEval-3 scoring, on a hand-written document (the corpora stay in ../shared)."""

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("dates_benchmark", Path(__file__).parent.parent / "benchmarks" / "dates.py")
dates = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = dates  # dataclasses look their module up
_spec.loader.exec_module(dates)

TEXT = "On Friday the army left. It had stayed for nearly two years and will return in May."
DOC = {
    "id": "t1", "text": TEXT, "doc_date": "2015-03-14",
    "timexes": [
        {"start": 3, "end": 9, "text": "Friday", "type": "DATE", "value": "2015-03-13"},
        {"start": 43, "end": 59, "text": "nearly two years", "type": "DURATION", "value": "P2Y"},
        {"start": 79, "end": 82, "text": "May", "type": "DATE", "value": "2015-05"},
    ],
}


def test_gold_spans_index_the_text():
    assert [TEXT[t["start"]:t["end"]] for t in DOC["timexes"]] == [t["text"] for t in DOC["timexes"]]


def test_scoring_pairs_spans_once_and_counts_types_and_values():
    tally = dates.Tally()
    predicted = [
        (3, 9, "DATE", "2015-03-13"),  # strict, right type and value
        (50, 59, "DURATION", "P2Y"),  # "two years": relaxed only, right value
        (0, 2, "DATE", "XXXX"),  # "On": spurious
        (79, 82, "DATE", "2016-05"),  # strict, wrong value
    ]
    dates.score_document(DOC, predicted, tally)
    fig = tally.figures()
    assert (tally.gold, tally.predicted, tally.strict, tally.relaxed) == (3, 4, 2, 3)
    assert fig["P strict"] == pytest.approx(2 / 4) and fig["R relaxed"] == 1.0
    assert fig["type acc"] == 1.0 and fig["value acc"] == pytest.approx(2 / 3)
    assert fig["value F1"] == pytest.approx(fig["F1 relaxed"] * 2 / 3)


def test_geotimeline_prediction_on_the_document():
    found = dates.predict_geotimeline(DOC)
    assert (3, 9, "DATE", "2015-03-13") in found
    assert (43, 59, "DURATION", "P2Y") in found
    assert (79, 82, "DATE", "2015-05") in found  # future clause: the coming May
