"""Fixtures and helpers of this folder live in video_support.py (importable by name from tests)."""

from video_support import *  # noqa: F401,F403
