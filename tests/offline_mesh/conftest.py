"""Fixtures and helpers of this folder live in mesh_support.py (importable by name from tests)."""

from mesh_support import *  # noqa: F401,F403
