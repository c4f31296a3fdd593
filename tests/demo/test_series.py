"""The demo series is shaped like a real ensemble drama: checked by reading its own scripts."""

from __future__ import annotations

import importlib.util
import math
import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import cache
from importlib import resources

import pytest

from conftest import require
from mosaico.demo.series import CallSource, DemoSeries, load_series
from mosaico.errors import ValidationError
from mosaico.screenplay.fountain import parse
from mosaico.screenplay.model import ElementType, Screenplay, TimeOfDay
from mosaico.screenplay.names import character_key, fold
from mosaico.screenplay.scenes import Scene, split_scenes


@cache
def series() -> DemoSeries:
    return load_series()


@cache
def scripts() -> dict[int, tuple[Screenplay, list[Scene]]]:
    out = {}
    for episode in series().episodes:
        screenplay = parse(episode.script, episode.file)
        out[episode.number] = (screenplay, split_scenes(screenplay))
    return out


def all_scenes() -> list[Scene]:
    return [scene for _, scenes in scripts().values() for scene in scenes]


def speakers() -> set[str]:
    return {character_key(name) for scene in all_scenes() for name in scene.speaking}


def _read_package(name: str) -> str:
    return resources.files("mosaico.demo").joinpath("series", name).read_text(encoding="utf-8")


# --- episodes and scripts -------------------------------------------------------------


def test_six_episodes_five_of_45_minutes_and_a_70_minute_finale() -> None:
    minutes = [e.minutes for e in series().episodes]
    assert [e.number for e in series().episodes] == [1, 2, 3, 4, 5, 6]
    assert minutes == [45, 45, 45, 45, 45, 70]


def test_every_script_reads_cleanly_with_a_title_page() -> None:
    for number, (screenplay, _) in scripts().items():
        assert screenplay.warnings == (), f"episode {number}"
        assert screenplay.title_value("Title") == series().title
        assert screenplay.title_value("Author") == "mosaico demo"
        assert (screenplay.title_value("Episode") or "").startswith(str(number))
        assert screenplay.title_value("Draft date")
        assert screenplay.title_value("Credit")


def test_at_least_250_scenes_numbered_in_order() -> None:
    assert len(all_scenes()) >= 250
    for number, (_, scenes) in scripts().items():
        assert [s.number for s in scenes] == [str(i) for i in range(1, len(scenes) + 1)], number
        assert 35 <= len(scenes) <= 70, f"episode {number} has {len(scenes)} scenes"


def test_at_least_180_pages_by_mosaicos_own_pagination() -> None:
    available = importlib.util.find_spec("mosaico.screenplay.paginate") is not None
    require(available, "mosaico.screenplay.paginate")
    from mosaico.screenplay import paginate

    pages = {n: paginate.paginate(sp).page_count for n, (sp, _) in scripts().items()}
    assert sum(pages.values()) >= 180, pages
    assert pages[6] > max(pages[n] for n in range(1, 6)) * 0.9, "the finale runs longer"


def test_headings_cover_day_night_dawn_and_dusk() -> None:
    times = Counter(scene.heading.time_of_day for scene in all_scenes())
    for wanted in (TimeOfDay.DAY, TimeOfDay.NIGHT, TimeOfDay.DAWN, TimeOfDay.DUSK):
        assert times[wanted] >= 10, wanted
    assert times[TimeOfDay.UNKNOWN] == 0


def test_spanish_headings_and_some_english_dialogue() -> None:
    english = 0
    for screenplay, _ in scripts().values():
        for element in screenplay.elements:
            if element.kind is ElementType.DIALOGUE and re.search(
                r"\b(the|you|what|I'm|it's)\b", element.text
            ):
                english += 1
    assert english >= 25
    times = {scene.heading.time_text for scene in all_scenes()}
    assert {"DÍA", "NOCHE", "AMANECER", "ATARDECER"} <= times
    assert not times & {"DAY", "NIGHT"}


# --- sets, locations, cities ------------------------------------------------------------


def test_every_heading_names_a_set_of_the_bible() -> None:
    for number, (_, scenes) in scripts().items():
        for scene in scenes:
            found = series().find_set(scene.heading.set_name)
            where = f"episode {number}, scene {scene.number}: {scene.heading_text}"
            assert found is not None, where


def test_every_set_of_the_bible_is_shot_somewhere() -> None:
    used = {fold(scene.heading.set_name) for scene in all_scenes()}
    unused = [s.heading for s in series().sets if fold(s.heading) not in used]
    assert unused == []


def test_enough_sets_locations_and_cities_for_company_moves() -> None:
    s = series()
    assert len(s.sets) >= 35
    assert len(s.locations) >= 20
    assert len(s.cities) >= 4
    assert {c.country for c in s.cities} == {"MX", "US"}
    shot_cities = {
        loc.city for loc in s.locations for st in loc.sets if st.heading in _used_headings()
    }
    assert shot_cities == {c.id for c in s.cities}


def _used_headings() -> set[str]:
    found = (series().find_set(sc.heading.set_name) for sc in all_scenes())
    return {s.heading for s in found if s is not None}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def test_locations_lie_near_their_city_and_cities_far_apart() -> None:
    cities = {c.id: c for c in series().cities}
    for loc in series().locations:
        city = cities[loc.city]
        assert _km(loc.lat, loc.lon, city.lat, city.lon) < 40, loc.id
    # The valley and the border are a long drive apart: a travel day, not a company move.
    valley, border = cities["san_cayetano"], cities["juarez"]
    assert _km(valley.lat, valley.lon, border.lat, border.lon) > 300


# --- characters ---------------------------------------------------------------------------


def test_at_least_45_speaking_roles() -> None:
    assert len(speakers() - {"todos"}) >= 45


def test_ensemble_has_twelve_mains_over_seven_storylines_and_no_single_lead() -> None:
    s = series()
    mains = [c for c in s.characters if c.main]
    assert len(s.storylines) == 7
    assert len(mains) >= 12
    for storyline in s.storylines:
        assert any(storyline.id in c.storylines for c in mains), storyline.id
    presence = Counter(
        character_key(name) for scene in all_scenes() for name in (*scene.speaking, *scene.silent)
    )
    top, count = presence.most_common(1)[0]
    assert count / len(all_scenes()) < 0.25, f"{top} is in {count} scenes: a lead"


def test_every_bible_main_character_speaks_in_several_episodes() -> None:
    for character in series().characters:
        key = character_key(character.cue)
        episodes = {
            n for n, (_, scenes) in scripts().items() for sc in scenes if key in _keys(sc.speaking)
        }
        assert episodes, f"{character.cue} never speaks"
        if character.main:
            assert len(episodes) >= 4, f"{character.cue} speaks only in {sorted(episodes)}"


def _keys(names: tuple[str, ...]) -> set[str]:
    return {character_key(n) for n in names}


def test_at_least_eight_speaking_minors() -> None:
    minors = [c for c in series().characters if c.minor]
    assert len(minors) >= 8
    assert {character_key(c.cue) for c in minors} <= speakers()


def test_first_appearance_in_action_is_in_caps_with_the_bible_age() -> None:
    text = "\n".join(e.script for e in series().episodes)
    for character in series().characters:
        match = re.search(rf"(?<![\wÁÉÍÓÚÑ]){re.escape(character.cue)} \((\d+)\)", text)
        assert match, f"{character.cue} is never introduced with an age"
        assert int(match.group(1)) == character.age, character.cue


def test_crowd_scenes_carry_background_counts() -> None:
    text = "\n".join(e.script for e in series().episodes)
    counts = re.findall(r"\b(\d+) (?:[A-ZÁÉÍÓÚÑ]{4,})", text)
    assert len(counts) >= 30
    assert max(int(n) for n in counts) >= 60


def test_storylines_cross_in_shared_scenes() -> None:
    storylines_of = {character_key(c.cue): set(c.storylines) for c in series().characters}
    crossing = 0
    for scene in all_scenes():
        lines: set[str] = set()
        for name in (*scene.speaking, *scene.silent):
            lines |= storylines_of.get(character_key(name), set())
        crossing += len(lines) >= 4
    assert crossing >= 8


# --- writers' room ------------------------------------------------------------------------


def test_cards_point_at_real_scenes_and_cover_every_storyline_each_episode() -> None:
    s = series()
    for episode in s.episodes:
        cards = [c for c in s.cards if c.episode == episode.number]
        assert {c.storyline for c in cards} == {sl.id for sl in s.storylines}
        total = len(scripts()[episode.number][1])
        for card in cards:
            assert card.scenes, f"episode {episode.number} {card.storyline}: no scenes"
            assert all(1 <= n <= total for n in card.scenes)
            assert re.fullmatch(r"#[0-9a-fA-F]{6}", card.colour)


def test_cards_point_at_scenes_where_their_storyline_plays() -> None:
    # Travel and establishing shots may carry nobody by name; the rest must.
    s = series()
    for card in s.cards:
        screenplay, scenes = scripts()[card.episode]
        names = [fold(c.cue) for c in s.characters if card.storyline in c.storylines]
        by_number = {scene.number: scene for scene in scenes}
        hits = 0
        for number in card.scenes:
            scene = by_number[str(number)]
            body = fold(" ".join(e.text for e in screenplay.elements[scene.start : scene.end]))
            hits += any(re.search(rf"\b{re.escape(name)}\b", body) for name in names)
        assert hits >= 0.75 * len(card.scenes), f"episode {card.episode} {card.storyline}"


def test_research_sources_are_marked_as_invented() -> None:
    for source in series().sources:
        assert re.search(r"ficti|invent", source.provenance, re.IGNORECASE), source.id
    assert {s.consent for s in series().sources} >= {"granted", "withheld", "anonymised"}


# --- casting pool, crew, calendar, units ----------------------------------------------------


def test_casting_pool_mixes_professionals_and_not_from_four_sources_in_two_regions() -> None:
    pool = series().candidates
    assert len(pool) >= 150
    assert {c.professional for c in pool} == {True, False}
    assert set(CallSource) == {c.source for c in pool}
    assert len({c.region for c in pool}) >= 2
    assert len({c.name for c in pool}) == len(pool)
    minors = [c for c in pool if c.age < 18]
    assert len(minors) >= 8
    assert all(c.guardian for c in minors)
    assert all(c.guardian is None for c in pool if c.age >= 18)


def test_generated_people_are_the_same_on_every_load() -> None:
    again = load_series()
    assert again.candidates == series().candidates
    assert again.crew == series().crew


def test_crew_of_at_least_120_in_departments_over_two_units() -> None:
    crew = series().crew
    assert len(crew) >= 120
    assert len({m.department for m in crew}) >= 10
    units = Counter(m.unit for m in crew)
    assert set(units) == {u.id for u in series().units} and len(units) == 2
    assert units["segunda"] >= 10


def test_calendar_takes_mexican_holidays_from_the_package_and_sundays_off() -> None:
    cal = series().calendar
    assert cal.start == date(2026, 8, 3)
    assert not cal.is_day_off(cal.start)
    assert cal.is_day_off(date(2026, 9, 16))  # Independence Day, from `holidays`
    assert cal.is_day_off(date(2026, 11, 16))  # Revolution Day: third Monday of November
    assert cal.is_day_off(date(2026, 8, 9))  # a Sunday
    assert not cal.is_day_off(date(2026, 9, 15))


# --- bad data files -------------------------------------------------------------------------


def _reader_with(name: str, old: str, new: str) -> Callable[[str], str]:
    def read(file: str) -> str:
        text = _read_package(file)
        return text.replace(old, new, 1) if file == name else text

    return read


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("lat: 28.4797", "lat: 128.4797", "cities[0].lat"),
        ('timezone: "America/Denver"', 'timezone: "America/Nowhere"', "cities[4].timezone"),
        ("city: chihuahua, heading", "city: gotham, heading", "locations[21].city"),
        ('colour: "#2e7d32"', 'colour: "green"', "storylines[0].colour"),
        ("file: ep03.fountain", "file: ep99.fountain", "episodes[2].file"),
        ('start: "2026-08-03"', 'start: "3 de agosto"', "calendar.start"),
    ],
)
def test_a_bad_bible_names_the_field(old: str, new: str, field: str) -> None:
    assert old in _read_package("bible.yaml")
    with pytest.raises(ValidationError) as err:
        load_series(_reader_with("bible.yaml", old, new))
    assert err.value.field == f"bible.yaml: {field}"


def test_a_bible_that_is_not_yaml_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"bible\.yaml"):
        load_series(_reader_with("bible.yaml", "series:", "series: [unclosed"))
