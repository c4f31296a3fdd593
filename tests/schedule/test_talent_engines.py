"""The double-ended A* and the layered NumPy search: optimal against brute force and optima.csv."""

from __future__ import annotations

import csv
import itertools
import random

import numpy as np
import pytest

from conftest import TALENT
from mosaico.demo.synth_talent import make_talent_instance
from mosaico.schedule.talent import cost, read_instance
from mosaico.schedule.talent_ends import EndsSearch
from mosaico.schedule.talent_layers import LayeredSearch
from mosaico.schedule.talent_solver import Method, _Problem, reduce, solve

OPTIMA = {
    row["file"]: row
    for row in csv.DictReader((TALENT / "optima.csv").read_text(encoding="utf-8").splitlines())
}
ENGINES = [EndsSearch, LayeredSearch]


def _small_instances(count: int) -> list[tuple[int, int, float, int]]:
    rng = random.Random(2016)
    return [
        (rng.randint(3, 8), rng.randint(2, 7), rng.choice([0.2, 0.4, 0.6]), seed)
        for seed in range(count)
    ]


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: e.__name__)
def test_engines_find_the_brute_force_optimum_from_scratch(engine: type) -> None:
    checked = 0
    for n, m, density, seed in _small_instances(80):
        instance = make_talent_instance(n, m, density, seed)
        reduced = reduce(instance)
        if len(reduced.durations) < 2:
            continue
        best = min(cost(instance, p)[0] for p in itertools.permutations(range(n)))
        # No incumbent: the search itself must reach the optimal order.
        order, lower, _ = engine(reduced.durations, reduced.casts, reduced.costs).search(
            10**12, float("inf"), 10**7
        )
        assert order is not None
        total, _ = cost(instance, reduced.expand(order))
        assert total == best, (n, m, density, seed)
        assert lower + instance.working_cost() == best
        checked += 1
    assert checked > 40


@pytest.mark.parametrize("method", [Method.ENDS, Method.LAYERS])
@pytest.mark.parametrize(
    "name", ["stuckey-format/film103.dat", "stuckey-format/film-12", "csplib/film2_csplib"]
)
def test_engines_prove_the_published_optimum(method: Method, name: str) -> None:
    instance = read_instance(TALENT / name)
    result = solve(instance, method=method)
    assert result.optimal
    assert result.total_cost == int(OPTIMA[name]["opt_total_cost"])
    assert cost(instance, result.order) == (result.total_cost, result.idle_cost)


@pytest.mark.parametrize("method", [Method.ENDS, Method.LAYERS])
def test_engines_stopped_early_report_an_honest_bound(method: Method) -> None:
    name = "ddolib-generated/instance_26_15_30_25.txt"
    optimum = int(OPTIMA[name]["opt_total_cost"])
    instance = read_instance(TALENT / name)
    result = solve(instance, time_limit=0.1, method=method)
    assert not result.optimal
    assert instance.working_cost() <= result.lower_bound <= optimum <= result.total_cost


def test_batched_bound_equals_the_scalar_bound() -> None:
    reduced = reduce(make_talent_instance(30, 12, 0.3, 7))
    problem = _Problem(reduced)
    layered = LayeredSearch(reduced.durations, reduced.casts, reduced.costs)
    rng = random.Random(7)
    sets = [
        sum(1 << s for s in range(problem.n) if rng.random() < share)
        for share in (0.1, 0.3, 0.5, 0.7, 0.9)
        for _ in range(8)
    ]
    scalar = [problem.bound(problem.full ^ q, problem.present(q)) for q in sets]
    masks = np.array(sets, dtype=np.int64)
    batched = layered.bound(layered.full ^ masks, layered._present(masks))
    assert batched.tolist() == scalar
    assert max(scalar) > 0
