"""Whom a send goes to: every connection, or exactly the ones named (possibly nobody)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Targets:
    """The connections a send is for, stated explicitly.

    ``ids`` is None for "every open connection" (use :data:`ALL`); otherwise exactly those
    connection ids, and an empty set means nobody. A send never widens: ids that are gone are
    simply not reached, they never turn into "everyone".
    """

    ids: frozenset[int] | None = None

    @classmethod
    def only(cls, ids: Iterable[int]) -> Targets:
        """Exactly these connection ids (none at all: nobody)."""
        return cls(frozenset(ids))

    @property
    def is_all(self) -> bool:
        return self.ids is None

    def live(self, open_ids: Iterable[int]) -> list[int]:
        """The targeted ids among ``open_ids``, in the order of ``open_ids``."""
        if self.ids is None:
            return list(open_ids)
        return [i for i in open_ids if i in self.ids]

    def gone(self, open_ids: Iterable[int]) -> frozenset[int]:
        """Targeted ids that are no longer open (always empty for :data:`ALL`)."""
        if self.ids is None:
            return frozenset()
        return self.ids - frozenset(open_ids)


#: Every connection open at the moment of each send.
ALL = Targets()
#: Nobody: a send to it reaches no connection.
NOBODY = Targets.only(())


def as_targets(targets: Targets | Iterable[int]) -> Targets:
    """``targets`` as a :class:`Targets`; a plain list of ids means exactly those ids.

    Raises ``TypeError`` for None: "everyone" must be asked for as :data:`ALL`.
    """
    if isinstance(targets, Targets):
        return targets
    if targets is None:
        raise TypeError("targets must be ALL or connection ids, not None")
    return Targets.only(targets)


def follow_selection(chosen: frozenset[int], selected: Iterable[int],
                     open_ids: Iterable[int]) -> frozenset[int]:
    """The clients the user has chosen, after the list's selection became ``selected``.

    ``chosen`` is the choice before (empty: none, i.e. send to all). A selection that empties
    because the chosen clients *left* keeps them chosen, so a send goes to nobody instead of
    widening to everyone; the user emptying it (deselecting a client still open) means all.
    """
    now = frozenset(selected)
    if now:
        return now
    if chosen & frozenset(open_ids):
        return frozenset()  # the user deselected a client that is still there
    return chosen
