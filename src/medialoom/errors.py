"""Typed errors. Every user-facing error is one line that says what is wrong and what to do.

    MedialoomError                 exit_code
     ├── UsageError                    2   bad command line or request
     ├── PlanError                     2   a plan that fails validation (one line per problem)
     ├── InputError                    2   a user file or argument that cannot be used
     │    └── OverLimit                2   a step that would cost more than [limits] allows
     ├── BackendUnavailable            2   a missing binary, package or model (says how to get it)
     │    ├── NotBuiltYet              2   a backend that a later release delivers
     │    └── ModelNotFoundError       2   a model id or folder that is not available locally
     ├── ToolError                     1   a tool failed while running
     └── SafetyRefusal                 3   refused by the prompt guard or an output check

Errors are plain text so they can be shown to a person or sent back to an LLM for repair.
"""

from __future__ import annotations


class MedialoomError(Exception):
    """Base of all medialoom errors."""

    exit_code: int = 1

    def one_line(self) -> str:
        """The message on one line (multi-problem errors join with '; ')."""
        return "; ".join(line for line in str(self).splitlines() if line.strip())


class UsageError(MedialoomError):
    exit_code = 2


class PlanError(MedialoomError):
    """A plan that is not valid. `problems` holds one line per problem."""

    exit_code = 2

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class InputError(MedialoomError):
    exit_code = 2


class OverLimit(InputError):
    """A step whose estimated memory or work is past `[limits]` (budget.py): refused before it runs."""


class BackendUnavailable(MedialoomError):
    exit_code = 2


class NotBuiltYet(BackendUnavailable):
    pass


class ModelNotFoundError(BackendUnavailable):
    def __init__(self, model: str, hint: str = ""):
        self.model = model
        msg = f"model '{model}' is not available locally"
        msg += f": {hint}" if hint else (
            f": download it on a machine with internet (hf download {model}) "
            "or pass a local folder with --model TOOL=PATH"
        )
        super().__init__(msg)


class ToolError(MedialoomError):
    exit_code = 1


class SafetyRefusal(MedialoomError):
    exit_code = 3

    def __init__(self, category: str, detail: str = ""):
        self.category = category
        msg = f"refused: {category}"
        super().__init__(f"{msg} ({detail})" if detail else msg)
