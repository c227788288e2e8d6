"""kzkg: a knowledge graph of Kazakhstan's political life, every fact traced to its source words."""

__version__ = "0.1.0"
