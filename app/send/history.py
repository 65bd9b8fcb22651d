"""Past sends, persisted in QSettings, and Up/Down recall in the send box.

:class:`SendHistory` stores a JSON list of :meth:`SendSpec.to_dict` objects under one key, most
recent first. It reads the stored value on every call instead of caching it, so several session
pages sharing one QSettings see (and extend) the same history rather than overwriting each
other's. :class:`HistoryCursor` is the shell-like Up/Down navigation over a list of texts.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.json_setting import parse_valid, read_json_setting, write_json_setting
from app.send.payload import SendSpec

DEFAULT_HISTORY_KEY = "send/history"
DEFAULT_HISTORY_LIMIT = 100


class SendHistory:
    """Most-recent-first list of :class:`SendSpec` kept in ``settings`` under ``key``.

    A stored value that cannot be read (not JSON, not a list) is treated as empty, and single
    unreadable entries are skipped: a damaged settings file must never stop the app.
    """

    def __init__(
        self,
        settings: QSettings,
        key: str = DEFAULT_HISTORY_KEY,
        limit: int = DEFAULT_HISTORY_LIMIT,
    ) -> None:
        if limit < 1:
            raise ValueError(f"history limit must be at least 1, not {limit}")
        self._settings = settings
        self._key = key
        self._limit = limit

    @property
    def limit(self) -> int:
        """The most entries kept."""
        return self._limit

    def entries(self) -> list[SendSpec]:
        """All stored sends, most recent first (at most :attr:`limit`)."""
        items = read_json_setting(self._settings, self._key)
        if not isinstance(items, list):
            return []
        specs: list[SendSpec] = []
        for spec in parse_valid(items, SendSpec.from_dict):
            # A hand-edited file could hold duplicates; keep the most recent one only.
            if spec not in specs:
                specs.append(spec)
        return specs[: self._limit]

    def add(self, spec: SendSpec) -> None:
        """Put ``spec`` first; an equal existing entry is moved, not duplicated; trims and saves."""
        specs = self.entries()
        if specs and specs[0] == spec:
            # Repeated sends of the same thing (periodic send, hammering Enter) need no write.
            return
        if spec in specs:
            specs.remove(spec)
        specs.insert(0, spec)
        self._save(specs[: self._limit])

    def clear(self) -> None:
        """Forget every entry."""
        self._save([])

    def _save(self, specs: list[SendSpec]) -> None:
        write_json_setting(self._settings, self._key, [s.to_dict() for s in specs])


class HistoryCursor:
    """Up/Down navigation through past texts, like a shell prompt.

    ``texts`` is most recent first. The first :meth:`older` remembers what was in the box as the
    draft, and :meth:`newer` past the most recent entry gives that draft back, so browsing the
    history never loses what the user was typing.
    """

    def __init__(self, texts: list[str]) -> None:
        self._texts = list(texts)
        self._index = -1  # -1 = at the draft, not in the history
        self._draft: str | None = None

    @property
    def index(self) -> int:
        """Position in ``texts`` currently shown; -1 while at the draft."""
        return self._index

    def older(self, current_text: str) -> str | None:
        """Step to the next older entry and return it; ``None`` when there is none."""
        if self._index == -1:
            self._draft = current_text
        if self._index + 1 >= len(self._texts):
            return None
        self._index += 1
        return self._texts[self._index]

    def newer(self) -> str | None:
        """Step towards the present; returns the draft when leaving the most recent entry.

        ``None`` when already at the draft.
        """
        if self._index == -1:
            return None
        self._index -= 1
        if self._index == -1:
            return self._draft if self._draft is not None else ""
        return self._texts[self._index]

    def reset(self) -> None:
        """Back to the draft position, forgetting the draft (e.g. after a send)."""
        self._index = -1
        self._draft = None
