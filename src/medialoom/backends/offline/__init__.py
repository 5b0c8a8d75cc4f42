"""Offline backends: procedural and classical, no model weights, no keys. One package per
domain: image, video, audio, mesh, text."""
