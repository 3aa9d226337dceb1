# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine's record of what it created, so teardown removes exactly that and nothing else.

Layout: ``<base>/<lab name>/state.json`` (namespaces, FRR run dirs, underlay cuts, drained and
stopped endpoints), ``spec.json`` (mode 0600: it holds the PSKs, needed to restart a charon) and one
directory per namespace for configs, logs and charon's private /run. Every resource is recorded
*before* it is created, so a bring-up that fails half way is still torn down completely.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil

DEFAULT_BASE = pathlib.Path(__file__).resolve().parents[2] / ".lab" / "dataplane"


def base_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("DATAPLANE_STATE_DIR", str(DEFAULT_BASE)))


class LabState:
    """state.json of one lab, saved after every change."""

    def __init__(self, root: pathlib.Path):
        self.root = root
        self.path = root / "state.json"
        self.data = {"namespaces": [], "frr_run_dirs": [], "cuts": [], "drained": [], "stopped": [], "charon_pids": {}}
        if self.path.exists():
            self.data.update(json.loads(self.path.read_text(encoding="utf-8")))

    @classmethod
    def for_lab(cls, name: str) -> "LabState":
        return cls(base_dir() / name)

    @staticmethod
    def labs() -> list:
        base = base_dir()
        return sorted(p.name for p in base.iterdir() if (p / "state.json").exists()) if base.exists() else []

    def save(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.data, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)

    def add(self, key: str, value) -> None:
        if value not in self.data[key]:
            self.data[key].append(value)
            self.save()

    def discard(self, key: str, value) -> None:
        if value in self.data[key]:
            self.data[key].remove(value)
            self.save()

    def write_spec(self, spec_dict: dict) -> None:
        """The spec holds PSKs: create the file 0600 from the start (no window where it is readable)."""
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / "spec.json"
        fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(spec_dict, handle)

    def read_spec(self) -> dict:
        return json.loads((self.root / "spec.json").read_text(encoding="utf-8"))

    def ns_dir(self, ns: str) -> pathlib.Path:
        path = self.root / ns
        path.mkdir(parents=True, exist_ok=True)
        return path

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        base = base_dir()
        # Leave no empty .lab/dataplane behind either.
        for path in (base, base.parent):
            try:
                path.rmdir()
            except OSError:
                break
