"""LLM versions of the text tools (refine_prompt, write, storyboard) and of image.layout
(LayoutGPT-style: the LLM places objects with boxes and colours).

The LLM is the configured OpenAI-compatible endpoint (`[llm] base_url`) when there is one,
else a local transformers causal LM (`ctx.model`, a hub id in the local cache or a folder).
JSON answers (storyboard, layout) are parsed as data and checked; the local model decodes
them under a JSON schema with lm-format-enforcer, so they parse by construction.
"""

from __future__ import annotations

import json
from typing import Any

from ...context import Output, ToolContext
from ...errors import InputError, ToolError
from ..offline.text import Scene, Storyboard, music_mood, storyboard_outputs

MAX_TOKENS = 400
REFINE = ("You expand terse prompts for a {modality} generator into one detailed prompt: subject, "
          "setting, style, lighting, colours. Answer with the prompt only, one line.")
WRITE = "You write short texts (scripts, stories, narration, poems, lyrics). Answer with the text only."
STORYBOARD = ("You split a story into exactly {n} scenes for a short video. Answer with JSON: "
              '{{"title": str, "music": str, "scenes": [{{"visual": str, "narration": str, '
              '"duration": number, "mood": str}}]}}. visual is a prompt for an image generator; '
              "narration is one spoken sentence; duration is 2-10 seconds.")
LAYOUT = ("You lay out a scene on a 512x512 canvas. Answer with JSON: {\"setting\": str, \"objects\": "
          "[{\"name\": str, \"colour\": str, \"box\": [x0, y0, x1, y1]}]} with boxes in pixels, one "
          "object per thing (three apples are three objects).")


def storyboard_schema(n: int) -> dict[str, Any]:
    scene = {"type": "object", "properties": {
        "visual": {"type": "string", "maxLength": 160}, "narration": {"type": "string", "maxLength": 200},
        "duration": {"type": "number"}, "mood": {"type": "string", "maxLength": 60}},
        "required": ["visual", "narration", "duration", "mood"]}
    return {"type": "object", "properties": {
        "title": {"type": "string", "maxLength": 80}, "music": {"type": "string", "maxLength": 80},
        "scenes": {"type": "array", "items": scene, "minItems": n, "maxItems": n}},
        "required": ["title", "music", "scenes"]}


LAYOUT_SCHEMA = {"type": "object", "properties": {
    "setting": {"type": "string", "maxLength": 20},
    "objects": {"type": "array", "maxItems": 12, "items": {"type": "object", "properties": {
        "name": {"type": "string", "maxLength": 30}, "colour": {"type": "string", "maxLength": 20},
        "box": {"type": "array", "items": {"type": "integer"}, "minItems": 4, "maxItems": 4}},
        "required": ["name", "colour", "box"]}}}, "required": ["setting", "objects"]}


# -- the LLM call ------------------------------------------------------------------------------
def complete(ctx: ToolContext, system: str, user: str, schema: dict[str, Any] | None = None) -> str:
    """One answer from the endpoint, or from the local model (constrained by `schema`)."""
    if ctx.config.llm_base_url:
        return _remote(ctx, system, user, schema)
    return _local(ctx, system, user, schema)


def _remote(ctx: ToolContext, system: str, user: str, schema: dict[str, Any] | None) -> str:
    from ...lang.llm_client import LLMUnavailable, content, post_chat

    payload: dict[str, Any] = {"model": ctx.config.llm_model or "default", "temperature": 0.7,
                               "messages": [{"role": "system", "content": system},
                                            {"role": "user", "content": user}]}
    if schema is not None:
        payload["response_format"] = {"type": "json_object"}
    url = ctx.config.llm_base_url or ""
    try:
        status, body = post_chat(url, payload, ctx.config.llm_api_key, timeout=120)
    except LLMUnavailable as exc:
        raise ToolError(f"{exc.one_line()}; check [llm] base_url") from exc
    if status != 200:
        raise ToolError(f"the LLM at {url} answered HTTP {status}")
    try:
        return content(body)
    except LLMUnavailable as exc:
        raise ToolError(f"the LLM at {url} gave no usable answer ({exc})") from exc


def _local(ctx: ToolContext, system: str, user: str, schema: dict[str, Any] | None) -> str:
    import torch

    from .loading import tool_setting, transformers_model

    with transformers_model(ctx, "AutoModelForCausalLM", "AutoTokenizer") as (resolved, lease):
        net, tok = lease.model.model, lease.model.processor
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        if getattr(tok, "chat_template", None):
            prompt = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        else:
            prompt = f"{system}\n\n{user}\n\nAnswer: "
        ids = tok(prompt, return_tensors="pt").input_ids.to(lease.compute_device)
        kwargs: dict[str, Any] = {"max_new_tokens": int(tool_setting(ctx, "max_new_tokens", MAX_TOKENS)),
                                  "do_sample": False,
                                  "pad_token_id": tok.pad_token_id or tok.eos_token_id}
        if schema is not None:
            kwargs["prefix_allowed_tokens_fn"] = _enforcer(tok, schema)
        with lease.lock, torch.inference_mode():
            out = net.generate(ids, **kwargs)
        return tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True).strip()


def _enforcer(tok: Any, schema: dict[str, Any]) -> Any:
    from lmformatenforcer import CharacterLevelParserConfig, JsonSchemaParser, TokenEnforcer

    from ...lang.constrained import ALPHABET, tokenizer_data

    enforcer = TokenEnforcer(tokenizer_data(tok), JsonSchemaParser(schema, config=CharacterLevelParserConfig(
        alphabet=ALPHABET, max_consecutive_whitespaces=1)))
    return lambda _batch, seq: enforcer.get_allowed_tokens(seq.tolist()).allowed_tokens


def _json(text: str, what: str) -> Any:
    start, end = text.find("{"), text.rfind("}")
    try:
        return json.loads(text[start:end + 1])
    except ValueError as exc:
        raise ToolError(f"the LLM's {what} is not valid JSON; try again or use --backend offline") from exc


def _meta(ctx: ToolContext) -> dict[str, Any]:
    return {"llm": ctx.config.llm_model if ctx.config.llm_base_url else ctx.model,
            "endpoint": ctx.config.llm_base_url or "local"}


# -- backends ----------------------------------------------------------------------------------
def refine_prompt(ctx: ToolContext, prompt: str, modality: str | None = None) -> Output:
    if not prompt.strip():
        raise InputError("text.refine_prompt needs a prompt; give a few words to expand")
    text = complete(ctx, REFINE.format(modality=modality or "image"), prompt).strip().splitlines()
    line = next((t.strip().strip('"') for t in text if t.strip()), "") or prompt
    path = ctx.out("prompt", ".txt")
    path.write_text(line, encoding="utf-8")
    return Output(path, meta={**_meta(ctx), "modality": modality or "image"})


def write(ctx: ToolContext, prompt: str) -> Output:
    if not prompt.strip():
        raise InputError("text.write needs a prompt; say what to write about")
    text = complete(ctx, WRITE, prompt).strip()
    if not text:
        raise ToolError("the LLM wrote nothing; try again or use --backend offline")
    path = ctx.out("text", ".txt")
    path.write_text(text + "\n", encoding="utf-8")
    return Output(path, meta=_meta(ctx))


def storyboard(ctx: ToolContext, prompt: str, scenes: int | None = None) -> dict[str, Output]:
    if not prompt.strip():
        raise InputError("text.storyboard needs a prompt; say what the story is about")
    n = max(1, min(24, scenes or 3))
    data = _json(complete(ctx, STORYBOARD.format(n=n), prompt, storyboard_schema(n)), "storyboard")
    board = board_from_json(data, prompt, n)
    return storyboard_outputs(ctx, board, _meta(ctx))


def board_from_json(data: Any, prompt: str, n: int) -> Storyboard:
    """A Storyboard from the LLM's JSON, checked: exactly n scenes, texts present, durations 1-20."""
    raw = data.get("scenes") if isinstance(data, dict) else None
    if not isinstance(raw, list) or len(raw) < n:
        raise ToolError(f"the LLM's storyboard has {len(raw) if isinstance(raw, list) else 0} scenes, "
                        f"not {n}; try again or use --backend offline")
    mood = str(data.get("music") or music_mood(prompt))
    scenes = []
    for i, s in enumerate(raw[:n], 1):
        if not isinstance(s, dict) or not str(s.get("visual", "")).strip() or not str(s.get("narration", "")).strip():
            raise ToolError(f"scene {i} of the LLM's storyboard lacks a visual or a narration")
        try:
            seconds = float(s.get("duration", 4))
        except (TypeError, ValueError):
            seconds = 4.0
        scenes.append(Scene(i, str(s["visual"]).strip(), str(s["narration"]).strip(),
                            min(20.0, max(1.0, seconds)), str(s.get("mood") or mood)))
    title = str(data.get("title") or prompt[:60])
    return Storyboard(title, prompt, mood, tuple(scenes))


def layout(ctx: ToolContext, prompt: str) -> Output:
    if not prompt.strip():
        raise InputError("the prompt is empty; describe the scene to lay out")
    data = _json(complete(ctx, LAYOUT, prompt, LAYOUT_SCHEMA), "layout")
    objects = data.get("objects") if isinstance(data, dict) else None
    if not isinstance(objects, list) or not objects:
        raise ToolError("the LLM's layout has no objects; try again or use --backend offline")
    layout_data = {"canvas": {"width": 512, "height": 512}, "setting": data.get("setting") or "plain",
                   "prompt": prompt, "objects": objects}
    try:
        from ..offline.image.scene import normalize_layout

        layout_data = normalize_layout(layout_data)
    except ImportError:
        pass
    except ValueError as exc:
        raise ToolError(f"the LLM's layout cannot be used ({exc}); try again") from exc
    path = ctx.out("layout", ".json")
    path.write_text(json.dumps(layout_data, indent=1), encoding="utf-8")
    return Output(path, meta={**_meta(ctx), "objects": len(layout_data["objects"])})
