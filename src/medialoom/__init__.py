"""medialoom: generate and edit media from language.

A request becomes a typed plan of tool calls (a DAG), the plan is checked, then run in
parallel with a content-hash cache. Importing this package does no work: backends, models
and the store are loaded on first use.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
