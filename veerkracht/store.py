"""Conversations kept only in the server's memory, by a random token, forgotten after idle time
or shortly after the last connection to them closed.

A page reload or a dropped connection starts a new Streamlit session; the token, which the server
made and handed to the open browser tab (see ui/tab_key.py), lets the new session find the answers
again. Each conversation is bound to the browser that first kept it (a digest of a secret the
server gave that browser), so a token copied into another browser opens nothing; and while the
connection that uses it is open, no other connection gets it. Nothing here ever touches the disk
or a log.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from veerkracht import limits

TOKEN_BYTES = 24  # 192 random bits: guessing a live token is not a realistic attack
DEFAULT_MAX_ENTRIES = 5_000
DEFAULT_MAX_ENTRY_BYTES = limits.CONVERSATION_BYTES  # the fullest conversation a set allows
DEFAULT_MAX_TOTAL_BYTES = 64 * 1024 * 1024
DEFAULT_REMEMBER_EXPIRED_MINUTES = 24 * 60
DEFAULT_CLOSED_GRACE_MINUTES = 3
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32}")


class Expired:
    """What `load` returns for a token whose conversation was forgotten: EXPIRED after the idle
    time, CLOSED after the grace time once its tab was closed (or its connection was gone)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


EXPIRED = Expired("EXPIRED")
CLOSED = Expired("CLOSED")


class InUse:
    """What `load` returns when another connection that is still open uses the conversation:
    a copy of the tab (window.open, a duplicated tab) gets nothing."""

    def __repr__(self) -> str:
        return "IN_USE"


IN_USE = InUse()


@dataclass
class _Entry:
    data: bytes
    last_used: float
    owner: str | None = None  # the connection (Streamlit session) that uses it now, if known
    closed_since: float | None = None  # when the owner was first seen gone
    browser: bytes | None = None  # digest of the secret of the browser that first kept it


@dataclass(frozen=True)
class _Gone:
    since: float
    why: Expired
    browser: bytes | None


class ConversationStore:
    """Session JSON bytes by token, in memory only. Safe to use from several threads at once.

    Tokens are kept as SHA-256 digests, so the store itself never holds a usable address.
    An expired token is remembered (its digest and nothing else) for a while, so the student
    can be told the conversation ran out instead of silently finding an empty one.

    A save or load may name its owner, the connection using the conversation. `sweep_closed`
    then forgets every conversation whose owner has been gone for the grace time: a closed tab
    ends its conversation within minutes, while a reload (a new owner loads it) or a flaky
    connection (the owner comes back) keeps it.
    """

    def __init__(
        self,
        idle_minutes: float,
        clock: Callable[[], float] = time.monotonic,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_entry_bytes: int = DEFAULT_MAX_ENTRY_BYTES,
        max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
        remember_expired_minutes: float = DEFAULT_REMEMBER_EXPIRED_MINUTES,
        closed_grace_minutes: float = DEFAULT_CLOSED_GRACE_MINUTES,
    ):
        if idle_minutes <= 0:
            raise ValueError("idle_minutes must be more than 0")
        if closed_grace_minutes <= 0:
            raise ValueError("closed_grace_minutes must be more than 0")
        self.idle_seconds = idle_minutes * 60
        self.closed_grace_seconds = closed_grace_minutes * 60
        self.remember_expired_seconds = remember_expired_minutes * 60
        self.max_entries = max_entries
        self.max_entry_bytes = max_entry_bytes
        self.max_total_bytes = max_total_bytes
        self._held = 0
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[bytes, _Entry] = OrderedDict()  # least recently used first
        self._expired: OrderedDict[bytes, _Gone] = OrderedDict()  # digest → when and why it went

    @staticmethod
    def new_token() -> str:
        """A fresh, unguessable token, made by the server for one browser tab."""
        return secrets.token_urlsafe(TOKEN_BYTES)

    @staticmethod
    def is_token(text: object) -> bool:
        """Whether text has the shape of a token; anything else is never looked up."""
        return isinstance(text, str) and _TOKEN_SHAPE.fullmatch(text) is not None

    def save(self, token: str, answers_json: bytes, owner: str | None = None,
             browser: bytes | None = None) -> bool:
        """Keep the latest answers for a token; False when refused (too big, the store is full, or
        the token belongs to another browser).

        The first save binds the token to `browser`. A refused save leaves what was kept before untouched.
        """
        if not self.is_token(token):
            raise ValueError("not a token made by new_token()")
        if not isinstance(answers_json, bytes):
            raise TypeError("answers_json must be bytes")
        if len(answers_json) > self.max_entry_bytes:
            return False
        key = _digest(token)
        with self._lock:
            now = self._clock()
            self._sweep(now)
            before = self._entries.get(key)
            if before is not None and before.browser != browser:
                return False
            held_after = self._held - (len(before.data) if before else 0) + len(answers_json)
            if before is None and len(self._entries) >= self.max_entries:
                return False
            if held_after > self.max_total_bytes:
                return False
            self._entries[key] = _Entry(answers_json, now, owner or (before.owner if before else None),
                                        browser=browser)
            self._held = held_after
            self._entries.move_to_end(key)
            self._expired.pop(key, None)
            return True

    def load(self, token: str, owner: str | None = None, browser: bytes | None = None,
             is_open: Callable[[str], bool] | None = None) -> bytes | None | Expired | InUse:
        """The answers kept for a token in this browser; EXPIRED or CLOSED when they ran out;
        IN_USE while another open connection (`is_open`) holds them; None for any other token,
        and for a token of another browser.

        With an owner, that connection now holds the conversation (e.g. the tab after a reload).
        """
        if not self.is_token(token):
            return None
        key = _digest(token)
        with self._lock:
            now = self._clock()
            self._sweep(now)
            entry = self._entries.get(key)
            if entry is not None and self._closed_long_enough(entry, now):
                self._expire(key, now, CLOSED)
                entry = None
            if entry is not None and entry.browser != browser:
                return None  # a token read from another browser opens nothing, and says nothing
            if entry is not None:
                if (owner is not None and entry.owner not in (None, owner) and is_open is not None
                        and is_open(entry.owner)):
                    return IN_USE
                entry.last_used = now
                if owner is not None:
                    entry.owner, entry.closed_since = owner, None
                self._entries.move_to_end(key)
                return entry.data
            gone = self._expired.get(key)
            return gone.why if gone is not None and gone.browser == browser else None

    def is_free(self, token: str) -> bool:
        """Whether no conversation is kept under this token now (by any browser)."""
        if not self.is_token(token):
            return False
        with self._lock:
            self._sweep(self._clock())
            return _digest(token) not in self._entries

    def clear(self, token: str) -> None:
        """Forget a conversation at once, leaving no trace that it existed."""
        if not self.is_token(token):
            return
        key = _digest(token)
        with self._lock:
            entry = self._entries.pop(key, None)
            self._held -= len(entry.data) if entry else 0
            self._expired.pop(key, None)
            self._sweep(self._clock())

    def sweep(self) -> None:
        """Drop conversations idle too long; also done on every save, load and clear."""
        with self._lock:
            self._sweep(self._clock())

    def sweep_closed(self, is_open: Callable[[str], bool]) -> int:
        """Note which owners are gone; forget conversations whose owner is gone for the grace time.

        `is_open(owner)` says whether that connection is still there; it must be quick and must
        not call back into the store. Returns how many conversations were forgotten.
        """
        with self._lock:
            now = self._clock()
            self._sweep(now)
            gone = []
            for key, entry in self._entries.items():
                if entry.owner is None:
                    continue
                if is_open(entry.owner):
                    entry.closed_since = None
                    continue
                if entry.closed_since is None:
                    entry.closed_since = now
                if self._closed_long_enough(entry, now):
                    gone.append(key)
            for key in gone:
                self._expire(key, now, CLOSED)
            return len(gone)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    @property
    def held_bytes(self) -> int:
        """Bytes of answers held right now; back to 0 when every conversation is gone."""
        with self._lock:
            return self._held

    def _closed_long_enough(self, entry: _Entry, now: float) -> bool:
        return entry.closed_since is not None and now - entry.closed_since >= self.closed_grace_seconds

    def _expire(self, key: bytes, now: float, why: Expired) -> None:
        entry = self._entries.pop(key)
        self._held -= len(entry.data)
        self._expired[key] = _Gone(now, why, entry.browser)
        self._expired.move_to_end(key)

    def _sweep(self, now: float) -> None:
        while self._entries:
            key, entry = next(iter(self._entries.items()))
            if now - entry.last_used < self.idle_seconds:
                break
            self._expire(key, now, EXPIRED)
        while self._expired:
            key, gone = next(iter(self._expired.items()))
            if now - gone.since < self.remember_expired_seconds and len(self._expired) <= self.max_entries:
                break
            del self._expired[key]


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("ascii")).digest()


_shared: ConversationStore | None = None
_shared_lock = threading.Lock()


def shared_store() -> ConversationStore:
    """The one store of this server process; idle time from VEERKRACHT_IDLE_MINUTES, the grace
    after a tab closed from VEERKRACHT_GRACE_MINUTES."""
    global _shared
    with _shared_lock:
        if _shared is None:
            from veerkracht.settings import load_settings

            settings = load_settings()
            _shared = ConversationStore(
                idle_minutes=settings.idle_minutes, closed_grace_minutes=settings.grace_minutes
            )
        return _shared
