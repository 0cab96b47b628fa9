"""Package-level behaviour: nothing is loaded at import time; data files are documented."""

import subprocess
import sys
from pathlib import Path

import shared.reference

DATA = Path(shared.reference.__file__).parent / "data"


def test_import_reads_no_data():
    code = (
        "import sys, shared.reference as r\n"
        "assert 'simplemma' not in sys.modules\n"
        "assert r.municipalities._table.cache_info().currsize == 0\n"
        "assert r.esco.load_taxonomy.cache_info().currsize == 0\n"
        "assert r.education._fields.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(shared.reference.__file__).parents[2])


def test_every_data_file_is_named_in_sources():
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    files = [p.name for p in DATA.iterdir() if p.name != "SOURCES.md"]
    assert files
    assert [name for name in files if f"`{name}`" not in sources] == []
    assert "ESCO v1.1.1, European Commission" in sources
    assert "CC BY 4.0" in sources


def test_data_stays_small():
    assert sum(p.stat().st_size for p in DATA.iterdir()) < 4_000_000
