"""``eventplan venue import`` on hostile or damaged OpenStreetMap extracts (#18).

Small ``.osm`` files are written here: four nodes on a footway, then the damage.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventplan import cli
from eventplan.osm import import_venue

NODES = "".join(f"<node id='{i}' version='1' lat='43.7{i}' lon='7.4{i}'/>\n" for i in range(1, 5))
FOOTWAY = "<tag k='highway' v='footway'/>"


def extract(folder: Path, body: str) -> Path:
    path = folder / "extract.osm"
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='test'>\n"
        f"{body}</osm>\n",
        encoding="utf-8",
    )
    return path


def way(refs: list[int], tags: str = FOOTWAY, way_id: int = 10) -> str:
    nds = "".join(f"<nd ref='{r}'/>" for r in refs)
    return f"<way id='{way_id}' version='1'>{nds}{tags}</way>\n"


def run(capsys, path: Path, out: Path) -> tuple[int, str]:
    code = cli.main(["venue", "import", str(path), "-o", str(out)])
    printed = capsys.readouterr()
    return code, printed.out + printed.err


@pytest.mark.parametrize(
    "body, message",
    [
        (
            NODES + way([1, 2, 3], f"{FOOTWAY}<tag k='name' v='{'x' * 2000}'/>"),
            "tag value is too long",
        ),
        (
            NODES + way([1, 2, 3], f"{FOOTWAY}<tag k='name' v='{'😀' * 300}'/>"),
            "tag value is too long",
        ),
        (
            NODES + "<node id='5' version='1' lat='nan' lon='7.45'/>\n" + way([1, 2, 5]),
            "wrong format for coordinate: 'nan'",
        ),
    ],
    ids=["tag-over-256-characters", "tag-over-256-emoji", "lat-nan"],
)
def test_venue_import_on_a_long_tag_value_or_lat_nan(capsys, tmp_path, body, message):
    out = tmp_path / "venue.yaml"
    code, printed = run(capsys, extract(tmp_path, body), out)
    assert code == 2 and "not a readable OpenStreetMap extract" in printed and message in printed
    assert not out.exists()


def test_a_way_referencing_a_missing_node_says_nothing_dropped(capsys, tmp_path):
    # Node 99 is not in the extract: the way 1-2-99 keeps two nodes, and says why.
    path = extract(tmp_path, NODES + way([1, 2, 99]))
    result = import_venue(path)
    assert len(result.venue["nodes"]) == 2 and result.nodes_missing == 1
    out = tmp_path / "venue.yaml"
    code, printed = run(capsys, path, out)
    assert code == 0
    assert "1 node(s) the ways refer to are missing from the extract" in printed
    text = out.read_text("utf-8")
    assert "missing from the extract" in text and "nothing dropped" not in text


def test_a_whole_extract_still_says_nothing_dropped(tmp_path):
    result = import_venue(extract(tmp_path, NODES + way([1, 2, 3, 4])))
    assert result.nodes_missing == 0 and result.parts_dropped == 0
