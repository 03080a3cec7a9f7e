"""The XSS corpus in ``tests/data/xss/``: one payload a line, one file per family."""

from dataclasses import dataclass
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "xss"
# Control characters are written as their Unicode pictures in the files.
PICTURES = {"␀": "\x00", "␉": "\t", "␊": "\n", "␋": "\x0b", "␌": "\x0c", "␍": "\r"}


@dataclass(frozen=True)
class Payload:
    family: str
    number: int
    text: str

    @property
    def id(self) -> str:
        return f"{self.family}-{self.number:02d}"


def load() -> list[Payload]:
    payloads = []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
        for number, line in enumerate(lines, start=1):
            for picture, char in PICTURES.items():
                line = line.replace(picture, char)
            payloads.append(Payload(family=path.stem, number=number, text=line))
    return payloads


PAYLOADS = load()


def params(payloads=PAYLOADS):
    """``payloads`` as pytest parameters named after their family and line."""
    return [pytest.param(p, id=p.id) for p in payloads]


def sample(per_family: int = 3) -> list[Payload]:
    """The first ``per_family`` payloads of each family: what goes through every field."""
    seen: dict[str, int] = {}
    chosen = []
    for payload in PAYLOADS:
        if seen.get(payload.family, 0) < per_family:
            chosen.append(payload)
            seen[payload.family] = seen.get(payload.family, 0) + 1
    return chosen
