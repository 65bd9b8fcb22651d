"""Explicit send targets: ALL, exactly these ids, nobody; and a choice that never widens."""

from __future__ import annotations

import pytest

from app.send.targets import ALL, NOBODY, Targets, as_targets, follow_selection


def test_all_reaches_every_open_id_and_misses_none():
    assert ALL.is_all
    assert ALL.live([3, 1, 2]) == [3, 1, 2]
    assert ALL.gone([1]) == frozenset()


def test_only_reaches_exactly_the_ids_still_open():
    targets = Targets.only([1, 4])
    assert not targets.is_all
    assert targets.live([1, 2, 3]) == [1]
    assert targets.gone([1, 2, 3]) == {4}


def test_empty_means_nobody_never_everyone():
    assert as_targets([]) == NOBODY
    assert NOBODY.live([1, 2, 3]) == []
    assert as_targets([2]).live([1, 2]) == [2]
    assert as_targets(ALL) is ALL


def test_none_is_refused_everyone_must_be_asked_for():
    with pytest.raises(TypeError):
        as_targets(None)  # type: ignore[arg-type]


def test_selection_follows_the_user():
    # choosing rows
    assert follow_selection(frozenset(), [1], [1, 2]) == {1}
    assert follow_selection(frozenset({1}), [1, 2], [1, 2]) == {1, 2}
    # the user deselecting a client that is still there: back to "all"
    assert follow_selection(frozenset({1}), [], [1, 2]) == frozenset()


def test_a_choice_survives_the_chosen_clients_leaving():
    # 1 was chosen and left (its row vanished): still chosen, so a send reaches nobody
    assert follow_selection(frozenset({1}), [], [2]) == {1}
    # 1 and 2 chosen, 1 left: the rest of the selection remains the choice
    assert follow_selection(frozenset({1, 2}), [2], [2, 3]) == {2}
    # then 2 leaves as well
    assert follow_selection(frozenset({2}), [], [3]) == {2}
