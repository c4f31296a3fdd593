"""The reference production's facts, checked against the press kit they come from.

The kit is read at test time from ``shared/seed/``; its cast list and summary are
parsed here, so a name lost or misspelt in ``production.yaml`` fails a test.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import SHARED, require
from mosaico.demo.reference import load_reference, parse_reference
from mosaico.demo.reference.model import ReferenceProduction
from mosaico.errors import ValidationError

SEED = SHARED / "seed" / "000_3cc1b96a3044e0a6.txt"
SHIPPED = Path(__file__).resolve().parents[2] / "src/mosaico/demo/reference/production.yaml"


@pytest.fixture(scope="module")
def kit() -> list[str]:
    require(SEED.exists(), f"the seed press kit at {SEED}")
    return SEED.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def reference() -> ReferenceProduction:
    return load_reference()


def kit_cast(lines: list[str]) -> dict[bool, list[str]]:
    """The kit's two-column cast list: left column non-professional, right professional.

    Each row holds the left column's text, a tab, the right column's; the list ends
    at a row of dashes. Entries are ``Actor (Character)``, split on the closing
    parenthesis because one entry in the kit lacks its opening one.
    """
    start = lines.index("Non-Professional Actors:\tProfessional Actors:")
    columns: dict[bool, list[str]] = {False: [], True: []}
    for line in lines[start + 1 :]:
        if line.startswith("--"):
            break
        if "\t" in line:
            left, right = line.split("\t")
            columns[False].append(left)
            columns[True].append(right)
    return {
        side: [entry.strip() for entry in " ".join(text).split(")") if entry.strip()]
        for side, text in columns.items()
    }


def test_cast_matches_the_kit_pair_by_pair(kit: list[str], reference: ReferenceProduction) -> None:
    listed = kit_cast(kit)
    ours = {False: reference.non_professional_cast, True: reference.professional_cast}
    for professional in (False, True):
        assert len(ours[professional]) == len(listed[professional])
        for entry, credit in zip(listed[professional], ours[professional], strict=True):
            if "(" in entry:
                actor, character = (part.strip() for part in entry.split("(", 1))
                assert (credit.actor, credit.character) == (actor, character)
            else:  # printed without "(": actor and character run together
                assert f"{credit.actor} {credit.character}" == entry
    assert len(reference.cast) == 58


def _summary(lines: list[str]) -> dict[str, str]:
    """``Role: value`` lines of the kit's summary section."""
    start, end = lines.index("SUMMARY DETAILS:"), lines.index("SYNOPSIS:")
    pairs = (line.split(":", 1) for line in lines[start + 1 : end] if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def test_key_crew_credits_match_the_summary(kit: list[str], reference: ReferenceProduction) -> None:
    summary = _summary(kit)
    for credit in reference.crew:
        assert summary[credit.role] == " and ".join(credit.names)
    assert summary["Created by"] == ", ".join(reference.created_by)
    assert summary["Executive Producers"] == ", ".join(reference.executive_producers)
    assert summary["Co-Executive Producers"] == ", ".join(reference.co_executive_producers)
    assert summary["Production"] == reference.production_company
    assert summary["Produced in Association with"] == reference.in_association_with
    assert set(summary["Screenplay"].split(", ")) == set(reference.writers)
    assert reference.based_on.author in summary["Based on"]
    assert reference.based_on.title in summary["Based on"]


def test_directors_per_episode_match_the_summary(
    kit: list[str], reference: ReferenceProduction
) -> None:
    line = _summary(kit)["Directors"]
    expected: dict[int, str] = {}
    for name, numbers in re.findall(r"([^,(]+?) \(episodes ([^)]*)\)", line):
        for number in re.findall(r"\d+", numbers):
            expected[int(number)] = name.strip()
    assert {e.number: e.directors for e in reference.episodes} == {
        n: (name,) for n, name in expected.items()
    }


def test_episode_lengths_dates_and_numbers(kit: list[str], reference: ReferenceProduction) -> None:
    text = "\n".join(kit)
    lengths = _summary(kit)["Number of episodes and length"]
    assert lengths.startswith("Six episodes") and len(reference.episodes) == 6
    assert f"episode 6 is {reference.episodes[-1].minutes} minutes" in lengths
    assert all(e.minutes == 45 and e.approximate for e in reference.episodes[:5])
    assert f"more than {reference.premiere.countries_min} countries" in text
    assert (
        reference.premiere.date.strftime("%B %-d")
        in _summary(kit)["Premiere and number of countries"]
    )
    assert f"more than {reference.casting.interviews_min} people were interviewed" in text
    assert f"Seeing {reference.shoot.crew_size} crew members" in text
    assert reference.shoot.strike_day == date(2020, 3, 9) and "March 9" in text
    assert str(reference.shoot.start) == "late 2019" and "began in late 2019" in text
    assert (reference.shoot.suspended.year, reference.shoot.suspended.month) == (2020, 3)
    assert (reference.shoot.resumed.year, reference.shoot.resumed.month) == (2020, 8)
    assert "resumed production in August 2020" in text
    for city in reference.shoot.cities:
        assert city.name in text
    assert len(reference.storylines) == 7


def test_every_credit_name_appears_in_the_kit(
    kit: list[str], reference: ReferenceProduction
) -> None:
    text = "\n".join(kit)
    people = [n for c in (*reference.crew, *reference.other_crew) for n in c.names]
    people += [*reference.writers, *reference.executive_producers, reference.research.consultant]
    missing = [name for name in people if name not in text]
    assert not missing


def _document() -> dict[str, object]:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("title"), "title"),
        (lambda d: d.update(titel="x"), "titel"),
        (
            lambda d: d["cast"]["professional"][1].update(character=""),
            "cast.professional[1].character",
        ),
        (lambda d: d["cast"]["non_professional"][0].pop("actor"), "cast.non_professional[0].actor"),
        (lambda d: d["shoot"].update(strike_day="the ninth"), "shoot.strike_day"),
        (lambda d: d["shoot"]["suspended"].update(month=13), "shoot.suspended.month"),
        (lambda d: d["shoot"].update(crew_size=True), "shoot.crew_size"),
        (lambda d: d["episodes"][2].update(minutes=-45), "episodes[2].minutes"),
        (lambda d: d["episodes"].pop(0), "episodes"),
        (lambda d: d["premiere"].update(countries_min="many"), "premiere.countries_min"),
        (lambda d: d["shoot"].update(base_city="Atlantis"), "shoot.base_city"),
        (lambda d: d["shoot"].update(timezone="Mars/Olympus"), "shoot.timezone"),
        (lambda d: d.update(crew="Ignacio Prieto"), "crew"),
    ],
)
def test_a_bad_file_names_the_key(change: object, field: str) -> None:
    data = _document()
    change(data)  # type: ignore[operator]
    with pytest.raises(ValidationError) as err:
        parse_reference(data)
    assert err.value.field == field


def test_a_file_that_is_not_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "production.yaml"
    path.write_text("title: [unclosed\nplatform: x\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_reference(path)
    assert err.value.field == str(path) and "line" in err.value.reason
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="expected a mapping"):
        load_reference(path)


def test_loading_from_a_path_gives_the_same_facts(tmp_path: Path) -> None:
    copy = tmp_path / "production.yaml"
    copy.write_bytes(SHIPPED.read_bytes())
    assert load_reference(copy) == load_reference()
