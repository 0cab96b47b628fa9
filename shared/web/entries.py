"""A list's entries (one HTML fragment per item: a desk item, a row of a table) rendered once per context and content,
kept in the process.

A page that lists the same items again (a reload, another person of the organisation, the next page back) renders
each item anew only when it is new or changed: an entry is kept by a key of everything it shows (the caller's
`key_of`), in a context of everything else its rendering depends on (the language, the links' bases). An entry is
given only for an item just read from the database with the same content, so it shows nobody anything new or old:
a changed item is a new key. Past `keep` entries in a context, that context starts empty again; past `contexts`
contexts, all do (languages times links: a handful).
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from markupsafe import Markup


class KeptEntries:
    """Entries kept per context and key; `render` joins a list's entries, made by `make` for those not kept."""

    def __init__(self, keep: int, *, contexts: int = 20) -> None:
        self.keep = keep
        self.contexts = contexts
        self._kept: dict[Hashable, dict[Hashable, str]] = {}

    def clear(self) -> None:
        self._kept.clear()

    def context(self, context: Hashable) -> dict[Hashable, str]:
        """The entries kept in `context` (a new, empty one when it has none or has reached `keep`)."""
        kept = self._kept.get(context)
        if kept is None or len(kept) >= self.keep:
            if len(self._kept) >= self.contexts:
                self._kept.clear()
            kept = self._kept[context] = {}
        return kept

    def render(self, context: Hashable, items: Iterable[Any], key_of: Callable[[Any], Hashable],
               make: Callable[[Any], str]) -> Markup:
        """The items' entries joined, each one kept under `key_of(item)` in `context`, or made by `make(item)` (its
        template escapes what it shows) and kept; an item whose key cannot be hashed is made each time."""
        kept = self.context(context)
        pieces = []
        for item in items:
            key: Hashable | None = key_of(item)
            try:
                entry = kept.get(key)
            except TypeError:  # a value that cannot be a key: rendered each time
                key, entry = None, None
            if entry is None:
                entry = make(item)
                if key is not None:
                    kept[key] = entry
            pieces.append(entry)
        return Markup("".join(pieces))  # noqa: S704 (each entry escaped by its template)
