"""The schedule API on both stores (setup, solve, versions, compare, errors) and the
versions page in Spanish and English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from web_client import serve, upload

from mosaico.demo.series import load_series
from mosaico.services import schedule as schedules
from mosaico.services.context import Workspace

BASE = "/api/productions/granizo"


@pytest.fixture
def api(workspace: Workspace) -> Iterator[TestClient]:
    """Production ``granizo`` with the demo's first episode, and ``otra`` with a short script."""
    episode = load_series().episodes[0]
    with serve(workspace.settings) as client:
        assert client.post("/api/productions", json={"name": "granizo"}).status_code == 201
        assert client.post("/api/productions", json={"name": "otra"}).status_code == 201
        sent = upload(client, "granizo", episode.file, episode.script.encode("utf-8"))
        assert sent.status_code == 201, sent.text
        assert upload(client, "otra").status_code == 201
        yield client


def _setup(client: TestClient, body: dict[str, object], slug: str = "granizo") -> object:
    return client.put(f"/api/productions/{slug}/schedule/setup", json=body)


def test_setup_solve_list_show_and_compare(api: TestClient) -> None:
    setup = api.get(f"{BASE}/schedule/setup").json()
    assert setup["version"] == 0 and setup["calendar"]["start"] is None
    changed = _setup(
        api,
        {
            "version": 0,
            "calendar": {
                "start": "2027-03-01",
                "days_off": [{"start": "2027-03-03", "reason": "paro", "end": None}],
            },
            "cast": {"members": {"ABEL": {"unavailable": ["2027-03-02"]}}},
        },
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["version"] == 1

    solved = api.post(f"{BASE}/schedules", json={"episodes": [1], "time_limit": 2, "label": "a"})
    assert solved.status_code == 201, solved.text
    first = solved.json()
    assert (first["number"], first["label"], first["episodes"]) == (1, "a", [1])
    placed = [s for day in first["days"] for s in day["strips"]]
    assert len(placed) == len(set(placed)) == first["strips"]
    dates = [date.fromisoformat(day["date"]) for day in first["days"]]
    assert date(2027, 3, 3) not in dates and all(d.weekday() < 5 for d in dates)
    assert first["total_cost"] == sum(first["cost"].values()) >= first["lower_bound"]
    abel_days = {
        day["date"] for day in first["days"] for key in day["strips"] if key in _abel_strips(api)
    }
    assert "2027-03-02" not in abel_days

    lock = first["days"][0]["strips"][0]
    second = api.post(
        f"{BASE}/schedules", json={"time_limit": 2, "start_from": 1, "locked": [lock]}
    ).json()
    assert second["parent"] == 1 and second["locked"] == [lock]
    assert api.get(f"{BASE}/schedules/1").json() == first
    listed = api.get(f"{BASE}/schedules").json()
    assert [(v["number"], v["parent"], v["shoot_days"]) for v in listed] == [
        (1, None, len(first["days"])),
        (2, 1, len(second["days"])),
    ]
    compared = api.get(f"{BASE}/schedules/compare", params={"a": 1, "b": 2}).json()
    assert compared["total"] == {"a": first["total_cost"], "b": second["total_cost"]}
    assert compared["unchanged"] + len(compared["moves"]) == first["strips"]
    assert lock not in {move["strip"] for move in compared["moves"]}


def _abel_strips(client: TestClient) -> set[str]:
    scenes = client.get(f"{BASE}/scenes").json()
    return {
        schedules.strip_key(s["episode"], s["number"], s["index"])
        for s in scenes
        if "ABEL" in s["speaking"] + s["silent"]
    }


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"version": 0, "calendar": {"start": "2027-02-30"}}, 422, "calendar.start"),
        ({"version": 0, "rules": {"max_hours_per_day": 0}}, 422, "rules.max_hours_per_day"),
        ({"version": 0, "weights": {"shoot_day": "mucho"}}, 422, "weights.shoot_day"),
        ({"version": 0, "sets": {"POZO": {"longitude": 500}}}, 422, "sets.POZO.longitude"),
        ({"version": 0, "units": 3}, 422, "units"),
        ({"calendar": {}}, 422, "version"),
        ({"version": 4, "calendar": {"work_days": 9}}, 409, None),
    ],
)
def test_bad_setup_is_named_and_changes_nothing(
    api: TestClient, body: dict[str, object], status: int, field: str | None
) -> None:
    before = api.get(f"{BASE}/schedule/setup").json()
    response = api.put(f"{BASE}/schedule/setup", json=body)
    assert response.status_code == status, response.text
    assert response.json()["field"] == field
    assert api.get(f"{BASE}/schedule/setup").json() == before


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"time_limit": schedules.MAX_TIME_LIMIT + 1}, 413, None),
        ({"time_limit": 0}, 422, "time_limit"),
        ({"episodes": [0]}, 422, "episodes.0"),
        ({"episodes": [9], "time_limit": 1}, 404, None),
        ({"start_from": 1, "time_limit": 1}, 404, None),
        ({"locked": ["1-1"], "time_limit": 1}, 422, "locked"),
        ({"solver": "fast"}, 422, "solver"),
    ],
)
def test_bad_solve_requests_store_nothing(
    api: TestClient, body: dict[str, object], status: int, field: str | None
) -> None:
    response = api.post(f"{BASE}/schedules", json=body)
    assert response.status_code == status, response.text
    assert response.json()["field"] == field
    assert api.get(f"{BASE}/schedules").json() == []


def test_versions_are_scoped_by_production(api: TestClient) -> None:
    assert api.post(f"{BASE}/schedules", json={"time_limit": 2}).status_code == 201
    assert api.get("/api/productions/otra/schedules").json() == []
    assert api.get("/api/productions/otra/schedules/1").status_code == 404
    compared = api.get("/api/productions/otra/schedules/compare", params={"a": 1, "b": 1})
    assert compared.status_code == 404
    assert api.get("/api/productions/nadie/schedules").status_code == 404
    assert api.get("/api/productions/nadie/schedule/setup").status_code == 404
    assert api.get(f"{BASE}/schedules/2").status_code == 404


def test_versions_page_in_spanish_and_english(api: TestClient) -> None:
    empty = api.get("/productions/granizo/schedules", params={"lang": "es"})
    assert empty.status_code == 200
    assert "Versiones del plan de rodaje" in empty.text and "Aún no hay plan" in empty.text
    api.post(f"{BASE}/schedules", json={"time_limit": 2, "label": "primera"})
    spanish = api.get("/productions/granizo/schedules", params={"lang": "es"}).text
    assert "primera" in spanish and "Cota inferior" in spanish and "optimizada" in spanish
    english = api.get("/productions/granizo/schedules", params={"lang": "en"}).text
    assert "Schedule versions" in english and "Lower bound" in english and "solved" in english
    version = api.get(f"{BASE}/schedules/1").json()
    assert f"{version['total_cost']:,}" in english
    assert api.get("/productions/nadie/schedules").status_code == 404
