"""The examples in the modules' docstrings are run, so they stay true."""

import doctest
import importlib

import pytest

MODULES = ["geotimeline.events", "geotimeline.gazetteer", "geotimeline._gazetteer_sources", "geotimeline.load",
           "geotimeline.resolve", "geotimeline.temporal", "geotimeline.report.outlines"]


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples: take it off the list"
    assert result.failed == 0
