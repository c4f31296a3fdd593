"""The stored breakdown: auto tags kept as records, people's decisions survive a re-run."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mosaico.errors import Conflict, NotFound, ValidationError
from mosaico.services import breakdown, productions, scripts
from mosaico.services.context import Workspace
from mosaico.store.tables import Element, ElementLink, Tag

EPISODE_1 = """INT. COCINA DE LOS MEDINA - NOCHE

DOÑA AMPARO (70) pone una OLLA en la estufa. 20 JORNALEROS esperan afuera con un CABALLO.

LUPITA (9)
¿Ya está la cena?

AMPARO (V.O.)
Todavía no.

EXT. CAMINO REAL - DÍA

Una CAMIONETA PICKUP ROJA avanza entre el polvo. AMPARO maneja.

AMPARO
Agárrate, Lupita.
"""

EPISODE_2 = """INT. MERCADO - DÍA

LUPITA (9) compra una CANASTA. La CAMIONETA PICKUP ROJA espera afuera.

LUPITA
¿Cuánto es?
"""


def _import(workspace: Workspace, production: str, text: str, episode: int) -> None:
    with workspace.transaction() as session:
        scripts.import_script(
            session=session,
            production=production,
            data=text.encode(),
            source=f"ep{episode}.fountain",
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
            episode=episode,
        )


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    with workspace.transaction() as session:
        productions.create(session=session, name="demo")
        productions.create(session=session, name="other")
    _import(workspace, "demo", EPISODE_1, 1)
    _import(workspace, "demo", EPISODE_2, 2)
    _import(workspace, "other", EPISODE_2, 1)
    return workspace


def _element(workspace: Workspace, production: str, category: str, name: str) -> int:
    with workspace.transaction() as session:
        found = [
            e
            for e in breakdown.list_elements(
                session=session, production=production, category=category
            )
            if e.name == name
        ]
    assert len(found) == 1, found
    return found[0].id


def _counts(workspace: Workspace) -> tuple[int, int, int]:
    with workspace.transaction() as session:
        return (
            session.scalar(select(func.count()).select_from(Element)) or 0,
            session.scalar(select(func.count()).select_from(Tag)) or 0,
            session.scalar(select(func.count()).select_from(ElementLink)) or 0,
        )


def test_auto_stores_one_element_per_thing_with_its_scenes(demo: Workspace) -> None:
    with demo.transaction() as session:
        summary = breakdown.run_auto(session=session, production="demo")
        rows = breakdown.breakdown_rows(session=session, production="demo")
    assert summary.episodes == 2 and summary.scenes == 3 and summary.added > 0
    assert [(r.episode, r.index) for r in rows] == [(1, 1), (1, 2), (2, 1)]
    assert rows[0].elements["background"] == [{"name": "JORNALEROS", "count": 20}]
    assert "OLLA" in rows[0].elements["props"]
    assert rows[0].elements["animal_wrangler"]  # the horse brings its wrangler
    pickup = _element(demo, "demo", "vehicles", "CAMIONETA PICKUP ROJA")
    with demo.transaction() as session:
        detail = breakdown.get_element(session=session, production="demo", element_id=pickup)
    assert [(s.episode, s.index) for s in detail.scenes] == [(1, 2), (2, 1)]
    lupita = _element(demo, "demo", "cast", "LUPITA")
    with demo.transaction() as session:
        info = breakdown.get_element(session=session, production="demo", element_id=lupita)
    assert info.element.minor and info.element.age == 9
    # The minor brings a studio teacher to each of her scenes.
    assert all(
        "Studio teacher" in r.elements.get("additional_labor", [])
        for r in rows
        if "LUPITA" in r.elements.get("cast", [])
    )


def test_rerun_keeps_decisions_and_adds_nothing_twice(demo: Workspace) -> None:
    with demo.transaction() as session:
        breakdown.run_auto(session=session, production="demo")
        scene = breakdown.scene_breakdown(session=session, production="demo", episode=1, index=1)
    olla = next(t for t in scene.tags if t.name == "OLLA")
    horse = next(t for t in scene.tags if t.name == "CABALLO")
    with demo.transaction() as session:
        breakdown.set_tag_status(
            session=session,
            production="demo",
            tag_id=olla.id,
            status="rejected",
            version=olla.version,
        )
        moved = breakdown.recategorise_tag(
            session=session,
            production="demo",
            tag_id=horse.id,
            category="stunts",
            version=horse.version,
        )
        added = breakdown.add_tag(
            session=session,
            production="demo",
            scene_id=scene.scene_id,
            category="props",
            name="Estufa de leña",
            source=(horse.source_element or 0, 0, 5),
        )
    assert moved.category == "stunts" and moved.status == "accepted"
    assert added.origin == "user" and added.source_text
    before = _counts(demo)
    with demo.transaction() as session:
        again = breakdown.run_auto(session=session, production="demo")
        rows = breakdown.breakdown_rows(session=session, production="demo", episode=1)
    assert again.added == 0 and again.dropped == 0 and again.elements_added == 0
    assert _counts(demo) == before
    elements = rows[0].elements
    assert "OLLA" not in elements.get("props", [])
    assert "CABALLO" in elements["stunts"] and "CABALLO" not in elements.get("animals", [])
    assert "Estufa de leña" in elements["props"]


def test_merge_moves_tags_and_links_and_survives_a_rerun(demo: Workspace) -> None:
    with demo.transaction() as session:
        breakdown.run_auto(session=session, production="demo")
        scene = breakdown.scene_breakdown(session=session, production="demo", episode=2, index=1)
        extra = breakdown.add_tag(
            session=session,
            production="demo",
            scene_id=scene.scene_id,
            category="vehicles",
            name="la troca roja",
        )
    pickup = _element(demo, "demo", "vehicles", "CAMIONETA PICKUP ROJA")
    sandia = _element(demo, "demo", "props", "CANASTA")
    with demo.transaction() as session:
        breakdown.link_elements(
            session=session, production="demo", anchor_id=extra.element_id, linked_id=sandia
        )
        merged = breakdown.merge_elements(
            session=session, production="demo", keep_id=pickup, merge_ids=[extra.element_id]
        )
    assert merged.scenes == 2
    with demo.transaction() as session:
        gone = session.get(Element, extra.element_id)
        links = session.execute(select(ElementLink.anchor_id, ElementLink.linked_id)).all()
    assert gone is None and links == [(pickup, sandia)]
    with demo.transaction() as session:
        again = breakdown.run_auto(session=session, production="demo")
        rows = breakdown.breakdown_rows(session=session, production="demo")
    assert again.elements_added == 0
    # The link brings the watermelon to every scene of the pickup.
    assert "CANASTA" in rows[1].elements["props"]
    with demo.transaction() as session:
        breakdown.unlink_elements(
            session=session, production="demo", anchor_id=pickup, linked_id=sandia
        )
        rows = breakdown.breakdown_rows(session=session, production="demo")
    assert "CANASTA" not in rows[1].elements.get("props", [])


def test_categories_are_data_per_production(demo: Workspace) -> None:
    with demo.transaction() as session:
        made = breakdown.add_category(
            session=session,
            production="demo",
            key="drones",
            name_en="Drones",
            name_es="Drones",
            colour="#123456",
        )
        props = breakdown.update_category(
            session=session,
            production="demo",
            key="props",
            colour="#00ff00",
            name_es="Utilería de mano",
        )
        mine = breakdown.list_categories(session=session, production="demo")
        theirs = breakdown.list_categories(session=session, production="other")
    assert made.custom and mine[-1].key == "drones"
    assert props.colour == "#00FF00" and props.version == 1
    assert next(c for c in theirs if c.key == "props").colour != "#00FF00"
    assert "drones" not in {c.key for c in theirs}
    with demo.transaction() as session, pytest.raises(Conflict):
        breakdown.update_category(
            session=session, production="demo", key="props", version=None, colour="#000000"
        )


# --- bad input: a clear message, nothing changed --------------------------------------


def test_bad_tags_change_nothing(demo: Workspace) -> None:
    with demo.transaction() as session:
        breakdown.run_auto(session=session, production="demo")
        scene = breakdown.scene_breakdown(session=session, production="other", episode=1, index=1)
        mine = breakdown.scene_breakdown(session=session, production="demo", episode=1, index=1)
    before = _counts(demo)
    with demo.transaction() as session, pytest.raises(NotFound, match="scene"):
        breakdown.add_tag(
            session=session, production="demo", scene_id=scene.scene_id, category="props", name="X"
        )
    with demo.transaction() as session, pytest.raises(NotFound, match="scene"):
        breakdown.add_tag(
            session=session, production="demo", scene_id=999_999, category="props", name="X"
        )
    with demo.transaction() as session, pytest.raises(ValidationError, match="category"):
        breakdown.add_tag(
            session=session, production="demo", scene_id=mine.scene_id, category="dragons", name="X"
        )
    with demo.transaction() as session, pytest.raises(ValidationError, match="source"):
        breakdown.add_tag(
            session=session,
            production="demo",
            scene_id=mine.scene_id,
            category="props",
            name="X",
            source=(9_999, 0, 1),
        )
    tag = mine.tags[0]
    with demo.transaction() as session:
        breakdown.set_tag_status(
            session=session,
            production="demo",
            tag_id=tag.id,
            status="accepted",
            version=tag.version,
        )
    after_accept = _counts(demo)
    with demo.transaction() as session, pytest.raises(Conflict, match="version"):
        breakdown.set_tag_status(
            session=session,
            production="demo",
            tag_id=tag.id,
            status="rejected",
            version=tag.version,
        )
    with demo.transaction() as session, pytest.raises(ValidationError, match="status"):
        breakdown.set_tag_status(
            session=session,
            production="demo",
            tag_id=tag.id,
            status="maybe",
            version=tag.version + 1,
        )
    with demo.transaction() as session, pytest.raises(NotFound):
        breakdown.set_tag_status(
            session=session,
            production="other",
            tag_id=tag.id,
            status="rejected",
            version=tag.version + 1,
        )
    with demo.transaction() as session:
        status = (
            breakdown.scene_breakdown(session=session, production="demo", episode=1, index=1)
            .tags[0]
            .status
        )
    assert status == "accepted" and before == after_accept == _counts(demo)


def test_a_scene_of_an_earlier_draft_takes_no_tag(demo: Workspace) -> None:
    with demo.transaction() as session:
        old = breakdown.scene_breakdown(session=session, production="demo", episode=2, index=1)
    _import(demo, "demo", EPISODE_2 + "\nINT. CASA - NOCHE\n\nNada.\n", 2)
    before = _counts(demo)
    with demo.transaction() as session, pytest.raises(ValidationError, match="earlier draft"):
        breakdown.add_tag(
            session=session, production="demo", scene_id=old.scene_id, category="props", name="X"
        )
    assert _counts(demo) == before


def test_merges_across_productions_or_categories_are_refused(demo: Workspace) -> None:
    with demo.transaction() as session:
        breakdown.run_auto(session=session, production="demo")
        breakdown.run_auto(session=session, production="other")
    pickup = _element(demo, "demo", "vehicles", "CAMIONETA PICKUP ROJA")
    foreign = _element(demo, "other", "props", "CANASTA")
    sandia = _element(demo, "demo", "props", "CANASTA")
    before = _counts(demo)
    with demo.transaction() as session, pytest.raises(NotFound, match="element"):
        breakdown.merge_elements(
            session=session, production="demo", keep_id=sandia, merge_ids=[foreign]
        )
    with demo.transaction() as session, pytest.raises(ValidationError, match="categor"):
        breakdown.merge_elements(
            session=session, production="demo", keep_id=sandia, merge_ids=[pickup]
        )
    with demo.transaction() as session, pytest.raises(NotFound):
        breakdown.link_elements(
            session=session, production="demo", anchor_id=sandia, linked_id=foreign
        )
    assert _counts(demo) == before
    with demo.transaction() as session:
        merged = breakdown.merge_elements(
            session=session,
            production="demo",
            keep_id=sandia,
            merge_ids=[pickup],
            across_categories=True,
        )
    assert merged.category == "props" and merged.scenes == 2


def test_stale_element_update_is_a_conflict(demo: Workspace) -> None:
    with demo.transaction() as session:
        breakdown.run_auto(session=session, production="demo")
    olla = _element(demo, "demo", "props", "OLLA")
    with demo.transaction() as session:
        first = breakdown.get_element(session=session, production="demo", element_id=olla).element
        breakdown.update_element(
            session=session,
            production="demo",
            element_id=olla,
            version=first.version,
            notes="de barro",
            department="Arte",
        )
    with demo.transaction() as session, pytest.raises(Conflict):
        breakdown.update_element(
            session=session, production="demo", element_id=olla, version=first.version, notes="x"
        )
    with demo.transaction() as session, pytest.raises(ValidationError, match="photos"):
        breakdown.update_element(
            session=session,
            production="demo",
            element_id=olla,
            version=first.version + 1,
            photos=["../etc/passwd"],
        )
    with demo.transaction() as session:
        now = breakdown.get_element(session=session, production="demo", element_id=olla).element
    assert now.notes == "de barro" and now.department == "Arte" and now.photos == ()


def test_a_suggestion_joins_the_breakdown_when_accepted(workspace: Workspace) -> None:
    text = "INT. CASA - DÍA\n\nANA entra. Hay una navaja junto al fregadero.\n\nANA\nYa.\n"
    with workspace.transaction() as session:
        productions.create(session=session, name="sugg")
    _import(workspace, "sugg", text, 1)
    with workspace.transaction() as session:
        breakdown.run_auto(session=session, production="sugg")
        rows = breakdown.breakdown_rows(session=session, production="sugg")
        scene = breakdown.scene_breakdown(session=session, production="sugg", episode=1, index=1)
    assert "props" not in rows[0].elements  # only named, not handled: a suggestion
    knife = next(t for t in scene.tags if t.name == "navaja")
    with workspace.transaction() as session:
        breakdown.set_tag_status(
            session=session,
            production="sugg",
            tag_id=knife.id,
            status="accepted",
            version=knife.version,
        )
        rows = breakdown.breakdown_rows(session=session, production="sugg")
    assert rows[0].elements["props"] == ["navaja"]
