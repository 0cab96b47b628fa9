"""Decline memory: a declined pair stays hidden until something relevant about it changes."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Decline:
    """A manager's decline of one suggestion, with the fingerprints it was made under."""

    need_id: str
    profile_id: str
    need_fingerprint: str
    profile_fingerprint: str
    reason: str = ""


class DeclineMemory:
    """Declines by need and by profile; a decline lapses when either fingerprint changes."""

    def __init__(self) -> None:
        self._by_need: dict[str, dict[str, Decline]] = {}
        self._by_profile: dict[str, dict[str, Decline]] = {}

    def record(self, decline: Decline) -> None:
        """Remember a decline (replacing an earlier one of the same pair)."""
        self._by_need.setdefault(decline.need_id, {})[decline.profile_id] = decline
        self._by_profile.setdefault(decline.profile_id, {})[decline.need_id] = decline

    def applies(self, need_id: str, need_fp: str, profile_id: str, profile_fp: str) -> bool:
        """Whether the pair is still declined under the current fingerprints."""
        d = self._by_need.get(need_id, {}).get(profile_id)
        return d is not None and d.need_fingerprint == need_fp and d.profile_fingerprint == profile_fp

    def for_need(self, need_id: str) -> tuple[Decline, ...]:
        """Declines recorded for a need."""
        return tuple(self._by_need.get(need_id, {}).values())

    def for_profile(self, profile_id: str) -> tuple[Decline, ...]:
        """Declines recorded for a profile."""
        return tuple(self._by_profile.get(profile_id, {}).values())

    def forget(self, need_id: str, profile_id: str) -> None:
        """Drop one pair's decline."""
        self._by_need.get(need_id, {}).pop(profile_id, None)
        self._by_profile.get(profile_id, {}).pop(need_id, None)

    def forget_profile(self, profile_id: str) -> None:
        """Drop every decline of a profile (erasure)."""
        for need_id in self._by_profile.pop(profile_id, {}):
            self._by_need.get(need_id, {}).pop(profile_id, None)

    def forget_need(self, need_id: str) -> None:
        """Drop every decline of a need."""
        for profile_id in self._by_need.pop(need_id, {}):
            self._by_profile.get(profile_id, {}).pop(need_id, None)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_need.values())
