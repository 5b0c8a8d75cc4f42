"""Backends: `offline` (procedural and classical, no weights) and `neural` (diffusers and
transformers). Each catalogue tool names its backend functions in catalogue.py; they are
imported on first call, never at import time."""
