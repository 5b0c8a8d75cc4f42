"""Multi-turn sessions: follow-ups refer to earlier outputs (kept in the store), revisions
re-run the previous plan with new arguments, answers name only files that exist, and the
`medialoom chat` REPL drives it all."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from medialoom.conversation import Conversation
from medialoom.errors import UsageError
from medialoom.session import Session

import conversation_tools


@pytest.fixture
def session(config):
    quiet = replace(config, safety={k: False for k in config.safety})
    s = Session(quiet, registry=conversation_tools.registry())
    yield s
    s.store.close()


def mean(path) -> float:
    return float(np.asarray(Image.open(path).convert("RGB"), dtype=np.float32).mean())


def turn(session: Session, text: str, conversation: str, out):
    plan = session.plan(text, conversation=conversation)
    return plan, session.run(plan, out=out, conversation=conversation)


def test_follow_ups_refer_to_earlier_outputs(session, tmp_path):
    plan1, first = turn(session, "draw a red square", "c1", tmp_path / "t1")
    red = first.steps["s1"].outputs["main"]
    plan2, second = turn(session, "make it darker", "c1", tmp_path / "t2")
    assert [(s.tool, s.args["image"]) for s in plan2.steps] == [("image.edit", str(red.path))]
    darker = second.steps["s1"].outputs["main"]
    assert mean(darker.path) < 0.6 * mean(red.path)
    assert red.sha256 in darker.meta["parents"]
    turns = Conversation(session.store, "c1").turns()
    assert [t.request for t in turns] == ["draw a red square", "make it darker"]
    with pytest.raises(UsageError, match="nothing before it"):
        session.plan("make it darker", conversation="another")


def test_revision_changes_the_previous_plan(session, tmp_path):
    _, first = turn(session, "read 'the museum opens at nine' aloud", "c2", tmp_path / "t1")
    assert conversation_tools.pitch(first.steps["s1"].outputs["main"].path) == pytest.approx(330, abs=5)
    plan, second = turn(session, "use a female voice instead", "c2", tmp_path / "t2")
    assert plan.steps[0].args == {"text": "the museum opens at nine", "voice": "female"}
    assert "revised the previous plan" in plan.notes[0]
    assert conversation_tools.pitch(second.steps["s1"].outputs["main"].path) == pytest.approx(440, abs=5)


def test_answers_name_only_files_that_exist(session, tmp_path):
    _, result = turn(session, "draw a blue square, then make it brighter", "c3", tmp_path / "out")
    answer = session.answer(result)
    final = tmp_path / "out" / "s2-image-edit.png"
    assert answer.splitlines()[0] == f"Made an image: {final} (2 steps)."
    named = [line.split(": ", 1)[1] for line in answer.splitlines()[1:]]
    assert all(Path(p).is_file() for p in named) and len(named) == 2
    final.unlink()
    result.steps["s2"].outputs["main"].path.unlink()
    answer = session.answer(result)
    assert str(final) not in answer and "s2-image-edit" not in answer


def test_chat_repl(session, tmp_path):
    from medialoom import chat

    lines = "draw a green square\nmake it darker\n/history\nturn it into a 3D model\n/quit\n"
    out = io.StringIO()
    code = chat.main(["--out", str(tmp_path / "chat")], session=session, stdin=io.StringIO(lines), stdout=out)
    text = out.getvalue()
    assert code == 0
    made = [line for line in text.splitlines() if line.startswith("Made an image: ")]
    assert len(made) == 2
    paths = [line.split(": ", 1)[1].rsplit(" (", 1)[0] for line in made]
    assert all(Path(p).is_file() for p in paths)
    assert mean(paths[1]) < 0.6 * mean(paths[0])
    assert "medialoom: cannot turn an image into a 3D model" in text   # one line, and the chat goes on
    assert "1. 'draw a green square' (succeeded)" in text and "2. 'make it darker' (succeeded)" in text


def test_chat_bad_lines_are_one_line_each(session, tmp_path):
    from medialoom import chat

    lines = "\n".join(["", "draw a cat " * 500, "make missing.png brighter", "make it darker", "???",
                       "draw a blue square", "/quit"]) + "\n"
    out = io.StringIO()
    assert chat.main(["--out", str(tmp_path / "chat")], session=session, stdin=io.StringIO(lines), stdout=out) == 0
    text = out.getvalue().splitlines()
    errors = [line for line in text if line.startswith("medialoom: ")]
    assert len(errors) == 4 and all("Traceback" not in line for line in text)
    assert "characters; keep it under" in errors[0] and "missing.png does not exist" in errors[1]
    assert "nothing before it" in errors[2] and "could not plan" in errors[3]
    made = [line.split(": ", 1)[1].rsplit(" (", 1)[0] for line in text if line.startswith("Made an image: ")]
    assert len(made) == 1 and Path(made[0]).is_file() and made[0].split("/")[-2].endswith("-01")
