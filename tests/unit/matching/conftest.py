"""The runtime fixture of matching's service tests: SQLite, a live engine over the module's small taxonomy."""
from __future__ import annotations

import pytest

from tests.support.matching import matching_runtime


@pytest.fixture
def runtime(request, tmp_path):
    """Matching's runtime over the test module's TAXONOMY, keeping the top `K` (the module's, else 3) per target."""
    runtime = matching_runtime(tmp_path, request.module.TAXONOMY, k=getattr(request.module, "K", 3))
    yield runtime
    runtime.close()
