"""mosaico.breakdown: element categories, auto-tagging, element links (pure).

What services may use:

- ``DEFAULT_CATEGORIES``, ``Category``, ``check_categories``: categories as data;
- ``default_vocabulary``, ``extend_vocabulary``, ``Vocabulary``: the bilingual word lists;
- ``tag_scene`` (one scene) and ``tag_script`` (every scene, with what earlier
  scenes established) returning ``Tag``s; ``scene_elements`` lists them per category;
- ``ElementLink``, ``DEFAULT_LINKS``, ``apply_links``, ``link_scenes``;
- ``read_gold``, ``score``: quality against a hand-tagged gold set.
"""

from mosaico.breakdown.autotag import tag_scene
from mosaico.breakdown.categories import DEFAULT_CATEGORIES, Category, by_key, check_categories
from mosaico.breakdown.links import DEFAULT_LINKS, ElementLink, apply_links, link_scenes
from mosaico.breakdown.quality import GoldScene, Score, read_gold, score
from mosaico.breakdown.script import (
    SHOWN,
    SceneBreakdown,
    established,
    scene_elements,
    suggestions,
    tag_script,
)
from mosaico.breakdown.tags import Tag
from mosaico.breakdown.vocabulary import Vocabulary, default_vocabulary, extend_vocabulary

__all__ = [
    "DEFAULT_CATEGORIES",
    "DEFAULT_LINKS",
    "SHOWN",
    "Category",
    "ElementLink",
    "GoldScene",
    "SceneBreakdown",
    "Score",
    "Tag",
    "Vocabulary",
    "apply_links",
    "by_key",
    "check_categories",
    "default_vocabulary",
    "established",
    "extend_vocabulary",
    "link_scenes",
    "read_gold",
    "scene_elements",
    "score",
    "suggestions",
    "tag_scene",
    "tag_script",
]
