"""The README documents every setting, subcommand and output column (datasette's habit)."""

import dataclasses
import re
from pathlib import Path

import pytest

from geotimeline.events import COLUMNS
from geotimeline.settings import Settings, setting_help

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Settings)])
def test_setting_documented(name):
    assert f"`{name}`" in README
    assert setting_help().get(name), f"setting {name} has no help comment"


@pytest.mark.parametrize("command", ["add", "build", "extract", "correct", "lookup", "gazetteer build", "gazetteer info", "settings"])
def test_command_documented(command):
    assert f"geotimeline {command}" in README


@pytest.mark.parametrize("column", COLUMNS)
def test_column_documented(column):
    assert re.search(rf"`{column}`", README)
