"""The language layer: what words mean, read in one place for the planner and every backend.

Below `planner/` and `backends/` (both import it; it imports neither). Every function is pure:
text in, a value (or None) out. One meaning per phrase everywhere ("a bit faster" is the same
factor for a video and for a sound).

    files        file mentions: quoted or not, "my X.mp4", paths with spaces, several files
    numbers      number words, multipliers ("twice", "3x", "50%"), counts, seeds
    durations    durations and times ("20 seconds", "1:20", "a minute"), fps, tempo
    times        the times of a cut ("from 0:10 to 0:25", "the first 30 seconds")
    speed        playback speed words ("a bit faster", "slow motion", "3 times slower")
    sizes        pixel sizes ("800x600") and size words ("a bit bigger" x1.25, "smaller" x0.667)
    degree       how much: "a bit" (small step), "much" (large step), for every edit
    colours      colour names
    voices       voice words ("a deep male voice", "read by a woman")
    languages    language names -> codes ("in French")
    points       click points and boxes ("at (420, 310)", "[10, 10, 200, 200]")
    styles       picture styles ("watercolour", "pixel art")
    music        semitones, decibels, musical keys
    instructions the one instruction grammar every edit parser uses (clauses, amounts)
    llm_client   one OpenAI-compatible chat-completions call
    llm_discovery  finding an LLM when none is configured
    constrained  lm-format-enforcer helpers for constrained decoding
"""
