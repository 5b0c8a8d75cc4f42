"""Local LLM planner: a transformers causal LM whose decoding is constrained by
lm-format-enforcer, so that even a weak model can only emit valid plans.

A plan is decoded one step at a time, each step in two constrained calls:
    1. the tool: an enum of the tools whose required inputs exist at this point (plus "done"
       once there is a step);
    2. its arguments: a JSON schema built for this position, where every media argument is an
       enum of the earlier steps whose output fits (and the files the request names), text is
       a bounded string that cannot start with "$", and required numbers are enums inside their
       ranges.
Validity is therefore by construction; the validator still checks the result. If the model
cannot be loaded, the offline planner answers and the plan's notes say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..errors import MedialoomError, PlanError
from ..lang.constrained import ALPHABET, tokenizer_data
from ..plan import TEXT_KINDS, Plan, Step, validate
from ..registry import Registry
from ..tools import Param, ToolSpec
from . import extract, prompting
from .draft import Source
from .offline import OfflinePlanner, check_request

MEDIA = ("image", "video", "audio", "mesh", "mask", "layout")
TEXT_CHARS = "[A-Za-z0-9][A-Za-z0-9 ,.'-]"
NUMBER_CHOICES = (0.5, 1, 2, 4, 8, 30)


@dataclass
class LocalPlanner:
    registry: Registry
    model_path: str
    offline: OfflinePlanner
    max_steps: int = 6
    max_new_tokens: int = 160
    compact: bool = False    # a short prompt (tool ids only, no examples) for small context windows
    max_text: int = 60       # longest text argument, in characters
    _loaded: tuple[Any, Any, Any, frozenset[int]] | None = field(default=None, repr=False)

    def plan(self, request: str, context: Sequence[Source] = ()) -> Plan:
        text = check_request(request)
        try:
            plan = self.decode(text, context)
        except (MedialoomError, OSError, ImportError, ValueError, RuntimeError) as exc:
            plan = self.offline.plan(text, list(context))
            plan.notes.append(f"local LLM planner failed ({str(exc).splitlines()[0][:160]}); "
                              "the offline planner made this plan")
            return plan
        plan.notes.append(f"planned by the local model {self.model_path} (constrained decoding)")
        return plan

    # -- decoding -----------------------------------------------------------------------------
    def decode(self, request: str, context: Sequence[Source] = ()) -> Plan:
        files = [(f.text, f.kind) for f in extract.files(request)] + [(s.ref, s.kind) for s in context]
        steps: list[Step] = []
        prompt = self._prompt(request, context)
        for n in range(1, self.max_steps + 1):
            tools = [s.id for s in self.registry if _feasible(s, steps, files, self.registry)]
            choice = json.loads(self._generate(prompt, {"type": "object", "properties": {
                "tool": {"enum": tools + (["done"] if steps else [])}}, "required": ["tool"]}))
            if choice["tool"] == "done":
                break
            spec = self.registry.spec(choice["tool"])
            prompt += json.dumps(choice)[:-1] + ', "args": '
            args = json.loads(self._generate(prompt, args_schema(spec, steps, files, self.registry,
                                                                 self.max_text)))
            steps.append(Step(f"s{n}", spec.id, args))
            prompt += json.dumps(args) + "}\n"
        plan = Plan(steps, request)
        validate(plan, self.registry, check_files=False)
        return plan

    def _prompt(self, request: str, context: Sequence[Source]) -> str:
        tokenizer = self._model()[0]
        if self.compact:
            tools = ", ".join(spec.id for spec in self.registry)
            return f"Tools: {tools}\n{prompting.user_prompt(request, context)}\nPlan, one step per line:\n"
        messages = prompting.messages(self.registry, request, context)
        if getattr(tokenizer, "chat_template", None):
            text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        else:
            text = "\n\n".join(f"{m['role']}: {m['content']}" for m in messages) + "\nassistant: "
        return text + "Plan, one step per line:\n"

    def _generate(self, prompt: str, schema: dict[str, Any]) -> str:
        import torch
        from lmformatenforcer import CharacterLevelParserConfig, JsonSchemaParser, TokenEnforcer

        tokenizer, model, data, _ = self._model()
        config = CharacterLevelParserConfig(alphabet=ALPHABET, max_consecutive_whitespaces=1,
                                            force_json_field_order=True)
        enforcer = TokenEnforcer(data, JsonSchemaParser(schema, config=config))
        ids = tokenizer(prompt, return_tensors="pt").input_ids
        blank = self._model()[3]

        def allowed(_batch: int, seq: Any) -> list[int]:
            tokens = seq.tolist()
            choices = enforcer.get_allowed_tokens(tokens).allowed_tokens
            if tokens[-1] in blank:  # no runs of whitespace: a weak model could pad forever
                choices = [t for t in choices if t not in blank] or choices
            return choices

        with torch.no_grad():
            out = model.generate(ids, max_new_tokens=self.max_new_tokens, do_sample=False,
                                 prefix_allowed_tokens_fn=allowed,
                                 pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id)
        text = tokenizer.decode(out[0, ids.shape[1]:], skip_special_tokens=True).strip()
        try:
            json.loads(text)
        except ValueError as exc:
            raise PlanError(f"the local model's output was cut off after {self.max_new_tokens} tokens: {text[-60:]!r}") from exc
        return text

    def _model(self) -> tuple[Any, Any, Any, frozenset[int]]:
        """(tokenizer, model, lm-format-enforcer tokenizer data, whitespace-only token ids)."""
        if self._loaded is None:
            from transformers import AutoModelForCausalLM, AutoTokenizer

            tokenizer = AutoTokenizer.from_pretrained(self.model_path, local_files_only=True)
            model = AutoModelForCausalLM.from_pretrained(self.model_path, local_files_only=True)
            model.eval()
            blank = frozenset(i for i in range(len(tokenizer)) if not tokenizer.decode([i]).strip())
            self._loaded = (tokenizer, model, tokenizer_data(tokenizer), blank)
        return self._loaded


# -- schemas for one position in the plan ------------------------------------------------------
def _sources(kind: str, steps: list[Step], files: list[tuple[str, str]], registry: Registry) -> list[str]:
    refs = []
    for step in steps:
        out = registry.spec(step.tool).output
        if out == kind or (kind == "text" and out in TEXT_KINDS):
            refs.append(f"${step.id}")
    return refs + [path for path, k in files if k == kind]


def _feasible(spec: ToolSpec, steps: list[Step], files: list[tuple[str, str]], registry: Registry) -> bool:
    return all(_sources(p.kind, steps, files, registry) for p in spec.params
               if p.required and p.kind in MEDIA)


def args_schema(spec: ToolSpec, steps: list[Step], files: list[tuple[str, str]],
                registry: Registry, max_text: int = 60) -> dict[str, Any]:
    """The arguments a step may take here: required ones only, each limited to valid values."""
    text = f"{TEXT_CHARS}{{0,{max(1, max_text) - 1}}}"
    props = {p.name: _param_schema(p, steps, files, registry, text) for p in spec.params if p.required}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def _param_schema(p: Param, steps: list[Step], files: list[tuple[str, str]], registry: Registry,
                  text_pattern: str) -> dict[str, Any]:
    if p.kind in MEDIA:
        choices = {"enum": _sources(p.kind, steps, files, registry)}
        return {"type": "array", "items": choices, "minItems": 1, "maxItems": 4} if p.type == "array" else choices
    if p.kind in TEXT_KINDS:
        text = {"type": "string", "pattern": text_pattern}
        refs = _sources("text", steps, files, registry)
        return {"anyOf": [{"enum": refs}, text]} if refs else text
    if p.enum:
        return {"enum": list(p.enum)}
    if p.type in ("number", "integer", "time"):
        lo = p.minimum if p.minimum is not None else 0
        hi = p.maximum if p.maximum is not None else 1e9
        options = [v for v in NUMBER_CHOICES if lo <= v <= hi] or [lo]
        return {"enum": [int(v) if p.type == "integer" else v for v in options]}
    if p.type == "point":
        return {"type": "array", "items": {"enum": [0, 64, 128, 256]}, "minItems": 2, "maxItems": 2}
    if p.type == "box":
        return {"type": "array", "items": {"enum": [0, 64, 128, 256]}, "minItems": 4, "maxItems": 4}
    return {"type": "string", "pattern": text_pattern}
