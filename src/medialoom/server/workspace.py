"""What the server adds around Session: files named by hash, plans that may only name those files,
pointing (a click on an image becomes `image.segment` + `image.inpaint`), session context, and
the run function the job worker calls.

Plans sent to the API cannot name paths on the server. A media argument is a step reference
(`$s1`) or a stored file: its 64-hex sha256, or the name `<sha256>.<ext>` that uploads and job
outputs report. Those names resolve inside DATA/files, hard links to the store's objects.
"""

from __future__ import annotations

import inspect
import os
import re
import shutil
from pathlib import Path
from typing import Any, Callable

from ..artifacts import Artifact
from ..cancel import CancelToken
from ..errors import PlanError, UsageError
from ..events import Event
from ..plan import TEXT_KINDS, Plan, Ref, Step
from ..session import Session
from .jobs import JobStore, RunOutcome

HEX64 = re.compile(r"^[0-9a-f]{64}$")
FILE_NAME = re.compile(r"^([0-9a-f]{64})\.[a-z0-9]{1,5}$")
REFERS = re.compile(r"\b(it|its|this|that|these|those|them|the (image|picture|photo|drawing|video|clip|"
                    r"film|sound|audio|recording|song|music|track|model|mesh))\b", re.I)
REMOVE = re.compile(r"\b(remove|erase|delete|get rid of|take (it|this|that) (out|away)|clean up)\b", re.I)
REPLACE = re.compile(r"\b(?:replace|swap|change|turn|make)\b.*?\b(?:with|into|to|for)\s+(.+)$", re.I)


class Workspace:
    def __init__(self, session: Session, files: Path, jobs: JobStore):
        self.session = session
        self.files = files
        self.jobs = jobs
        files.mkdir(parents=True, exist_ok=True)

    # -- files ---------------------------------------------------------------------------------
    def publish(self, art: Artifact) -> str:
        """The artifact's name in DATA/files (`<sha256><suffix>`), linked in when missing."""
        name = f"{art.sha256}{art.path.suffix.lower()}"
        dest = self.files / name
        if not dest.exists():
            tmp = dest.with_name(f".{name}.{os.getpid()}.tmp")
            try:
                os.link(art.path, tmp)
            except OSError:
                shutil.copyfile(art.path, tmp)
            os.replace(tmp, dest)
        return name

    def artifact(self, sha256: str) -> Artifact | None:
        return self.session.store.get(sha256) if HEX64.match(sha256) else None

    def describe(self, art: Artifact, step: str | None = None, tool: str | None = None,
                 output: str = "main") -> dict[str, Any]:
        row = {"step": step, "tool": tool, "kind": art.kind, "sha256": art.sha256, "mime": art.mime,
               "name": self.publish(art), "url": f"/v1/artifacts/{art.sha256}",
               "size": art.path.stat().st_size}
        if output != "main":
            row["output"] = output
        return row

    # -- plans ---------------------------------------------------------------------------------
    def confine(self, plan: Plan) -> Plan:
        """Media arguments must be references or stored files; bare hashes become file names."""
        problems = []
        for step in plan.steps:
            spec = self.session.registry.get(step.tool)
            if spec is None:
                continue
            for name, value in step.args.items():
                param = spec.param(name)
                if param is None or param.kind is None or param.kind in TEXT_KINDS or value is None:
                    continue
                items = value if isinstance(value, list) else [value]
                fixed = [self._file_arg(step, name, v, problems) for v in items]
                step.args[name] = fixed if isinstance(value, list) else fixed[0]
        if problems:
            raise PlanError(problems)
        return plan

    def _file_arg(self, step: Step, name: str, value: Any, problems: list[str]) -> Any:
        if Ref.parse(value) is not None:
            return value
        text = str(value).strip().lower() if isinstance(value, str) else ""
        if FILE_NAME.match(text) and (self.files / text).is_file():
            return text
        sha = text if HEX64.match(text) else self._stored_path(str(value))
        art = self.artifact(sha) if sha else None
        if art is not None:
            return self.publish(art)
        if isinstance(value, str) and ("/" in value or "\\" in value or "." in value):   # a path on the user's machine
            problems.append(f"{step.id}.{name}: {str(value)[:80]!r} is not a stored file, and the server does not "
                            "read paths on your computer; add it with the upload button (API: POST /v1/uploads)")
        else:
            problems.append(f"{step.id}.{name}: {str(value)[:80]!r} is not a stored file; give a step "
                            "reference like $s1, or the sha256 of an upload (POST /v1/uploads)")
        return value

    def _stored_path(self, value: str) -> str | None:
        """The sha256 of a path to a file in the store's objects (planners with conversation
        context name earlier outputs that way), else None."""
        path = Path(value)
        match = FILE_NAME.match(path.name)
        if not path.is_absolute() or match is None:
            return None
        try:
            path.resolve().relative_to(self.session.store.objects.resolve())
        except (ValueError, OSError):
            return None
        return match.group(1)

    def plan(self, request: str, session_id: str | None = None,
             selection: dict[str, Any] | None = None) -> Plan:
        """A plan for a request: pointing plans for a selection, else the planner's plan, where
        a request that refers back ("make it black and white") uses the session's latest file
        of a kind instead of a step that would make a new one from nothing."""
        if selection is not None:
            return self.pointing_plan(request, selection)
        latest = self.latest_files(session_id) if session_id else {}
        refers = REFERS.search(request) if latest else None
        upload = self._unseen_upload(session_id) if refers and session_id else None
        if refers and upload is not None and _file_for(refers.group(0), latest) == upload:
            # "make it black and white" just after an upload: the upload, which the planner's
            # conversation context (earlier runs only) does not know
            plan = self._planner(request[:refers.start()] + upload + request[refers.end():], session_id)
            plan.request = request
            return plan
        try:
            plan = self._planner(request, session_id)
        except UsageError:
            if refers is None:
                raise
            # "make it black and white" -> "make <latest image> black and white"
            named = request[:refers.start()] + _file_for(refers.group(0), latest) + request[refers.end():]
            plan = self._planner(named, session_id)
            plan.request = request
            return plan
        if refers is None or self._names_files(plan):
            return plan  # the planner found what "it" means (conversation context) or nothing refers back
        return self._reuse(plan, latest, refers.group(0))

    def _unseen_upload(self, session_id: str) -> str | None:
        """The session's newest file when no run of the session made it (an upload), else None."""
        from ..conversation import Conversation

        newest = next((name for kind, name in self.jobs.session_files(session_id)
                       if kind not in TEXT_KINDS and kind != "mask"), None)
        if newest is None:
            return None
        made = {Path(src.ref).name.split(".")[0] for src in Conversation(self.session.store, session_id).context()}
        return None if newest.split(".")[0] in made else newest

    def _names_files(self, plan: Plan) -> bool:
        """True when a step already works on a file (not only on other steps' outputs)."""
        for step in plan.steps:
            spec = self.session.registry.get(step.tool)
            for p in spec.params if spec is not None else ():
                value = step.args.get(p.name)
                items = value if isinstance(value, list) else [value]
                if p.kind not in (None, *TEXT_KINDS) and any(v is not None and Ref.parse(v) is None for v in items):
                    return True
        return False

    def _reuse(self, plan: Plan, latest: dict[str, str], words: str | None = None) -> Plan:
        """Replace the one step that makes from nothing what the request's "it" / "the video"
        points at by the session's latest file of that kind. Other generator steps make new
        things the request asks for ("add rain sounds to it": the sounds are new) and stay."""
        kind = NOUN_KINDS.get(words.lower().split()[-1]) if words else None
        kind = kind or next(iter(latest), None)
        registry = self.session.registry
        for step in plan.steps:
            spec = registry.get(step.tool)
            if spec is None or spec.output != kind or kind not in latest or step.depends_on():
                continue
            if any(p.kind not in (None, *TEXT_KINDS) and p.name in step.args for p in spec.params):
                continue  # it already works on a file
            users = [s for s in plan.steps if step.id in s.depends_on()]
            if not users:
                continue
            for user in users:
                for name, value in user.args.items():
                    if isinstance(value, list):
                        user.args[name] = [latest[kind] if v == f"${step.id}" else v for v in value]
                    elif value == f"${step.id}":
                        user.args[name] = latest[kind]
            plan.steps.remove(step)
            break
        return plan

    def _planner(self, request: str, session_id: str | None) -> Plan:
        plan_fn: Callable[..., Plan] = self.session.plan
        if session_id and "conversation" in inspect.signature(plan_fn).parameters:
            return plan_fn(request, conversation=session_id)
        return plan_fn(request)

    def pointing_plan(self, request: str, selection: dict[str, Any]) -> Plan:
        """'remove it' / 'replace it with a cat' about a clicked point (or a dragged box)."""
        art = self.artifact(str(selection.get("image", "")).lower())
        if art is None or art.kind != "image":
            raise UsageError("the selection's image is not a stored image; give its sha256")
        name = self.publish(art)
        region: dict[str, Any] = {}
        for key, size in (("point", 2), ("box", 4)):
            value = selection.get(key)
            if value is not None:
                if not (isinstance(value, list) and len(value) == size
                        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
                    raise UsageError(f"selection.{key} must be {size} numbers in pixels")
                region[key] = [round(float(v), 1) for v in value]
        if not region:
            raise UsageError("the selection needs a point [x, y] or a box [x0, y0, x1, y1]")
        inpaint: dict[str, Any] = {"image": name, "mask": "$s1"}
        prompt = replacement(request)
        if prompt:
            inpaint["prompt"] = prompt
        return Plan([Step("s1", "image.segment", {"image": name, **region}),
                     Step("s2", "image.inpaint", inpaint)], request)

    def latest_files(self, session_id: str) -> dict[str, str]:
        """The session's most recent file of each media kind: kind -> name, newest first."""
        seen: dict[str, str] = {}
        for kind, name in self.jobs.session_files(session_id):
            if kind not in TEXT_KINDS and kind != "mask":
                seen.setdefault(kind, name)
        return seen

    # -- running -------------------------------------------------------------------------------
    def run(self, plan: Plan, session_id: str | None, on_event: Callable[[Event], None],
            cancel: CancelToken | None = None) -> RunOutcome:
        result = self.session.run(plan, base_dir=self.files, on_event=on_event, conversation=session_id,
                                  cancel=cancel)
        steps: dict[str, dict[str, Any]] = {}
        outputs: list[dict[str, Any]] = []
        for sid, step in result.steps.items():
            steps[sid] = {"status": step.status, "backend": step.backend, "error": step.error,
                          "seconds": round(step.seconds, 3)}
            for name, art in step.outputs.items():
                outputs.append(self.describe(art, sid, step.tool, name))
                if session_id:
                    self.jobs.add_session_file(session_id, art.kind, outputs[-1]["name"])
        from ..check.annotate import annotate

        shown = annotate(self.session, result)  # final or not, notes, check scores (issue 15)
        for row in outputs:
            if row.get("output", "main") == "main":
                row.update(shown.get(row["step"], {}))
        error = result.failed[0].error if result.failed else None
        return RunOutcome(result.ok, steps, outputs, error)


NOUN_KINDS = {"image": "image", "picture": "image", "photo": "image", "drawing": "image", "video": "video",
              "clip": "video", "film": "video", "sound": "audio", "audio": "audio", "recording": "audio",
              "song": "audio", "music": "audio", "track": "audio", "model": "mesh", "mesh": "mesh"}


def _file_for(words: str, latest: dict[str, str]) -> str:
    """The session file a pronoun means: 'the video' -> the latest video, 'it' -> the newest file."""
    kind = NOUN_KINDS.get(words.lower().split()[-1])
    return latest.get(kind or "", next(iter(latest.values())))


def replacement(request: str) -> str | None:
    """What to paint into a selected region: None to remove it, else the words after
    'replace it with' / 'turn it into' (or the whole request)."""
    text = request.strip().rstrip(".!")
    match = REPLACE.search(text)
    if match:
        return match.group(1).strip() or None
    if REMOVE.search(text) or not text:
        return None
    return text
