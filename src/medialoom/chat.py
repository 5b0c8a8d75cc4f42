"""`medialoom chat`: a REPL over the session API. Each line is a request in one conversation;
follow-ups ("make it darker", "now add rain sounds", "use a female voice instead") refer to
what earlier turns made. The conversation lives in the store: `--resume ID` continues it.

Commands: /plan REQUEST (show the plan only), /history, /new, /help, /quit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO, Sequence

from .errors import MedialoomError, PlanError, UsageError

HELP = ("Type a request (\"draw a lighthouse at night\"), then follow-ups (\"make it darker\", "
        "\"now add waves sounds\").\nCommands: /plan REQUEST, /history, /new, /help, /quit")


def build_parser() -> argparse.ArgumentParser:
    from .cli import _Parser  # bad flags are one line and exit 2, like every other command

    p = _Parser(prog="medialoom chat", description="Talk to medialoom, turn by turn.")
    p.add_argument("--out", type=Path, default=Path("out/chat"), help="folder for the outputs")
    p.add_argument("--backend", choices=("offline", "neural", "auto"))
    p.add_argument("--resume", metavar="ID", help="continue an earlier conversation")
    p.add_argument("--seed", type=int, default=0)
    return p


def main(argv: Sequence[str] | None = None, *, session=None, stdin: IO[str] | None = None,
         stdout: IO[str] | None = None) -> int:
    args = build_parser().parse_args(list(argv or []))
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    if session is None:
        from .session import Session

        session = Session()
    from .conversation import Conversation, new_id

    chat = Chat(session, args.resume or new_id(), args, stdout)
    if args.resume and not Conversation(session.store, args.resume).turns():
        raise UsageError(f"no conversation {args.resume} in the store; start a new one without --resume")
    chat.say(f"medialoom chat (conversation {chat.conversation}); /help for help, /quit to leave")
    while True:
        if stdin.isatty():
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            return 0
        if chat.handle(line.strip()) is False:
            return 0


class Chat:
    def __init__(self, session, conversation: str, args: argparse.Namespace, stdout: IO[str]):
        self.session = session
        self.conversation = conversation
        self.args = args
        self.stdout = stdout
        self.turn = 0

    def say(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def handle(self, line: str) -> bool:
        """One line; False to stop."""
        if not line:
            return True
        if line in ("/quit", "/exit", "/q"):
            return False
        if line == "/help":
            self.say(HELP)
        elif line == "/new":
            from .conversation import new_id

            self.conversation, self.turn = new_id(), 0
            self.say(f"new conversation {self.conversation}")
        elif line == "/history":
            self.history()
        elif line.startswith("/plan"):
            self.guard(lambda: self.say(self.describe(self.session.plan(line[5:].strip(),
                                                                         conversation=self.conversation))))
        elif line.startswith("/"):
            self.say(f"unknown command {line.split()[0]}; /help lists them")
        else:
            self.guard(lambda: self.request(line))
        return True

    def guard(self, action) -> None:
        try:
            action()
        except MedialoomError as exc:
            for problem in exc.problems if isinstance(exc, PlanError) else [exc.one_line()]:
                self.say(f"medialoom: {problem}")

    def request(self, text: str) -> None:
        plan = self.session.plan(text, conversation=self.conversation, files_from=Path.cwd())
        for note in plan.notes:
            self.say(f"({note})")
        out = self.args.out / f"{self.conversation}-{self.turn + 1:02d}"
        result = self.session.run(plan, out=out, backend=self.args.backend, seed=self.args.seed,
                                  conversation=self.conversation)
        self.turn += 1  # a turn refused before running (a missing file) takes no folder number
        self.say(self.session.answer(result))
        from .check.annotate import annotate

        for step_id, shown in annotate(self.session, result).items():  # how each output matches its prompt
            if "check" in shown:
                self.say(f"{step_id} {shown['check']['summary']}")

    def describe(self, plan) -> str:
        lines = [f"{s.id} {s.tool} {s.args}" for s in plan.steps]
        left = [f"(left out '{x['words']}': {x['reason']})" for x in plan.left_out]
        return "\n".join(lines + [f"({n})" for n in plan.notes] + left)

    def history(self) -> None:
        from .conversation import Conversation

        turns = Conversation(self.session.store, self.conversation).turns()
        if not turns:
            self.say("nothing yet in this conversation")
        for i, turn in enumerate(turns, 1):
            made = ", ".join(f"{s.kind} {s.ref}" for s in turn.outputs[-2:]) or "nothing"
            self.say(f"{i}. {turn.request!r} ({turn.status}): {made}")
