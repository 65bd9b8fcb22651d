"""The descriptor budget: raising the soft limit, counting open descriptors, refusing early."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.net.limits import DescriptorBudget, open_descriptors

ROOT = Path(__file__).resolve().parent.parent
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="no RLIMIT_NOFILE on Windows")
counting = pytest.mark.skipif(not sys.platform.startswith(("linux", "darwin")),
                              reason="open descriptors are listed on Linux and macOS only")


def _in_child(soft: int, hard: int, cap: int | None) -> tuple[int | None, tuple[int, int]]:
    """Set the limits in a fresh interpreter, raise, return (what raise said, limits after)."""
    call = "raise_descriptor_limit()" if cap is None else f"raise_descriptor_limit({cap})"
    code = (
        "import resource\n"
        f"resource.setrlimit(resource.RLIMIT_NOFILE, ({soft}, {hard}))\n"
        "from app.net.limits import raise_descriptor_limit\n"
        f"print({call}, *resource.getrlimit(resource.RLIMIT_NOFILE))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, check=True).stdout.split()
    said = None if out[0] == "None" else int(out[0])
    return said, (int(out[1]), int(out[2]))


def _hard_limit() -> int:
    import resource

    return resource.getrlimit(resource.RLIMIT_NOFILE)[1]


@posix_only
def test_soft_limit_is_raised_to_the_hard_limit():
    if _hard_limit() < 1024:
        pytest.skip("hard limit below 1024 here")
    assert _in_child(256, 1024, None) == (1024, (1024, 1024))


@posix_only
def test_raise_stops_at_the_cap_and_never_lowers():
    if _hard_limit() < 4096:
        pytest.skip("hard limit below 4096 here")
    assert _in_child(256, 4096, 2000) == (2000, (2000, 4096))
    assert _in_child(3000, 4096, 2000) == (3000, (3000, 4096))


@counting
def test_open_descriptors_counts_what_is_open():
    before = open_descriptors()
    assert before is not None and before >= 3
    fds = [os.open(os.devnull, os.O_RDONLY) for _ in range(10)]
    try:
        assert open_descriptors() == before + 10
    finally:
        for fd in fds:
            os.close(fd)
    assert open_descriptors() == before


@posix_only
@counting
def test_budget_refuses_once_fewer_than_the_reserve_would_stay_free():
    import resource

    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    now = open_descriptors()
    assert now is not None
    # A reserve that leaves room for exactly five more descriptors.
    budget = DescriptorBudget(reserve=soft - (now + 5))
    fds = []
    answers = []
    try:
        for _ in range(8):
            fds.append(os.open(os.devnull, os.O_RDONLY))
            answers.append(budget.allows_one_more())
    finally:
        for fd in fds:
            os.close(fd)
    assert answers == [True] * 5 + [False] * 3
    # Room again once descriptors are closed.
    assert budget.allows_one_more()
