"""Search that understands inflected words: what the build computes for the
browser's search (scripts/sitedata/search_worker.js does the rest there).

Material's search (lunr) stems each word of the index with Snowball: lunr's
own Porter stemmer for English, lunr-languages' lunr.ru for Russian. Snowball
cuts endings, so «торговля», «торговли» and «торговлей» all become «торговл»;
it does not join the forms whose stem itself changes: a fleeting vowel
(«ребёнок», «ребёнка» give «ребенок», «ребенк»), an alternation («обсудить»,
«обсуждение» give «обсуд», «обсужден»). For those the build writes an alias
table, stem -> the stem that stands for all of them, for the words of the
site's Russian pages: pymorphy3 (OpenCorpora's dictionary) lists every form
of each word's lemma, Snowball (the Python port of the very algorithm that
lunr.ru runs; tests/test_search_words.py checks that both agree on the site's
words) stems them, and stems that differ only near their end are joined. The
browser maps every stem through the table, on the index side and on the query
side alike.

pymorphy3 is slow to start and to list forms (about 1 s and 5 ms a word), so
each word's stems (its own first, then those of the other forms of its
lemma) are kept in .cache/search-stems-ru.json; a build looks up only the
words that are new.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import snowballstemmer

CACHE = Path(".cache") / "search-stems-ru.json"
TAG = re.compile(r"<[^>]+>")
# The letters of a word: what search_worker.js's normalise() keeps of a token.
WORD = re.compile(r"[^\W_]+(?:[\u0301\u00ad][^\W_]*)*")
CYRILLIC = re.compile(r"[а-я]")


def normalise(word: str) -> str:
    """As normalise() in search_worker.js: lower case, ё is е, no stress mark nor soft hyphen."""
    return word.lower().replace("ё", "е").replace("\u0301", "").replace("\u00ad", "")


def russian_words(docs: list[dict]) -> set[str]:
    """The normalised Russian words of the search index's documents."""
    words: set[str] = set()
    for doc in docs:
        text = html.unescape(TAG.sub(" ", f"{doc.get('title', '')} {doc.get('text', '')}"))
        words.update(w for w in map(normalise, WORD.findall(text)) if CYRILLIC.search(w))
    return words


def _stems_of_forms(words: list[str], cache: dict[str, list[str]]) -> dict[str, list[str]]:
    """word -> its Snowball stem, then those of the other forms of its lemma
    (from cache, else pymorphy3)."""
    missing = [w for w in words if w not in cache]
    if missing:
        import pymorphy3  # only when there are new words: it takes a second to load

        morph, stemmer = pymorphy3.MorphAnalyzer(), snowballstemmer.stemmer("russian")
        for word in missing:
            parses = morph.parse(word)
            forms = {normalise(form.word) for form in parses[0].lexeme} if parses else set()
            own = stemmer.stemWord(word)
            cache[word] = [own, *sorted(set(stemmer.stemWords(sorted(forms))) - {own})]
    return {w: cache[w] for w in words}


def _shared_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def aliases(families: list[list[str]], seen: set[str] = frozenset()) -> dict[str, str]:
    """stem -> its canonical stem, for the stems of one lemma that differ only
    near their end: their shared start is at least four letters long and at
    most two letters shorter than the shortest («ребенок», «ребенк» ->
    «ребен»; «обсуд», «обсужд», «обсужден» -> «обсу»), or it is a stem of
    three letters, found on the site (seen), and the other at most two letters
    longer («детьм» -> «дет»). The canonical stem is
    that shared start, so that it is the start of every form of the word: the
    prefix search finds them all, and the page opened from a result marks
    them all. Forms of another root in one lemma («дети» of «ребёнок») stay
    apart. A stem that two lemmas would send to different stems is left alone."""
    table: dict[str, set[str]] = {}
    for stems in families:
        clusters: list[tuple[str, list[str]]] = []  # (shared start, members)
        for stem in sorted(set(stems), key=lambda s: (len(s), s)):
            for n, (start, members) in enumerate(clusters):
                shared = _shared_start(stem, start)
                if shared >= max(4, len(members[0]) - 2) or (
                        shared == len(start) == 3 >= len(stem) - 2 and start in seen):
                    clusters[n] = (start[:shared], members + [stem])
                    break
            else:
                clusters.append((stem, [stem]))
        for start, members in clusters:
            for stem in members:
                if stem != start:
                    table.setdefault(stem, set()).add(start)
            # A stem of one or two letters is not a cluster's start («ки» of «Киев»,
            # whose «ев» Snowball takes for an ending): it joins the longer stem.
            if len(start) <= 2 and len(members) == 1:
                longer = [c for c, _ in clusters if len(c) > 2 and c.startswith(start) and len(c) - len(start) <= 2]
                if len(longer) == 1:
                    table.setdefault(start, set()).add(longer[0])
    result = {stem: next(iter(c)) for stem, c in table.items() if len(c) == 1}
    # One step only: a canonical stem is never itself an alias.
    return {stem: c for stem, c in sorted(result.items()) if c not in result}


def russian_aliases(docs: list[dict], root: Path) -> dict[str, str]:
    """The alias table for the words of docs (the Russian search index's documents)."""
    cache_file = root / CACHE
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    size = len(cache)
    families = _stems_of_forms(sorted(russian_words(docs)), cache)
    if len(cache) != size:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cache, ensure_ascii=False, sort_keys=True, indent=0),
                              encoding="utf-8")
    seen = {stems[0] for stems in families.values()}
    return aliases(list(families.values()), seen)
