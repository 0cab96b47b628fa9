"""Latency of free-text skill suggestions on the development set (tools/bridge_devset.py), this tree against a
base version of `_esco_lemma`, in one process: bench/free_text_latency.py's comparison on our own texts.

    git show BASE:shared/reference/_esco_lemma.py > /tmp/base_esco_lemma.py
    PYTHONPATH=. python tools/bridge_latency.py /tmp/base_esco_lemma.py [passes]
"""
from __future__ import annotations

import sys

sys.path.insert(0, "tools")
sys.path.insert(0, ".")

from bridge_devset import SCENARIOS  # noqa: E402

from bench.free_text_latency import compare  # noqa: E402

if __name__ == "__main__":
    compare(sys.argv[1], [(lang, case[1 + n]) for case in SCENARIOS for n, lang in enumerate(("fi", "sv", "en"))],
            int(sys.argv[2]) if len(sys.argv) > 2 else 5)
