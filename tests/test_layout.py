"""The package by pipeline stage (issue #17): old module paths still import, with a
DeprecationWarning, for one release; no import cycles; no module too long to hold in mind."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from yomu._moved import OLD_PATHS

SRC = Path(__file__).resolve().parents[1] / "src" / "yomu"


@pytest.mark.parametrize("old", sorted(OLD_PATHS))
def test_an_old_path_is_the_new_module_with_a_warning(old: str) -> None:
    # In a fresh interpreter: this one may have imported the old path already.
    code = (
        "import importlib, warnings\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        f"    old = importlib.import_module({old!r})\n"
        f"new = importlib.import_module({OLD_PATHS[old]!r})\n"
        "print(old is new, [str(w.message) for w in caught if w.category is DeprecationWarning])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == f"True ['{old} moved to {OLD_PATHS[old]}; import it from there']"


def test_names_from_an_old_path_are_the_new_modules_own() -> None:
    with pytest.warns(DeprecationWarning, match=r"yomu\.vocabulary moved to yomu\.meaning\.vocabulary"):
        old = importlib.import_module("yomu.vocabulary")
        sys.modules.pop("yomu.vocabulary", None)  # so that the next test's import warns again
        importlib.invalidate_caches()
    from yomu.meaning import vocabulary

    assert old.build_vocabulary is vocabulary.build_vocabulary


def test_the_learner_package_keeps_its_names() -> None:
    from yomu.learner import LearnerSettings
    from yomu.learner.settings import LearnerSettings as settings_class

    assert LearnerSettings is settings_class


def _imports(path: Path) -> set[str]:
    module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = ".".join(package[: len(package) - node.level + 1])
            target = f"{base}.{node.module}" if node.module else base
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("yomu"):
            found.add(node.module)
    return found


def test_no_import_cycles() -> None:
    modules = {
        ".".join(p.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__"): p
        for p in SRC.rglob("*.py")
    }
    graph = {n: {m for m in _imports(p) if m in modules and m != n} for n, p in modules.items()}
    # A package's __init__ is imported with each of its modules, so it is no edge back.
    graph = {name: {m for m in deps if not name.startswith(m + ".")} for name, deps in graph.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for dep in sorted(graph[name]):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert cycles == []


def test_no_module_over_600_lines_and_no_cli_file_over_250() -> None:
    long = {
        str(p.relative_to(SRC)): n
        for p in SRC.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > (250 if "cli" in p.parts else 600)
    }
    assert long == {}
