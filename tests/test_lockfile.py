"""Installs that reproduce: requirements.lock pins every package requirements.txt asks for
(and everything those need) to one version within its range, with hashes, and the set-up
script, which CI runs, installs the lock."""

from __future__ import annotations

import re
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def pins() -> dict[str, tuple[str, int]]:
    """{package: (version, number of hashes)} from requirements.lock."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    out = {}
    for block in re.split(r"\n(?=[A-Za-z])", text):
        m = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;\\]+)", block)
        if m:
            out[canonicalize_name(m.group(1))] = (m.group(2), block.count("--hash=sha256:"))
    return out


def test_every_requirement_is_pinned_within_its_range_with_hashes():
    locked = pins()
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        name = canonicalize_name(req.name)
        assert name in locked, (
            f"{name} is in requirements.txt but not in requirements.lock: run ./scripts/lock.sh"
        )
        version, _ = locked[name]
        assert req.specifier.contains(version, prereleases=True), (
            name,
            version,
            str(req.specifier),
        )
    assert all(h >= 1 for _, h in locked.values())


def test_requirements_give_ranges_and_the_setup_installs_the_lock():
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        assert not line or "==" not in line, f"{line}: requirements.txt gives ranges, the lock pins"
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "-r requirements.lock" in setup
    assert "./scripts/setup.sh" in (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "uv pip compile requirements.txt" in (ROOT / "scripts" / "lock.sh").read_text(
        encoding="utf-8"
    )
