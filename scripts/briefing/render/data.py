"""corpus.json: everything extracted, as data (the fields of corpus.schema.json)."""

from __future__ import annotations

import json
from typing import Callable

from ..model import INFERRED_METHODS, Site


def corpus_json(site: Site, encoded: dict | None = None) -> str:
    """Everything extracted, as data: the fields of corpus.schema.json.

    encoded: a dict kept between the builds of a warm generator, of the entries encoded last time (articles,
    quotes, mentions), so that only the changed ones are encoded again."""
    known = dict(encoded or {})
    fresh: dict = {}

    def cached(key, make: Callable[[], object], keep=None) -> str:
        """The entry encoded, by a key made of its values and of objects kept alive with it (their ids)."""
        hit = known.get(key)
        if hit is None:
            hit = (keep, _json(make()))
        fresh[key] = hit
        return hit[1]

    def listed(texts) -> str:
        return "[" + ",".join(texts) + "]"

    def entity(e) -> str:  # its keys in sorted order, as sort_keys writes them
        mentions = listed(cached(("mention", x.article, x.paragraph.n, x.spans), lambda x=x: {
            "article": x.article, "paragraph": x.paragraph.n, "spans": [list(span) for span in x.spans]})
            for x in e.excerpts)
        return f'{{"kind":{_json(e.kind)},"mentions":{mentions},"name":{_json(e.name)},"slug":{_json(e.slug)}}}'

    sections = {
        "articles": listed(cached(("article", id(a)), lambda a=a: {
            "slug": a.slug, "title": a.title, "source": a.source, "published": a.published, "url": a.url,
            "author": a.author, "file": a.source_name,
            "paragraphs": [{"n": p.n, "text": p.text, "themes": list(p.themes)} for p in a.paragraphs],
        }, keep=a) for a in site.articles),
        "themes": _json([
            {"slug": t.theme.slug, "title": t.theme.title, "description": t.theme.description,
             "terms": list(t.theme.terms), "none": list(t.theme.none_of),
             "rules": [{"name": r.name, "any": list(r.any_of), "all": [list(g) for g in r.all_of],
                        "near": [list(g) for g in r.near], "within": r.within, "none": list(r.none_of),
                        "weak": list(r.weak), "min": r.min_terms, "article": r.article} for r in t.theme.rules],
             "paragraphs": [{"article": e.article, "n": e.paragraph.n, "rules": list(e.rules)} for e in t.excerpts]}
            for t in site.themes
        ]),
        "analysts": _json([
            {"slug": a.slug, "name": a.name, "role": a.role, "organisation": a.organisation,
             "appearances": [{"article": x.article, "role": x.role, "organisation": x.organisation}
                             for x in a.appearances]}
            for a in site.analysts
        ]),
        "quotes": listed(cached(("quote", id(q.quote), q.article, q.index, q.speaker, q.themes), lambda q=q: {
            "article": q.article, "index": q.index, "paragraphs": list(q.quote.paragraphs), "text": q.quote.text,
            "speaker": q.speaker, "themes": list(q.themes),
            "attribution": {"method": q.quote.attribution.method, "cue": q.quote.attribution.cue,
                            "inferred": q.quote.attribution.method in INFERRED_METHODS}}, keep=q.quote)
            for q in site.quotes),
        "reported": _json([
            {"article": r.article, "paragraph": r.reported.paragraph, "text": r.reported.text,
             "speaker": r.speaker, "cue": r.reported.cue}
            for a in site.analysts for r in a.reported
        ]),
        "places": listed(entity(e) for e in site.places),
        "people": listed(entity(e) for e in site.people),
    }
    if encoded is not None:
        encoded.clear()
        encoded.update(fresh)
    # The keys in order, as json's sort_keys writes them, each value encoded alone: the same bytes as one dump.
    return "{" + ",".join(f"{_json(key)}:{sections[key]}" for key in sorted(sections)) + "}\n"


def _json(value) -> str:
    # Compact: without indent, json uses its C encoder, five times faster on a large corpus.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
