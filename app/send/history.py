"""Past sends, persisted in QSettings, and Up/Down recall in the send box.

:class:`SendHistory` stores a JSON list of :meth:`SendSpec.to_dict` objects under one key, most
recent first. It reads the stored value on every call instead of caching it, so several session
pages sharing one QSettings see (and extend) the same history rather than overwriting each
other's. :class:`HistoryCursor` is the shell-like Up/Down navigation over a list of texts.

Large sends stay out of the settings file, which is rewritten whole on every change: an entry
over :data:`MAX_SAVED_TEXT` characters is kept in memory for this run only (ten 1 MiB hex sends
used to make a 10.5 MB file and cost 655 ms per later send), and the saved entries together are
trimmed, oldest first, to :data:`MAX_SAVED_TOTAL` characters.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.json_setting import parse_valid, read_json_setting, write_json_setting
from app.send.payload import SendSpec

DEFAULT_HISTORY_KEY = "send/history"
DEFAULT_HISTORY_LIMIT = 100
#: Entries with a longer text are kept for this run only, not saved.
MAX_SAVED_TEXT = 64 * 1024
#: The saved entries' texts together stay under this many characters.
MAX_SAVED_TOTAL = 512 * 1024
#: At most this many run-only entries are kept (they can be megabytes each).
MAX_RUN_ONLY = 8


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
        # Run-only entries, most recent first, each with the saved entry that was most recent
        # when it was added (None: there was none), which places it among the saved ones.
        self._run_only: list[tuple[SendSpec, SendSpec | None]] = []

    @property
    def limit(self) -> int:
        """The most entries kept."""
        return self._limit

    def entries(self) -> list[SendSpec]:
        """All sends, saved and run-only, most recent first (at most :attr:`limit`)."""
        specs = self._saved()
        for spec, anchor in reversed(self._run_only):  # oldest first, so newer go in front
            if spec in specs:
                continue
            at = specs.index(anchor) if anchor in specs else len(specs)
            specs.insert(at, spec)
        return specs[: self._limit]

    def is_saved(self, spec: SendSpec) -> bool:
        """Whether ``spec`` would be saved in the settings (else it is kept for this run)."""
        return len(spec.text) <= MAX_SAVED_TEXT

    def _saved(self) -> list[SendSpec]:
        items = read_json_setting(self._settings, self._key)
        if not isinstance(items, list):
            return []
        specs: list[SendSpec] = []
        for spec in parse_valid(items, SendSpec.from_dict):
            # A hand-edited file could hold duplicates; keep the most recent one only.
            if spec not in specs:
                specs.append(spec)
        return specs[: self._limit]

    def add(self, spec: SendSpec) -> bool:
        """Put ``spec`` first; an equal existing entry is moved, not duplicated; trims and saves.

        Returns False when ``spec`` is too long to save (see :data:`MAX_SAVED_TEXT`): it is
        then in :meth:`entries` only until this object is gone.
        """
        if not self.is_saved(spec):
            saved = self._saved()
            self._run_only = [(s, a) for s, a in self._run_only if s != spec]
            self._run_only.insert(0, (spec, saved[0] if saved else None))
            del self._run_only[MAX_RUN_ONLY:]
            return False
        specs = self._saved()
        if spec in specs:
            index = specs.index(spec)
            # Run-only entries placed just above spec stay where they are: above its successor.
            successor = specs[index + 1] if index + 1 < len(specs) else None
            self._run_only = [(s, successor if a == spec else a) for s, a in self._run_only]
            if index == 0:
                # Repeated sends of the same thing (periodic send, hammering Enter): no write.
                return True
            specs.remove(spec)
        specs.insert(0, spec)
        self._save(specs[: self._limit])
        return True

    def clear(self) -> None:
        """Forget every entry."""
        self._run_only.clear()
        self._save([])

    def _save(self, specs: list[SendSpec]) -> None:
        kept: list[SendSpec] = []
        total = 0
        for spec in specs:
            total += len(spec.text)
            if total > MAX_SAVED_TOTAL:
                break
            kept.append(spec)
        write_json_setting(self._settings, self._key, [s.to_dict() for s in kept])


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
