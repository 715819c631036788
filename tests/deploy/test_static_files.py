"""Static files that `collectstatic` can process: the manifest storage of production follows every
`sourceMappingURL` and fails on a missing map, which leaves production without a manifest (every page a 500)."""

import re
from pathlib import Path

import pytest

SRC_DIR = Path(__file__).resolve().parents[2] / "src" / "gen"
STATIC_FILES = sorted(
    path for path in SRC_DIR.glob("**/static/**/*") if path.suffix in {".js", ".css"} and path.is_file()
)
SOURCE_MAP = re.compile(r"[#@] sourceMappingURL=(?P<url>\S+?)(?:\s*\*/)?\s*$", re.MULTILINE)


def test_the_static_files_are_found():
    assert any(path.name == "leaflet.js" for path in STATIC_FILES)


@pytest.mark.parametrize("path", STATIC_FILES, ids=lambda path: str(path.relative_to(SRC_DIR)))
def test_no_static_file_points_to_a_missing_source_map(path):
    for match in SOURCE_MAP.finditer(path.read_text(encoding="utf-8")):
        url = match["url"]
        if url.startswith("data:"):
            continue
        assert (path.parent / url).is_file(), f"{path.name} points to {url}, which is not shipped"
