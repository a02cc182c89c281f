"""Precision and recall of the themes against hand labels (tests/fixtures/theme-labels.yml).

Each labelled set is read where it lies, through the project's own reader, and each article analysed with the
themes.yml under test, as the build does; then every labelled paragraph is compared with the themes it got.
Used by `make eval` (scripts/eval.py) and by tests/test_theme_labels.py.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.analyse import analyse
from briefing.config import load_config
from briefing.reader import read_seeds
from briefing.themes import ThemeMatcher

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "fixtures" / "theme-labels.yml"


def text_key(paragraph: str) -> str:
    """How the labels name a paragraph of a saved page: a hash of its letters and digits, lowercased."""
    return hashlib.sha1(re.sub(r"[^\w]", "", paragraph.lower()).encode()).hexdigest()[:10]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: "Tally") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class Report:
    # (set, theme) → counts over the set's labelled paragraphs
    tallies: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    # (set, file, paragraph, theme, "missed" or "wrong: <rules>") for every disagreement
    misses: list[tuple[str, str, int, str, str]] = field(default_factory=list)
    paragraphs: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # set → paragraphs scored
    notes: list[str] = field(default_factory=list)  # sets or files that could not be scored, and why
    card_themes: tuple[str, ...] = ()

    def total(self, themes, sets=None) -> Tally:
        out = Tally()
        for (name, theme), tally in self.tallies.items():
            if theme in themes and (sets is None or name in sets):
                out.add(tally)
        return out


def score(seed_dir: Path = ROOT / "seeds", labels_path: Path = LABELS, dirs: dict[str, Path] | None = None) -> Report:
    """Scores the themes.yml of seed_dir on every set of the labels whose folder exists (dirs overrides them)."""
    labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    config, errors = load_config(seed_dir)
    if errors:
        raise ValueError("\n".join(errors))
    matcher = ThemeMatcher(config.themes)
    report = Report(card_themes=tuple(labels["card_themes"]))
    for name, spec in labels["sets"].items():
        folder = (dirs or {}).get(name) or (ROOT / spec["dir"]).resolve()
        if not folder.is_dir():
            report.notes.append(f"{name}: {folder} not found; not scored")
            continue
        sources, _ = read_seeds(folder)
        by_stem = {Path(s.name).stem: s for s in sources}
        themes = list(spec["themes"])
        unread: list[str] = []
        for file, expected in spec["files"].items():
            source = by_stem.get(Path(file).stem)
            if source is None:
                unread.append(file)
                continue
            article = analyse(source, config, matcher)
            got = {p.n: set(p.themes) & set(themes) for p in article.paragraphs}
            rules = {(p.n, h.theme): h.rules for p in article.paragraphs for h in p.hits}
            wanted = _expected(expected, article, report, name, file)
            for n, truth in wanted.items():
                report.paragraphs[name] += 1
                for theme in themes:
                    tally = report.tallies[(name, theme)]
                    if theme in truth and theme in got[n]:
                        tally.tp += 1
                    elif theme in got[n]:
                        tally.fp += 1
                        report.misses.append((name, file, n, theme, f"wrong ({', '.join(rules[(n, theme)])})"))
                    elif theme in truth:
                        tally.fn += 1
                        report.misses.append((name, file, n, theme, "missed"))
        if unread:
            kinds = ", ".join(sorted({Path(f).suffix for f in unread}))
            report.notes.append(f"{name}: {len(unread)} of {len(spec['files'])} files not read (the reader takes "
                                f"no {kinds} seeds); not scored")
    return report


def _expected(spec: dict, article, report: Report, name: str, file: str) -> dict[int, set[str]]:
    """paragraph number → labelled themes, for the paragraphs the labels name."""
    if "by_text" in spec:
        numbers = {text_key(p.text): p.n for p in article.paragraphs}
        lost = [key for key in spec["by_text"] if key not in numbers]
        if lost:
            report.notes.append(f"{name}: {file}: {len(lost)} labelled paragraphs not found in the text read")
        return {numbers[key]: set(themes) for key, themes in spec["by_text"].items() if key in numbers}
    if spec["paragraphs"] != len(article.paragraphs):
        report.notes.append(f"{name}: {file}: {len(article.paragraphs)} paragraphs read, {spec['paragraphs']} "
                            f"labelled; not scored")
        return {}
    return {n: set(spec["labels"].get(n, ())) for n in range(1, len(article.paragraphs) + 1)}


def lines(report: Report, show: bool = False) -> list[str]:
    """The report as printed by `make eval`."""
    out = []
    sets = list(dict.fromkeys(name for name, _ in report.tallies))
    themes = list(report.card_themes) + [t for t in dict.fromkeys(t for _, t in report.tallies)
                                         if t not in report.card_themes]
    out.append(f"{'theme':<26} {'set':<14} {'precision':>9} {'recall':>7}   tp  fp  fn")
    for theme in themes:
        for name in sets + ["all sets"]:
            tally = report.total({theme}, None if name == "all sets" else {name})
            if (name, theme) in report.tallies or name == "all sets":
                precision = f"{tally.precision:.2f}" if tally.tp + tally.fp else "-"  # nothing taken
                recall = f"{tally.recall:.2f}" if tally.tp + tally.fn else "-"  # nothing to find
                out.append(f"{theme:<26} {name:<14} {precision:>9} {recall:>7} "
                           f"{tally.tp:>4} {tally.fp:>3} {tally.fn:>3}")
    card = report.total(set(report.card_themes))
    out.append(f"the three card themes together ({', '.join(report.card_themes)}), every set: "
               f"precision {card.precision:.2f} ({card.tp}/{card.tp + card.fp}), "
               f"recall {card.recall:.2f} ({card.tp}/{card.tp + card.fn})")
    out.append("paragraphs scored: " + ", ".join(f"{name} {n}" for name, n in report.paragraphs.items()))
    out += [f"note: {note}" for note in report.notes]
    if show:
        out += [f"  {name}/{file} ¶{n} {theme}: {what}" for name, file, n, theme, what in report.misses]
    return out
