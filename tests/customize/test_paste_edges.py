"""A subject wider or taller than the canvas (image.customize with width 16, found by the fuzz
test) is cut at the canvas edges instead of failing with a numpy broadcast error."""

from __future__ import annotations

import numpy as np

from medialoom.backends.offline.image.blend import paste


def test_a_subject_larger_than_the_canvas_is_cut_at_its_edges():
    base = np.zeros((100, 16, 3), np.uint8)
    subject = np.full((172, 215, 3), 200, np.uint8)
    out = paste(base, subject, np.ones((172, 215), bool), -100, -30)
    assert out.shape == base.shape and out.min() == 200  # every pixel covered by the subject


def test_a_subject_inside_the_canvas_is_pasted_where_asked():
    base = np.zeros((100, 100, 3), np.uint8)
    out = paste(base, np.full((20, 20, 3), 255, np.uint8), np.ones((20, 20), bool), 10, 10)
    assert tuple(out[20, 20]) == (255, 255, 255) and tuple(out[50, 50]) == (0, 0, 0)
