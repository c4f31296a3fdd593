"""Synthetic productions at any scale, seeded so the same arguments give the same bytes.

``generate_talent_instance`` (Stuckey-format text for the scheduler's benchmarks)
lives in ``synth_talent`` and is re-exported here.
"""

from __future__ import annotations

from mosaico.demo.synth_talent import TalentInstance, generate_talent_instance, make_talent_instance

__all__ = ["TalentInstance", "generate_talent_instance", "make_talent_instance"]
