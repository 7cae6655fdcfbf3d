"""The house rules of issue 12, checked on the source: one rule in one place.

Each test reads the project's own Python files and templates (no database) and names
the file and line that breaks a rule, so the next person sees at once what to move where.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("aanbesteden", "trajecten", "coalities", "beoordeling", "verantwoording")
PHASE_APPS = APPS[1:]
# Imports point one way: each app may import only the apps after it in this list.
ORDER = ("verantwoording", "beoordeling", "coalities", "trajecten", "aanbesteden")


def _python_files(app, *, tests=False):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "migrations" in parts:
            continue
        if not tests and "tests" in parts:
            continue
        yield path


def _tree(path):
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported_apps(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module.split(".")[0]


def _where(path, line):
    return f"{path.relative_to(ROOT)}:{line}"


@pytest.mark.parametrize("app", APPS)
def test_imports_point_one_way(app):
    """verantwoording -> beoordeling -> coalities -> trajecten -> aanbesteden; the core
    imports no phase (outside its tests), and no phase imports a later one."""
    later = set(ORDER[: ORDER.index(app)])
    wrong = [
        f"{_where(path, line)} imports {name}"
        for path in _python_files(app)
        for line, name in _imported_apps(_tree(path))
        if name in later
    ]
    assert wrong == []


def test_audit_events_are_written_only_by_typed_writers():
    """Services call a writer in their app's events.py; only those call audit.record."""
    wrong = []
    for app in APPS:
        for path in _python_files(app):
            if path.name == "events.py" or path == ROOT / "aanbesteden" / "audit.py":
                continue
            for node in ast.walk(_tree(path)):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "record"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "audit"
                ):
                    wrong.append(_where(path, node.lineno))
    assert wrong == []


@pytest.mark.parametrize("app", PHASE_APPS)
def test_every_phase_app_has_its_furniture(app):
    for name in ("permissions.py", "events.py", "extensions.py"):
        assert (ROOT / app / name).exists(), f"{app}/{name}"
    ready = (ROOT / app / "apps.py").read_text(encoding="utf-8")
    if (ROOT / app / "extensions.py").read_text(encoding="utf-8").count("def registreren"):
        assert "extensions.registreren()" in ready


def _view_files():
    for app in APPS:
        for path in _python_files(app):
            rel = path.relative_to(ROOT).parts
            if "views" in rel or path.name == "views.py":
                yield path


def test_no_view_dispatches_on_a_post_action_field():
    """One URL and one view per transition: no view reads a POST field `actie`, and no
    template posts one."""
    wrong = [
        _where(path, node.lineno)
        for path in _view_files()
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Constant) and node.value == "actie"
    ]
    for template in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""name=["']actie["']""", line):
                wrong.append(f"{template.relative_to(ROOT)}:{number}")
    assert wrong == []


def test_views_ask_of_404_instead_of_catching_does_not_exist():
    """`aanbesteden.pagina.of_404(selector, ...)` is the one "ask the selector, or 404"."""
    wrong = []
    for path in _view_files():
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                if "DoesNotExist" in ast.unparse(node.type):
                    wrong.append(_where(path, node.lineno))
    assert wrong == []


ROL_WOORDEN = re.compile(r"offic(i)?er", re.IGNORECASE)


def _identifiers(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.lineno, node.name
        elif isinstance(node, ast.arg):
            yield node.lineno, node.arg
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            yield node.lineno, node.id
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            yield node.lineno, node.attr


@pytest.mark.parametrize("app", APPS)
def test_the_municipal_officer_is_medewerker_in_identifiers(app):
    """One word per role (docs/glossary.md): `medewerker`, never `officier` or `officer`."""
    wrong = [
        f"{_where(path, line)} {name}"
        for path in _python_files(app, tests=True)
        for line, name in _identifiers(_tree(path))
        if ROL_WOORDEN.search(name)
    ]
    assert wrong == []


def test_one_guard_for_medewerkers():
    """The officer guard is `aanbesteden.permissions.als_medewerker`, not a copy per app."""
    wrong = [
        _where(path, node.lineno)
        for app in APPS
        for path in _python_files(app)
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.FunctionDef)
        and node.name in {"_moet_medewerker_zijn", "_moet_officier_zijn", "_officer_only"}
    ]
    assert wrong == []
