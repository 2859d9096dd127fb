#!/usr/bin/env python3
"""Regenerates world_first_names.txt and world_surnames.txt: given names and
surnames of many countries that the 1990 US census lists lack ("katarzyna",
"zainab", "adeyemi", "lindqvist"), from the person providers of the PyPI
package Faker (MIT licence), accents folded, Latin script only.

Only names that no other list knows are kept, so none of them can turn an
ordinary word into a name: not a census name (first_names.txt,
surnames.txt), not an English, larger-dictionary or Spanish word
(ordinary_words.txt, known_words.txt, spanish_words.txt), not a drug, at
least four letters, and not a dictionary word of five letters or more with
one letter dropped, added or two swapped ("rabit", "polic": typos a
message may hold).

    pip download --no-deps -d /tmp/faker faker==40.54.0
    unzip -q -o /tmp/faker/faker-40.54.0-py3-none-any.whl -d /tmp/faker/x
    python3 make_world_names.py /tmp/faker/x
"""
import importlib
import os
import sys
import unicodedata

FAKER_LICENCE = """Copyright (c) 2012 Daniele Faraglia

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE."""

HEADER = (
    "# %s of many countries, lowercase, accents folded, that no other list here has.\n"
    "# Made by make_world_names.py from the person providers of Faker 40.54.0, MIT licence:\n"
    + "".join("# " + line + "\n" if line else "#\n" for line in FAKER_LICENCE.splitlines())
)


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def words_of(path):
    with open(path, encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def names(provider, kind):
    out = set()
    for attr in dir(provider):
        if not attr.startswith(kind) and not (kind in attr and "romanized" in attr):
            continue
        value = getattr(provider, attr, None)
        if isinstance(value, dict):
            value = list(value)
        if not isinstance(value, (list, tuple, set, frozenset)):
            continue
        for name in value:
            if isinstance(name, str):
                for part in name.replace("-", " ").split():
                    folded = fold(part)
                    if folded.isascii() and folded.isalpha():
                        out.add(folded)
    return out


def main(faker_root):
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, faker_root)
    lists = [os.path.join(here, f) for f in
             ("ordinary_words.txt", "known_words.txt", "spanish_words.txt", "drug_names.txt",
              "first_names.txt", "surnames.txt")]
    taken = set().union(*(words_of(p) for p in lists))
    common = {w for w in words_of(os.path.join(here, "ordinary_words.txt")) if len(w) >= 5}
    dropped = {w[:i] + w[i + 1:] for w in common for i in range(len(w))}

    def typo_of_word(n):
        return (n in dropped
                or any(n[:i] + n[i + 1:] in common for i in range(len(n)))
                or any(n[:i] + n[i + 1] + n[i] + n[i + 2:] in common for i in range(len(n) - 1)))

    first, last = set(), set()
    folder = os.path.join(faker_root, "faker", "providers", "person")
    for locale in sorted(os.listdir(folder)):
        if locale.startswith("_") or not os.path.isdir(os.path.join(folder, locale)):
            continue
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        first |= names(provider, "first_names")
        last |= names(provider, "last_names")
    for kind, found, out in (("Given names", first, "world_first_names.txt"),
                             ("Surnames", last, "world_surnames.txt")):
        kept = sorted(n for n in found if len(n) >= 4 and n not in taken and not typo_of_word(n))
        with open(os.path.join(here, out), "w", encoding="utf-8") as f:
            f.write(HEADER % kind)
            f.write("".join(n + "\n" for n in kept))
        print(out, len(kept))


if __name__ == "__main__":
    main(sys.argv[1])
