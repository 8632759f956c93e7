"""``eventplan whatif --variants FILE``: errors carry the line of the variant file (#18)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventplan import cli
from eventplan.errors import InputError
from eventplan.scenario import load
from eventplan.whatif.variants import load_variants

CONCERT = Path(__file__).resolve().parents[2] / "scenarios" / "concert.yaml"
VARIANTS = """\
# what if
fast-patrol:
  patrols:
    - id: outer-patrol
      speed_mps: fast
typo:
  posts:
    - id: gate-N-screening
      priorty: high
bigger:
  event:
    attendance: -5
"""


def test_variant_file_errors_carry_no_line_number(tmp_path):
    path = tmp_path / "variants.yaml"
    path.write_text(VARIANTS, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_variants(path, load(CONCERT))
    found = {(p.line, p.path.split()[0]) for p in caught.value.problems}
    assert found == {(5, "[fast-patrol]"), (9, "[typo]"), (12, "[bigger]")}
    assert all(p.file == str(path) for p in caught.value.problems)


def test_the_whatif_command_prints_them(tmp_path, capsys):
    path = tmp_path / "variants.yaml"
    path.write_text(VARIANTS, encoding="utf-8")
    code = cli.main(
        ["whatif", str(CONCERT), "--variants", str(path), "-o", str(tmp_path / "o.csv")]
    )
    assert code == 2
    assert f"{path}:9: [typo] posts[0].priorty: unknown key 'priorty'" in capsys.readouterr().err
