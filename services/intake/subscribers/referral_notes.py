"""A referral's note arriving from the sending organisation's intake, or withdrawn on an erasure."""
from __future__ import annotations

from services.intake.referral_notes import on_note_erased, on_note_shared

HANDLERS = {"intake.referral_note.shared": on_note_shared, "intake.referral_note.erased": on_note_erased}
