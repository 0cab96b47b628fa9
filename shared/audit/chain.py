"""The hash chain: each entry carries sha256(previous hash + canonical JSON of the entry).

Pure functions, so the same rules serve writing, verifying and tests. A pruned log starts from a
checkpoint: the hash of the last entry removed, signed with the log's key (HMAC-SHA256), so the first
kept entry still links to something that cannot be forged without the key.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64
HASHED = ("seq", "at", "service", "organisation", "actor", "actor_organisation", "actor_role", "action",
          "object_type", "object_ids", "subject_ids", "purpose", "category", "detail")


def moment(value: datetime) -> str:
    """A moment as the chain hashes it: UTC, microseconds (a naive value from SQLite is UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(entry: Mapping) -> str:
    """The entry's hashed fields as canonical JSON (sorted keys, no spaces, UTF-8)."""
    return _canonical_text(_hashed_body(entry))


def _hashed_body(entry: Mapping) -> dict:
    body = {name: entry.get(name) for name in HASHED}
    body["at"] = moment(body["at"]) if isinstance(body["at"], datetime) else body["at"]
    body["object_ids"] = list(body["object_ids"] or [])
    body["subject_ids"] = list(body["subject_ids"] or [])
    body["detail"] = dict(body["detail"] or {})
    return body


def _canonical_text(body: Mapping) -> str:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_around_seq(entry: Mapping) -> tuple[str, str]:
    """The canonical JSON of an entry whose number is not known yet, as the text before and after the number:
    `head + str(seq) + tail == canonical(entry with seq)` (the keys are sorted, so "seq" sits between them).
    The store's server-side append (store.py) puts the number in and hashes there, holding the chain's end."""
    body = _hashed_body({**entry, "seq": 0})
    del body["seq"]
    before = {k: v for k, v in body.items() if k < "seq"}
    after = {k: v for k, v in body.items() if k > "seq"}
    return _canonical_text(before)[:-1] + ',"seq":', "," + _canonical_text(after)[1:]


def entry_hash(prev_hash: str, entry: Mapping) -> str:
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()


def sign(key: bytes, upto_seq: int, anchor_hash: str, prev_signature: str) -> str:
    """The signature of a checkpoint: entries up to `upto_seq` removed, the last of them hashed `anchor_hash`."""
    message = f"{upto_seq}:{anchor_hash}:{prev_signature}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Problem:
    """The first place where the log does not hold: an entry's sequence number and what is wrong there."""

    seq: int | None
    reason: str


def verify(entries: Iterable[Mapping], start_hash: str = GENESIS, start_seq: int = 0) -> tuple[int, Problem | None]:
    """Walk the entries in sequence order: (how many hold, the first problem or None).

    A modified entry no longer matches its hash; a deleted one leaves a gap in the numbers and a broken
    link; reordered ones break the links (each entry names the hash of the one before it).
    """
    prev_hash, expected_seq, count = start_hash, start_seq + 1, 0
    for entry in entries:
        seq = entry["seq"]
        if seq != expected_seq:
            return count, Problem(seq, f"expected entry {expected_seq} here, found {seq}")
        if entry["prev_hash"] != prev_hash:
            return count, Problem(seq, "does not link to the entry before it")
        if entry_hash(prev_hash, entry) != entry["hash"]:
            return count, Problem(seq, "its content does not match its hash")
        prev_hash, expected_seq, count = entry["hash"], seq + 1, count + 1
    return count, None


def verify_checkpoints(checkpoints: Iterable[Mapping], key: bytes) -> tuple[Mapping | None, Problem | None]:
    """Check the signed checkpoints in order: (the newest, or None; the first problem or None)."""
    last: Mapping | None = None
    for point in checkpoints:
        prev_signature = last["signature"] if last else ""
        if last is not None and point["upto_seq"] <= last["upto_seq"]:
            return last, Problem(point["upto_seq"], "checkpoint out of order")
        if not hmac.compare_digest(sign(key, point["upto_seq"], point["anchor_hash"], prev_signature),
                                   point["signature"]):
            return last, Problem(point["upto_seq"], "checkpoint signature does not match")
        last = point
    return last, None
