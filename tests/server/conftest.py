"""Fixtures and helpers of this folder live in server_support.py (importable by name from tests)."""

from server_support import *  # noqa: F401,F403
