# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plugins/module_utils is layered, and every error it raises is one type.

Each file lives in a layer package and imports only its own layer and the layers the table allows: the model
imports no other layer; aws and cgw import only the model (never each other); audit and ops import the model,
aws and cgw (never each other). The imports are read from the source (ast), function-level ones included.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

PKG = "ansible_collections.hybridvpn.s2s.plugins.module_utils"
ROOT = Path(__file__).resolve().parents[4] / "plugins" / "module_utils"

# layer -> the other layers its files may import
MAY_IMPORT = {
    "model": set(),
    "aws": {"model"},
    "cgw": {"model"},
    "audit": {"model", "aws", "cgw"},
    "ops": {"model", "aws", "cgw"},
}

FILES = sorted(p for p in ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PKG,) + parts)


def imported(source: str, module: str, is_package: bool = False) -> set:
    """Every module_utils module ``source`` (the text of ``module``) imports, as dotted names below PKG."""
    package = module if is_package else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # "from PKG.layer import x": x may be a module of the layer; the layer is what counts
            names = [base + "." + alias.name for alias in node.names] if base == PKG else [base]
        else:
            continue
        found.update(name[len(PKG) + 1:] for name in names if name.startswith(PKG + "."))
    return found


def violations(layer: str, targets: set) -> list:
    out = []
    for target in sorted(targets):
        other = target.split(".")[0]
        if other not in MAY_IMPORT:
            out.append("%s is not in a layer" % target)
        elif other != layer and other not in MAY_IMPORT[layer]:
            out.append("%s (layer %s may import only %s)" % (target, layer, ", ".join(sorted(MAY_IMPORT[layer])) or "itself"))
    return out


def test_every_file_is_in_a_layer_and_every_layer_is_a_package():
    assert {p.relative_to(ROOT).parts[0] for p in FILES} == set(MAY_IMPORT)
    for layer in MAY_IMPORT:
        assert (ROOT / layer / "__init__.py").is_file()
    for directory in {p.parent for p in FILES}:
        assert (directory / "__init__.py").is_file(), directory


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_follow_the_layers(path):
    layer = path.relative_to(ROOT).parts[0]
    targets = imported(path.read_text(encoding="utf-8"), _module(path), path.name == "__init__.py")
    assert violations(layer, targets) == []


@pytest.mark.parametrize("layer, source, bad", [
    ("model", "from %s.aws import vpn_diff" % PKG, True),
    ("model", "def f():\n    from %s.cgw.render import build\n" % PKG, True),
    ("aws", "from %s.cgw import render" % PKG, True),
    ("cgw", "import %s.aws.aws_vpn_api" % PKG, True),
    ("cgw", "from ..aws import vpn_diff", True),
    ("audit", "from %s.ops import runbook" % PKG, True),
    ("ops", "from %s import intent" % PKG, True),
    ("cgw", "from %s.model import psk\nfrom .config_read import load" % PKG, False),
    ("ops", "from %s import aws, cgw, model" % PKG, False),
])
def test_the_check_sees_a_bad_import(layer, source, bad):
    module = "%s.%s.some_file" % (PKG, layer)
    assert bool(violations(layer, imported(source, module))) is bad


def test_every_error_is_the_one_type():
    """Every exception class module_utils defines derives from S2SError, so a caller catches that one type."""
    errors = []
    for path in FILES:
        module = importlib.import_module(_module(path))
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, BaseException):
                errors.append(cls)
    assert len(errors) > 10
    assert [cls for cls in errors if not issubclass(cls, S2SError)] == []
