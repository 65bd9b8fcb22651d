"""The process's file-descriptor budget: raise the soft limit, count what is open, and
decide whether one more connection fits.

Every connection holds one descriptor (its socket). Under the common soft limit of 1,024 a
busy server would otherwise run out, and a process out of descriptors cannot even open a
file to save its log. So the app raises the soft limit to the hard one at start, and a
server refuses clients while fewer than :data:`RESERVED_DESCRIPTORS` would stay free.

Windows has no such per-process limit on sockets: there every function here is a no-op or
answers "unknown" (``None``), and no client is refused for it.
"""

from __future__ import annotations

import os
import sys

#: The soft limit is raised to the hard limit, but not beyond this (a hard limit of a
#: million would only make accidental leaks take longer to notice).
DESCRIPTOR_CAP = 65536
#: macOS refuses a soft limit above OPEN_MAX (10,240) even when the hard limit is unlimited.
_DARWIN_OPEN_MAX = 10240
#: Descriptors kept free for what is not a connection: recordings, saved logs, settings,
#: a file dialog, the listening sockets (Qt's own files and pipes are open already, so they
#: are counted, not reserved). 16 leaves room to save a log at full load and still lets a
#: process whose hard limit is 1,024 hold 1,000 clients (it has about 6 open before them).
RESERVED_DESCRIPTORS = 16
#: Counting open descriptors lists a directory (~0.5 ms at 1,000 open): the budget counts
#: again after this many accepts, or on every accept once this close to the limit.
RECOUNT_EVERY = 32


def descriptor_limit() -> int | None:
    """The soft ``RLIMIT_NOFILE`` in force, or ``None`` where there is none (Windows) or it
    is unlimited."""
    if sys.platform == "win32":
        return None
    import resource

    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else soft


def raise_descriptor_limit(cap: int = DESCRIPTOR_CAP) -> int | None:
    """Raise the soft ``RLIMIT_NOFILE`` to the hard limit, at most ``cap``; never lower it.

    Returns the soft limit in force afterwards (``None`` on Windows or when unlimited).
    Never raises: where the OS refuses, the limit stays as it was.
    """
    if sys.platform == "win32":
        return None
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return None
    target = cap if hard == resource.RLIM_INFINITY else min(hard, cap)
    candidates = [target]
    if sys.platform == "darwin":
        candidates.append(min(target, _DARWIN_OPEN_MAX))
    for wanted in candidates:
        if wanted <= soft:
            break
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (ValueError, OSError):
            continue
        return wanted
    return soft


def open_descriptors() -> int | None:
    """How many descriptors this process has open, or ``None`` where the OS does not say
    cheaply (only Linux and macOS list them)."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        return max(0, len(names) - 1)  # the listing's own descriptor is among them
    return None


class DescriptorBudget:
    """Whether one more connection fits while ``reserve`` descriptors stay free.

    Used by one accept loop (not thread-safe). Call :meth:`allows_one_more` right after
    ``accept()``, with the new socket already open. Between exact counts it adds the accepts
    since the last count, so a burst of clients costs a directory listing per
    :data:`RECOUNT_EVERY` accepts, and one per accept only near the limit.
    """

    def __init__(self, reserve: int = RESERVED_DESCRIPTORS) -> None:
        self.reserve = reserve
        self._counted: int | None = None
        self._since = 0
        self._countable = True

    def allows_one_more(self) -> bool:
        """False when the descriptors open now (the new socket included) leave fewer than
        ``reserve`` free under the soft limit. Always True where the OS has no limit or
        cannot count."""
        limit = descriptor_limit()
        if limit is None or not self._countable:
            return True
        cap = limit - self.reserve
        self._since += 1
        if (self._counted is None or self._since >= RECOUNT_EVERY
                or self._counted + self._since >= cap - RECOUNT_EVERY):
            self._counted = open_descriptors()
            self._since = 0
            if self._counted is None:
                self._countable = False
                return True
            return self._counted <= cap
        return True
