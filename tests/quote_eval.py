"""Scores the quote extractor against the hand-annotated articles in tests/fixtures/news/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.attribution import extract
from briefing.reader import parse_seed

NEWS = Path(__file__).parent / "fixtures" / "news"
# A found quote matches a gold quote when it covers most of the gold words and adds little else.
MIN_COVER = 0.8


@dataclass(frozen=True)
class Score:
    gold: int
    found: int
    matched: int
    named: int  # matched gold quotes whose gold speaker is a named person
    right_speaker: int
    problems: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.matched / self.gold

    @property
    def precision(self) -> float:
        return self.matched / self.found

    @property
    def speaker_accuracy(self) -> float:
        return self.right_speaker / self.named


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_article(folder: Path, name: str) -> Score:
    source = parse_seed(f"{name}.txt", (folder / f"{name}.txt").read_bytes())
    gold = yaml.safe_load((folder / f"{name}.gold.yml").read_text(encoding="utf-8"))["quotes"]
    _, quotes, _ = extract(source.paragraphs)
    found = [(part.paragraph, (part.start, part.end), q.speaker) for q in quotes for part in q.parts]
    used, problems = set(), []
    matched = named = right = 0
    for g in gold:
        text = source.paragraphs[g["paragraph"] - 1]
        start = text.index(g["text"])
        span = (start, start + len(g["text"]))
        best = None
        for i, (n, f_span, speaker) in enumerate(found):
            if n != g["paragraph"] or i in used:
                continue
            common = _overlap(span, f_span)
            if common >= MIN_COVER * (span[1] - span[0]) and common >= MIN_COVER * (f_span[1] - f_span[0]):
                best = i
                break
        if best is None:
            problems.append(f"{name} ¶{g['paragraph']}: missed {g['text'][:50]!r}")
            continue
        used.add(best)
        matched += 1
        if g["speaker"]:
            named += 1
            if found[best][2] == g["speaker"]:
                right += 1
            else:
                problems.append(f"{name} ¶{g['paragraph']}: speaker {found[best][2]!r}, want {g['speaker']!r}: "
                                f"{g['text'][:40]!r}")
    for i, (n, f_span, speaker) in enumerate(found):
        if i not in used:
            problems.append(f"{name} ¶{n}: extra {source.paragraphs[n - 1][f_span[0]:f_span[1]][:50]!r} ({speaker})")
    return Score(len(gold), len(found), matched, named, right, tuple(problems))


def score_all(folder: Path = NEWS) -> Score:
    scores = [score_article(folder, p.name[: -len(".gold.yml")]) for p in sorted(folder.glob("*.gold.yml"))]
    return Score(*(sum(getattr(s, f) for s in scores) for f in ("gold", "found", "matched", "named", "right_speaker")),
                 problems=tuple(p for s in scores for p in s.problems))


if __name__ == "__main__":
    import sys

    total = score_all(Path(sys.argv[1]) if len(sys.argv) > 1 else NEWS)
    print("\n".join(total.problems))
    print(f"recall {total.recall:.3f}  precision {total.precision:.3f}  speaker {total.speaker_accuracy:.3f}"
          f"  ({total.matched}/{total.gold} gold, {total.found} found, {total.right_speaker}/{total.named} named)")
