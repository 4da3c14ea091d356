"""Golden Thread: results-based management from strategic goals to work plans."""

__version__ = "0.1.0"
