#!/usr/bin/env python3
"""Regenerates name_words.txt: census names that the dictionaries also list as ordinary
words, but that running English text writes capitalised far more often than in lowercase
("maria", "linda", "peter": names first; "hope", "will", "summer" stay ambiguous).

Source: en_lexeme_prob.json.gz (word-form frequencies, case kept) of the PyPI package
spacy-lookups-data==1.0.5 (MIT licence; see spanish_words.txt for the notice), and the
other lists of this folder (run after make_lexicons.py and make_spanish_words.py).

    python3 make_name_words.py /tmp/spacy-lookups/spacy_lookups_data/data

A name is kept when its capitalised form is at least e^1.5 (about 4.5) times as frequent
as its lowercase form, and it has three letters or more.
"""
import gzip
import json
import os
import sys

MARGIN = 1.5
HERE = os.path.dirname(os.path.abspath(__file__))


def words(name, limit=None):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        out = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    return out[:limit] if limit else out


def main(folder):
    prob = json.load(gzip.open(os.path.join(folder, "en_lexeme_prob.json.gz")))
    names = set(words("first_names.txt")) | set(words("surnames.txt", 5000))
    # Spanish words are left out: English text says nothing of their Spanish use
    # ("dolores", pains).
    ordinary = set(words("ordinary_words.txt")) - set(words("spanish_words.txt"))
    kept = []
    for w in sorted(names & ordinary):
        lower = prob.get(w, -30.0)
        title = prob.get(w.capitalize(), -30.0)
        if len(w) >= 3 and title - lower >= MARGIN:
            kept.append(w)
    with open(os.path.join(HERE, "name_words.txt"), "w", encoding="utf-8") as f:
        f.write("# Census names that are also dictionary words but are written capitalised\n")
        f.write("# far more often than in lowercase (made by make_name_words.py from\n")
        f.write("# spacy-lookups-data 1.0.5 en_lexeme_prob, MIT licence): names first.\n")
        for w in kept:
            f.write(w + "\n")
    print(len(kept), "names")


if __name__ == "__main__":
    main(sys.argv[1])
