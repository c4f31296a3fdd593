"""The exact talent solver: published optima, brute force on tiny instances, honest bounds."""

from __future__ import annotations

import csv
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TALENT
from mosaico.errors import ValidationError
from mosaico.schedule.talent import TalentInstance, cost, read_instance
from mosaico.schedule.talent_solver import Method, reduce, solve

OPTIMA = list(csv.DictReader((TALENT / "optima.csv").read_text(encoding="utf-8").splitlines()))


@pytest.mark.parametrize("row", OPTIMA, ids=[row["file"] for row in OPTIMA])
def test_every_published_instance_is_solved_to_its_proven_optimum(row: dict[str, str]) -> None:
    instance = read_instance(TALENT / row["file"])
    result = solve(instance)
    assert result.optimal
    assert result.total_cost == int(row["opt_total_cost"])
    assert result.idle_cost == int(row["opt_idle_cost"])
    assert result.lower_bound == result.total_cost
    # The order is a real schedule of the file's scenes and costs what it claims.
    assert cost(instance, result.order) == (result.total_cost, result.idle_cost)


def test_reduction_matches_the_published_sizes() -> None:
    for row in OPTIMA:
        reduced = reduce(read_instance(TALENT / row["file"]))
        assert len(reduced.durations) == int(row["n_after_merge"]), row["file"]
        assert len(reduced.costs) <= int(row["m_after_reduce"]), row["file"]


@pytest.mark.parametrize(
    "name", ["stuckey-format/film103.dat", "stuckey-format/film-12", "csplib/film2_csplib"]
)
def test_search_engine_reaches_the_same_optimum_as_the_table(name: str) -> None:
    row = next(r for r in OPTIMA if r["file"] == name)
    result = solve(read_instance(TALENT / name), method=Method.SEARCH)
    assert result.optimal
    assert result.total_cost == int(row["opt_total_cost"])


@pytest.mark.parametrize("method", [Method.TABLE, Method.SEARCH])
def test_a_stopped_run_reports_an_honest_gap(method: Method) -> None:
    name = "ddolib-generated/instance_26_15_30_25.txt"
    optimum = int(next(r for r in OPTIMA if r["file"] == name)["opt_total_cost"])
    result = solve(read_instance(TALENT / name), time_limit=0.05, method=method)
    assert not result.optimal
    assert result.lower_bound <= optimum <= result.total_cost
    assert result.lower_bound >= read_instance(TALENT / name).working_cost()
    assert 0 < result.gap < 1


def test_memory_cap_stops_the_search_with_a_bound() -> None:
    name = "stuckey-format/Shaw2020"
    optimum = int(next(r for r in OPTIMA if r["file"] == name)["opt_total_cost"])
    result = solve(read_instance(TALENT / name), method=Method.SEARCH, max_states=2000)
    assert result.lower_bound <= optimum <= result.total_cost


def test_bad_limits_are_refused() -> None:
    instance = read_instance(TALENT / "stuckey-format" / "tiny")
    with pytest.raises(ValidationError, match="time_limit"):
        solve(instance, time_limit=0)
    with pytest.raises(ValidationError, match="max_states"):
        solve(instance, max_states=0)


@st.composite
def tiny_instances(draw: st.DrawFn) -> TalentInstance:
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 5))
    casts = tuple(frozenset(draw(st.sets(st.integers(0, m - 1), max_size=m))) for _ in range(n))
    return TalentInstance(
        name="random",
        durations=tuple(draw(st.lists(st.integers(1, 4), min_size=n, max_size=n))),
        casts=casts,
        costs=tuple(draw(st.lists(st.integers(0, 9), min_size=m, max_size=m))),
    )


def brute_force(instance: TalentInstance) -> int:
    return min(cost(instance, p)[0] for p in itertools.permutations(range(instance.scenes)))


@settings(max_examples=150, deadline=None)
@given(tiny_instances(), st.sampled_from([Method.TABLE, Method.SEARCH]))
def test_optimum_equals_the_best_of_all_orders(instance: TalentInstance, method: Method) -> None:
    result = solve(instance, method=method)
    best = brute_force(instance)
    assert result.optimal
    assert result.total_cost == best
    assert result.lower_bound == best
    assert cost(instance, result.order)[0] == best


@settings(max_examples=60, deadline=None)
@given(tiny_instances())
def test_lower_bound_never_exceeds_the_optimum_when_stopped_early(
    instance: TalentInstance,
) -> None:
    # One stored state: the search stops at once and must still report a valid bound.
    result = solve(instance, method=Method.SEARCH, max_states=1)
    assert result.lower_bound <= brute_force(instance) <= result.total_cost
