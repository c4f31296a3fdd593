"""Reading talent-scheduling files (Stuckey's format, MiniZinc dzn) and costing an order."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TALENT
from mosaico.errors import InputError, ValidationError
from mosaico.schedule.talent import TalentInstance, cost, read_dzn, read_instance, read_stuckey

TINY = TALENT / "stuckey-format" / "tiny"


def test_stuckey_tokens_become_scenes_casts_costs_and_durations() -> None:
    instance = read_stuckey(TINY.read_text(), "tiny")
    assert instance.name == "tiny"
    assert instance.durations == (1, 2, 3, 1)
    assert instance.costs == (1, 2, 3)
    # Rows are actors: actor 1 is in scenes 1 and 3, actor 2 in 1, 2 and 4, actor 3 in 2 and 3.
    assert instance.casts == (
        frozenset({0, 1}),
        frozenset({1, 2}),
        frozenset({0, 2}),
        frozenset({1}),
    )


def test_stuckey_reads_by_tokens_not_lines() -> None:
    # Shaw2020 puts "20 20" on one line; the same data split one token a line reads the same.
    text = (TALENT / "stuckey-format" / "Shaw2020").read_text()
    one_a_line = "\n".join(text.split())
    assert read_stuckey(text, "a") == read_stuckey(one_a_line, "a")
    assert read_stuckey(text, "a").scenes == 20


def test_dzn_and_stuckey_copies_of_an_instance_agree() -> None:
    for name in ("MobStory", "concert", "film103", "small", "tiny"):
        stuckey_name = name + (".dat" if name.startswith("film1") else "")
        a = read_instance(TALENT / "stuckey-format" / stuckey_name)
        b = read_instance(TALENT / "minizinc-dzn" / f"{name}.dzn")
        assert (a.durations, a.casts, a.costs) == (b.durations, b.casts, b.costs), name


def test_rehearsal_dzn_has_unit_costs_and_player_rows() -> None:
    instance = read_instance(TALENT / "csplib" / "rehearsal_smith.dzn")
    assert instance.costs == (1, 1, 1, 1, 1)
    assert instance.durations == (2, 4, 1, 3, 3, 2, 5, 7, 6)
    assert instance.casts[2] == frozenset({4})  # piece 3 needs only player 5


def test_cost_counts_waiting_days_between_first_and_last_scene() -> None:
    instance = read_stuckey(TINY.read_text(), "tiny")
    # Order 1 2 3 4: actor 1 works days 1 and 4-6 (waits days 2-3), actor 2 days 1-3 and 7
    # (waits 4-6), actor 3 days 2-6 (no wait).
    total, idle = cost(instance, (0, 1, 2, 3))
    assert idle == 1 * 2 + 2 * 3
    assert total == instance.working_cost() + idle


def test_cost_refuses_an_order_that_is_not_a_permutation() -> None:
    instance = read_stuckey(TINY.read_text(), "tiny")
    with pytest.raises(ValidationError, match="order"):
        cost(instance, (0, 1, 1, 3))


def test_instance_refuses_a_cast_naming_an_unknown_actor() -> None:
    with pytest.raises(ValidationError, match=r"casts\[0\]"):
        TalentInstance("x", (1,), (frozenset({3}),), (1, 2))


GOOD = "t\n2\n2\n1 0 5\n1 1 7\n3 4\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        (
            "t 2 2\n1 0 5\n1 1 7\n3\n",
            r"line 4: the file ends early; expected the duration of scene 2",
        ),
        (GOOD + "9\n", r"line 7: unexpected '9' after the 2 durations"),
        (
            "t\n2\n2\n1 0 5\n1 x 7\n3 4\n",
            r"line 5: expected 0 or 1 for actor 2, scene 2, found 'x'",
        ),
        ("t\n2\n2\n1 0 5\n1 2 7\n3 4\n", r"line 5: actor 2, scene 2 must be 0 or 1, found 2"),
        ("t\n2\n2\n1 0 5\n1 1 7\n3 0\n", r"line 6: scene 2 must last at least one day"),
        ("t\n2.5\n2\n", r"line 2: expected the number of scenes, found '2.5'"),
        (
            "t\n3\n2\n1 0 5\n1 1 7\n3 4\n",
            r"line 4: actor 1, scene 3 must be 0 or 1, found 5 .* n=3",
        ),
        ("t\n0\n2\n", "number of scenes must be"),
        ("t\n2\n2\n1 0 -5\n1 1 7\n3 4\n", r"line 4: a cost cannot be negative"),
    ],
)
def test_bad_stuckey_files_name_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_stuckey(text, "bad.txt")
    assert str(caught.value).startswith("bad.txt")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   \n", "empty"),
        ("numScenes = 2;\nnumActors = 1;\nia = [| 1, 0 |];\nc = [4];\n", "d is missing"),
        ("numScenes = 2;\nnumActors = 1;\nia = [| 1, 0, 1 |];\nc = [4];\nd = [1, 1];\n",
         r"line 3: ia has 3 values, expected 2"),
        ("numScenes = 2;\nnumActors = 1;\n\nia = [| 1, 0 |];\nc = [four];\nd = [1, 1];\n",
         r"line 5: c holds 'four'"),
        ("numScenes = 2;\nnumActors = 1;\nia = [| 1, 3 |];\nc = [4];\nd = [1, 1];\n",
         r"line 3: ia must hold only 0 and 1"),
        ("x = 1;\n", "neither numScenes"),
        ("numScenes = 2;\nnumActors = 1;\nia = [| 1, 0 |];\nc = [4];\nd = [1, 1;\n",
         r"line 5: d opens '\[' but does not close it"),
        ("numScenes 2;\n", r"line 1: expected 'name = value;'"),
    ],
)  # fmt: skip
def test_bad_dzn_files_name_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_dzn(text, "bad.dzn")
    assert str(caught.value).startswith("bad.dzn")


def test_dzn_comments_and_array2d_are_understood() -> None:
    text = (
        "% a comment; with a semicolon\n"
        "num_pieces = 2;\nnum_players = 2;\nduration = [3, 4];\n"
        "rehearsal = array2d(1..num_players, 1..num_pieces, [1, 1,\n 0, 1]);\n"
    )
    instance = read_dzn(text, "r.dzn")
    assert instance.casts == (frozenset({0}), frozenset({0, 1}))


def test_read_instance_refuses_unreadable_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        read_instance(tmp_path / "missing")
    binary = tmp_path / "binary"
    binary.write_bytes(b"\xff\xfe\x00talent")
    with pytest.raises(InputError, match="not a text file"):
        read_instance(binary)
