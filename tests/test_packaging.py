"""Every third-party module the package imports is declared in pyproject.toml (a missing one
works on the developer's machine and fails on a fresh install)."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _declared() -> set[str]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"]) + [r for extra in project.get("optional-dependencies", {}).values() for r in extra]
    names = set()
    for r in reqs:
        names.add(re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].strip().lower().replace("_", "-"))
        names |= {e.strip().lower() for e in re.findall(r"\[([^\]]*)\]", r)[0].split(",")} if "[" in r else set()
    return names


def _imported() -> set[str]:
    names = set()
    for path in (ROOT / "geotimeline").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"geotimeline", "tomllib"}


def test_every_imported_package_is_declared():
    dists = packages_distributions()
    declared = _declared()
    missing = []
    for module in sorted(_imported()):
        candidates = {d.lower().replace("_", "-") for d in dists.get(module, [module])}
        if not candidates & declared:
            missing.append(f"{module} ({', '.join(sorted(candidates))})")
    assert not missing, "imported but not declared in pyproject.toml: " + "; ".join(missing)
