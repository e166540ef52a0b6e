"""What the site imports to run is in the runtime lock, not only in the development one:
``make run`` installs ``requirements/base.lock`` alone."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Code that only tests and benchmarks run.
DEV_ONLY = re.compile(
    r"(^|/)(tests|management/commands/(screenshots|make_demo_audio)\.py|bench\.py)|_reference\.py$"
)


def _locked(lock):
    names = re.findall(r"^([A-Za-z0-9_.-]+)==", (ROOT / "requirements" / lock).read_text(), re.M)
    return {re.sub(r"[-_.]+", "-", name).lower() for name in names}


def _imported_at_runtime():
    found = {}
    for path in sorted((ROOT / "institute").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if DEV_ONLY.search(relative):
            continue
        for node in ast.walk(ast.parse(path.read_text(), relative)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], relative)
    return found


def test_every_package_the_site_imports_is_in_the_runtime_lock():
    distributions = packages_distributions()
    runtime = _locked("base.lock")
    missing = {}
    for module, where in _imported_at_runtime().items():
        if module == "institute" or module in sys.stdlib_module_names:
            continue
        for dist in distributions.get(module, []):
            if re.sub(r"[-_.]+", "-", dist).lower() not in runtime:
                missing[module] = where
    assert not missing, f"imported at run time but only in the dev lock: {missing}"
