"""The facade every interface uses (CLI, server, MCP): plan -> check -> execute -> answer."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from .cancel import CancelToken
from .config import Config, load_config
from .errors import UsageError
from .events import EventSink, ignore
from .executor import Executor, RunResult
from .plan import Plan, validate
from .registry import Bound, Registry
from .store import Store


class Session:
    def __init__(self, config: Config | None = None, *, registry: Registry | None = None,
                 store: Store | None = None):
        self.config = config or load_config()
        self.registry = registry or Registry.default()
        self.store = store or Store(self.config.home)
        self._remote: Any = None  # cluster.RayPool once connected
        self.pools: Any = None  # pools.SharedPools: runs share warm workers (share_pools())

    # 1. plan
    def plan(self, request: str, *, conversation: str | None = None, files_from: Path | None = None) -> Plan:
        """Plan a request; in a conversation, words like "it" refer to earlier turns' outputs
        and "... instead" revises the previous plan. With `files_from`, text files the request
        names there ("read notes.txt aloud") are read in as quoted text."""
        from .planner import plan_request

        if files_from is not None and isinstance(request, str) and (read := _inline(request, files_from)) != request:
            plan = self.plan(read, conversation=conversation)
            plan.request = request  # the words asked, not the file's text
            return plan
        self.screen(request)  # `plan` refuses what `run` refuses, before any planning
        context = []
        if conversation:
            from .conversation import Conversation, revise

            talk = Conversation(self.store, conversation)
            previous = talk.last_plan()
            revised = revise(previous, request, self.registry) if previous is not None else None
            if revised is not None:
                validate(revised, self.registry, check_files=False)
                return revised
            context = talk.context()
        plan = plan_request(request, self.registry, self.config, context)
        from .concepts import apply_to_plan  # "my dog Rex on the beach": the concept's photos

        return apply_to_plan(plan, request, self.store, self.registry)

    def screen(self, request: str) -> None:
        """Raise SafetyRefusal when the request's words break the policy (prompt guard on)."""
        from .safety import enabled

        if isinstance(request, str) and enabled(self.config, "prompt_guard", warn=False):
            from .safety.guard import Policy, screen_text

            screen_text(request, Policy.from_section(self.config.sections.get("safety")), where="request")

    # 2. check
    def check(self, plan: Plan, *, base_dir: Path | None = None, backend: str | None = None,
              models: dict[str, str] | None = None) -> dict[str, Bound]:
        """Validate the plan, screen its literal prompts and choose backends; raises before
        anything runs."""
        validate(plan, self.registry, base_dir or Path.cwd())
        from .plan import Ref
        from .safety import screen_args

        for step in plan.steps:
            literal = {k: v for k, v in step.args.items() if Ref.parse(v) is None}
            screen_args(self.registry.spec(step.tool), literal, self.config)
        from .budget import check_plan

        check_plan(plan, self.registry, self.config, base_dir or Path.cwd())  # before anything runs
        return Executor(self.registry, self.store, self.config).bind(plan, backend, models)

    # 3. execute
    def run(self, plan: Plan | str, *, out: Path | None = None, base_dir: Path | None = None,
            backend: str | None = None, models: dict[str, str] | None = None, seed: int = 0,
            on_event: EventSink = ignore, conversation: str | None = None,
            cancel: CancelToken | None = None) -> RunResult:
        if isinstance(plan, str):
            plan = self.plan(plan)
        bound = self.check(plan, base_dir=base_dir, backend=backend, models=models)
        remote = self.remote()  # a cluster that cannot be reached fails here, before any file
        if out is not None:  # after the check: a plan that cannot run creates nothing
            ensure_writable(out)
        executor = Executor(self.registry, self.store, self.config, on_event=on_event, base_seed=seed,
                            cancel=cancel, remote=remote, pools=self.pools)
        try:
            result = executor.run(plan, bound, base_dir=base_dir, run_id=uuid.uuid4().hex[:16],
                                  conversation=conversation)
        finally:
            executor.close()
        from .concepts import remember_run  # image.customize given a name keeps it as a concept

        remember_run(self.store, result)
        if out is not None:
            result.exported = export(result, out)
        return result

    def share_pools(self) -> None:
        """Let every run of this session use one set of worker pools (the server's concurrent
        jobs interleave on warm workers instead of each starting its own)."""
        if self.pools is None:
            from .pools import SharedPools

            self.pools = SharedPools(self.config)

    def remote(self) -> Any:
        """The Ray pool when [cluster] ray_address (or --ray) names a cluster, else None
        (steps run in this process's pools). Connected once, on the first run."""
        from .cluster import CONNECT_LOCK, ray_address

        with CONNECT_LOCK:  # the server's job threads may all start at once
            if self._remote is None and (address := ray_address(self.config)) is not None:
                from .cluster import RayPool

                self._remote = RayPool.connect(address, self.config)
        return self._remote

    # 4. answer
    def answer(self, result: RunResult) -> str:
        """A short answer that names only files that exist: what was delivered first, then
        every step's files (a step whose file is gone is not named)."""
        from .licences import noncommercial_note

        lines = [_headline(result)] if result.steps else []
        for step_id, step in result.steps.items():
            paths = result.exported.get(step_id) or {n: a.path for n, a in step.outputs.items()}
            for name, path in paths.items():
                if Path(path).is_file():
                    label = step.tool + ("" if name == "main" else f" ({name})")
                    made_by = step.outputs[name].meta.get("model") if name in step.outputs else None
                    if step.backend in ("neural", "embedded"):  # which backend and model made it
                        label += f" [{step.backend}{': ' + str(made_by) if made_by else ''}]"
                    if note := noncommercial_note(made_by):
                        label += f" ({note})"
                    lines.append(f"{step_id} {label}: {path}" + (" (cached)" if step.status == "cached" else ""))
            if step.status in ("failed", "skipped"):
                lines.append(f"{step_id} {step.tool} {step.status}: {step.error}")
            lines += _left_out(step_id, step)
        lines += [f"Left out '{item['words']}': {item['reason']}." for item in result.plan.left_out]
        return "\n".join(lines)


LEFT_OUT = {"unknown_sounds": "sounds not made", "unknown_objects": "drawn as labelled placeholders"}


def _left_out(step_id: str, step: Any) -> list[str]:
    """What a step could not make offline, as its output's meta records it."""
    main = step.outputs.get("main")
    if main is None or step.backend != "offline":
        return []
    return [f"{step_id} {step.tool}: {what}: {', '.join(map(str, main.meta[key]))} "
            "(try --backend neural)" for key, what in LEFT_OUT.items() if main.meta.get(key)]


def _headline(result: RunResult) -> str:
    """'Made a video: out/s14-video-add_audio.mp4 (14 steps, 3 cached).' naming existing files only."""
    used = {d for s in result.plan.steps for d in s.depends_on()}
    finals = []
    for step_id, step in result.steps.items():
        if step_id in used or "main" not in step.outputs:
            continue
        path = result.exported.get(step_id, {}).get("main", step.outputs["main"].path)
        if Path(path).is_file():
            finals.append((step.outputs["main"].kind, path))
    counts = f"{len(result.steps)} step{'s' * (len(result.steps) != 1)}"
    if result.cached:
        counts += f", {len(result.cached)} cached"
    failed = [r for r in result.steps.values() if r.status in ("failed", "skipped")]
    if not finals:
        return f"Nothing was made ({counts}; {len(failed)} failed or skipped)."
    made = "; ".join(f"{_a(kind)}: {path}" for kind, path in finals)
    tail = f"; {len(failed)} step{'s' * (len(failed) != 1)} failed or skipped" if failed else ""
    return f"Made {made} ({counts}{tail})."


def _a(kind: str) -> str:
    word = {"mesh": "3D model", "audio": "audio file", "text": "text", "storyboard": "storyboard",
            "motion": "BVH motion"}.get(kind, kind)
    return word if word == "text" else ("an " if word[0] in "aeiou" else "a ") + word


def ensure_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the output folder {folder} ({exc.strerror}); "
                         "choose another with --out") from exc
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"the output folder {folder} is not writable; choose another with --out")


def export(result: RunResult, out: Path) -> dict[str, dict[str, Path]]:
    """Copy every step's outputs into `out` with readable names: s1-image-generate.png. Copies,
    never hard links: editing an exported file must not change the store."""
    exported: dict[str, dict[str, Path]] = {}
    for step_id, step in result.steps.items():
        for name, art in step.outputs.items():
            stem = f"{step_id}-{step.tool.replace('.', '-')}" + ("" if name == "main" else f"-{name}")
            dest = out / f"{stem}{art.path.suffix}"
            _place(art.path, dest)
            exported.setdefault(step_id, {})[name] = dest
    return exported


def _place(src: Path, dest: Path) -> None:
    """Copy (a reflink where the file system has them) through a hidden temp file and a rename;
    a dest that is already this copy (same size and mtime as the store's) is left as it is."""
    source = src.stat()
    try:
        here = dest.stat()
        if here.st_size == source.st_size and here.st_mtime_ns == source.st_mtime_ns and not dest.is_symlink():
            return
    except OSError:
        pass
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        _copy(src, tmp)
        os.chmod(tmp, 0o644)
        os.utime(tmp, ns=(source.st_atime_ns, source.st_mtime_ns))
        os.replace(tmp, dest)
    except OSError as exc:
        raise UsageError(f"cannot write {dest} ({exc.strerror}); choose another folder with --out") from exc
    finally:
        tmp.unlink(missing_ok=True)


def _copy(src: Path, dest: Path) -> None:
    with open(src, "rb") as fin, open(dest, "xb") as fout:
        try:
            import fcntl

            fcntl.ioctl(fout.fileno(), 0x40049409, fin.fileno())  # FICLONE: a reflink (btrfs, XFS)
            return
        except (ImportError, OSError):
            pass
    shutil.copyfile(src, dest)


def describe_outputs(result: RunResult) -> list[dict[str, Any]]:
    """One entry per step output (every step, not only the last), for `run --json`."""
    rows = []
    for step_id, step in result.steps.items():
        for name, art in step.outputs.items():
            path = result.exported.get(step_id, {}).get(name, art.path)
            row = {"step": step_id, "kind": art.kind, "path": str(path), "sha256": art.sha256,
                   "mime": art.mime, "backend": step.backend, "tool": step.tool}
            if name != "main":
                row["output"] = name
            rows.append(row)
    return rows


def _inline(request: str, base: Path) -> str:
    from .planner.textfiles import inline

    return inline(request, base)
