"""Values worked out once per object that cannot be a dictionary key (a
knowledge file, its tables, a `when` table): kept by identity, holding the
object so that its id stays its own, and all dropped when `limit` is
reached (a process meets a handful of knowledge files, a test many)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Kept(Generic[K, V]):
    """`build(key)`, worked out once per `key` object."""

    __slots__ = ("_build", "_entries", "_limit")

    def __init__(self, build: Callable[[K], V], limit: int) -> None:
        self._build = build
        self._limit = limit
        self._entries: dict[int, tuple[K, V]] = {}

    def __call__(self, key: K) -> V:
        entry = self._entries.get(id(key))
        if entry is None or entry[0] is not key:
            if len(self._entries) >= self._limit:
                self._entries.clear()
            entry = self._entries[id(key)] = (key, self._build(key))
        return entry[1]
