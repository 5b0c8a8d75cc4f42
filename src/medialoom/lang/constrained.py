"""Constrained decoding helpers (lm-format-enforcer), shared by the local LLM planner and the
neural text tools: a model whose decoding follows a JSON schema can only emit valid JSON."""

from __future__ import annotations

import functools
from typing import Any

ALPHABET = "".join(chr(c) for c in range(32, 127))  # no tabs or newlines: a weak model cannot pad forever


def tokenizer_data(tokenizer: Any) -> Any:
    """lm-format-enforcer's view of a tokenizer (its own transformers integration does not
    import under transformers 5, so this is built here from the same recipe)."""
    from lmformatenforcer import TokenEnforcerTokenizerData

    zero = tokenizer.encode("0", add_special_tokens=False)[-1]
    special = set(tokenizer.all_special_ids)
    regular = []
    for idx in range(len(tokenizer)):
        if idx in special:
            continue
        after_zero = tokenizer.decode([zero, idx])[1:]
        regular.append((idx, after_zero, len(after_zero) > len(tokenizer.decode([idx]))))
    decode = functools.partial(_decode, tokenizer)
    return TokenEnforcerTokenizerData(regular, decode, tokenizer.eos_token_id, False, len(tokenizer))


def _decode(tokenizer: Any, tokens: list[int]) -> str:
    return tokenizer.decode(tokens).rstrip("\ufffd")
