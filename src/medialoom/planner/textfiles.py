"""Text files a request names ("read notes.txt aloud"), read in as quoted text.

Only where the caller allows reading files: the CLI and chat read from the folder they run in;
the server never does (its planner sees only the request). A file that is missing, larger than
LIMIT characters or not UTF-8 is left as a name, and the planner says it was left out.
"""

from __future__ import annotations

import re
from pathlib import Path

LIMIT = 3000  # characters: the request as a whole stays under the planner's limit
TEXT_FILE = re.compile(r"(['\"“‘]?)(?<![\w/.~-])((?:~?/)?[\w~./-]*[\w-]\.(?:txt|md))\b(['\"”’]?)", re.I)


def inline(request: str, base: Path) -> str:
    """The request with each readable text file it names replaced by its text in quotes."""
    def swap(m: re.Match) -> str:
        path = Path(m.group(2)).expanduser()
        path = path if path.is_absolute() else base / path
        try:
            if not path.is_file() or path.stat().st_size > 4 * LIMIT:
                return m.group(0)
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return m.group(0)
        text = re.sub(r"\s+", " ", text.replace("“", '"').replace("”", '"')).strip()
        if not text or len(text) > LIMIT:
            return m.group(0)
        return f"“{text}”"

    return TEXT_FILE.sub(swap, request)
