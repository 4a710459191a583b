"""A small thread-safe LRU for computed results kept in one process."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

_MISSING = object()


class BoundedCache:
    """Thread-safe, bounded; callers put whatever makes an entry stale into its key."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = Lock()

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The value kept for key (now the most recently used), or default."""
        with self._lock:
            if key not in self._entries:
                return default
            self._entries.move_to_end(key)
            return self._entries[key]

    def put(self, key: Hashable, value: Any) -> None:
        """Keep value under key, dropping the least recently used entries beyond the bound."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def get_or_build(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The cached value for key, or build it (outside the lock) and keep it."""
        value = self.get(key, _MISSING)
        if value is _MISSING:
            # Two requests may build the same value at once; both results are right.
            value = build()
            self.put(key, value)
        return value

    def __len__(self) -> int:
        return len(self._entries)
