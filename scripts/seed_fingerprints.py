#!/usr/bin/env python3
"""Record fingerprints of the source documents, so tests can prove no page copies them.

    python scripts/seed_fingerprints.py [SEEDS_DIR]   (default ../shared/seeds)

Writes tests/data/seed_fingerprints.txt: one hash per run of 10 words in the sources, folded
as ../shared/tools/overlap.py folds them. Hashes, not text: the repository does not carry the
source documents, yet a clean clone can still check that no page repeats 10 of their words.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

RUN = 10
WORD = re.compile(r"[0-9a-z]+")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "seed_fingerprints.txt"


def words(text: str) -> list[str]:
    """The same folding as overlap.py: case, curly quotes and apostrophes."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("'", "")
    return WORD.findall(text)


def fingerprints(word_list: list[str], size: int = RUN) -> set[str]:
    return {hashlib.sha1(" ".join(word_list[i:i + size]).encode()).hexdigest()[:16]
            for i in range(len(word_list) - size + 1)}


def main() -> int:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"
    files = sorted(seeds.glob("*.txt"))
    if not files:
        print(f"no source documents in {seeds}", file=sys.stderr)
        return 1
    prints: set[str] = set()
    for path in files:
        prints |= fingerprints(words(path.read_text(encoding="utf-8")))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(sorted(prints)) + "\n", encoding="utf-8")
    print(f"{len(prints)} fingerprints of {len(files)} source documents -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
