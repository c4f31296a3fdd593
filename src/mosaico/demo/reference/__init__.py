"""The reference production's facts (the seed press kit): a data file and its loader."""

from mosaico.demo.reference.loader import load_reference, parse_reference
from mosaico.demo.reference.model import CastCredit, ReferenceProduction

__all__ = ["CastCredit", "ReferenceProduction", "load_reference", "parse_reference"]
