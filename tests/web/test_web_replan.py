"""The replan endpoint on both stores (events, errors, another production's versions) and
the replan page in Spanish and English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_client import serve, upload

from mosaico.demo.series import load_series
from mosaico.services.context import Workspace

BASE = "/api/productions/granizo"


@pytest.fixture
def api(workspace: Workspace) -> Iterator[TestClient]:
    """``granizo``: the demo's first episode solved once (version 1); ``otra`` has no schedule."""
    episode = load_series().episodes[0]
    with serve(workspace.settings) as client:
        assert client.post("/api/productions", json={"name": "granizo"}).status_code == 201
        assert client.post("/api/productions", json={"name": "otra"}).status_code == 201
        sent = upload(client, "granizo", episode.file, episode.script.encode("utf-8"))
        assert sent.status_code == 201, sent.text
        setup = {"version": 0, "calendar": {"start": "2027-03-01"}}
        assert client.put(f"{BASE}/schedule/setup", json=setup).status_code == 200
        solved = client.post(f"{BASE}/schedules", json={"time_limit": 3})
        assert solved.status_code == 201, solved.text
        yield client


def test_strike_replan_through_the_api(api: TestClient) -> None:
    first = api.get(f"{BASE}/schedules/1").json()
    today, strike = first["days"][1]["date"], first["days"][2]["date"]
    body = {"event": "strike", "date": strike, "today": today, "time_limit": 3}
    answer = api.post(f"{BASE}/schedules/replan", json=body)
    assert answer.status_code == 201, answer.text
    done = answer.json()
    assert (done["version"], done["parent"]) == (2, 1)
    assert done["event"]["kind"] == "strike" and done["event"]["date"] == strike
    assert 0 <= done["stability"]["unchanged_days"] <= done["stability"]["unaffected_days"]
    assert done["cost_before"] == first["total_cost"]
    second = api.get(f"{BASE}/schedules/2").json()
    assert second["kind"] == "replan"
    assert strike not in [day["date"] for day in second["days"]]
    before = {s: day["date"] for day in first["days"] for s in day["strips"]}
    after = {s: day["date"] for day in second["days"] for s in day["strips"]}
    assert sorted(after) == sorted(before)
    assert all(after[s] == when for s, when in before.items() if when < today)
    moved = {m["strip"] for m in done["moved"]}
    assert moved == {s for s in after if after[s] != before[s]}


def test_bad_bodies_name_the_field_and_store_nothing(api: TestClient) -> None:
    answers = [
        api.post(f"{BASE}/schedules/replan", json={"event": "strike"}),
        api.post(f"{BASE}/schedules/replan", json={"event": "flood", "date": "2027-03-02"}),
        api.post(
            f"{BASE}/schedules/replan",
            json={"event": "actor-unavailable", "cast": "NADIE", "dates": ["2027-03-02"]},
        ),
        api.post(
            f"{BASE}/schedules/replan",
            json={"event": "strike", "date": "2027-03-02", "time_limit": 10_000},
        ),
    ]
    assert [a.status_code for a in answers] == [422, 422, 422, 413]
    assert answers[0].json()["field"] == "date"
    assert answers[2].json()["field"] == "cast"
    assert [v["number"] for v in api.get(f"{BASE}/schedules").json()] == [1]
    other = api.post(
        "/api/productions/otra/schedules/replan", json={"event": "strike", "date": "2027-03-02"}
    )
    assert other.status_code == 404


@pytest.mark.parametrize(
    ("lang", "title", "stability"),
    [
        ("es", "Replanificar el plan de rodaje", "Estabilidad"),
        ("en", "Replan the schedule", "Stability"),
    ],
)
def test_the_page_asks_and_shows_the_result(
    api: TestClient, lang: str, title: str, stability: str
) -> None:
    page = api.get(f"/productions/granizo/schedules/replan?lang={lang}")
    assert page.status_code == 200
    assert title in page.text and 'name="event"' in page.text
    first = api.get(f"{BASE}/schedules/1").json()
    strike = first["days"][2]["date"]
    answer = api.post(
        f"/productions/granizo/schedules/replan?lang={lang}",
        data={
            "event": "strike",
            "strike_date": strike,
            "today": first["days"][0]["date"],
            "time_limit": "3",
        },
    )
    assert answer.status_code == 201, answer.text
    assert stability in answer.text and f"strike on {strike}" in answer.text
    refused = api.post(
        f"/productions/granizo/schedules/replan?lang={lang}",
        data={"event": "strike", "strike_date": "not-a-date"},
    )
    assert refused.status_code == 422 and "date" in refused.text
