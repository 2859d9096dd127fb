#!/usr/bin/env python3
"""Regenerates spanish_words.txt: ordinary Spanish words (standard library only).

Source: the PyPI package spacy-lookups-data==1.0.5 (MIT licence, notice kept in the
header of the output): es_lexeme_prob.json.gz (word-form frequencies of a Spanish web
corpus, case kept) and es_lemma_lookup.json.gz (the forms of a Spanish morphological
dictionary).

    pip download --no-deps -d /tmp/spacy-lookups spacy-lookups-data==1.0.5
    unzip -q -o /tmp/spacy-lookups/spacy_lookups_data-1.0.5-py2.py3-none-any.whl -d /tmp/spacy-lookups
    python3 make_spanish_words.py /tmp/spacy-lookups/spacy_lookups_data/data

A word is kept when the dictionary has it, it is written in lowercase more often than
capitalised (so "rosa" the colour may stay a word while "María" stays a name), and it is
among the most frequent such words (two-letter words among the 2,000 most frequent). Accents are folded ("médico" -> "medico"), as the
plugin folds words before looking them up.
"""
import gzip
import json
import os
import sys
import unicodedata

KEEP = 30000
# Frequent words that the morphological dictionary leaves out (contractions,
# greetings, interjections).
EXTRA = ("del al hola adios gracias buenos buenas ok pues oiga mande ojala porfa porfavor "
         "nomas ahorita orita malito malita").split()
# "gracias a Dios": a census surname, written capitalised, that is a word
# (given names that are words, "rosa", "pilar", stay names: lowercase names
# are common in Spanish texts).
EXTRA += ["dios"]

MIT = """
MIT License

Copyright (c) 2019 ExplosionAI GmbH

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""
FOLD = str.maketrans("áéíóúüñ", "aeiouun")


def main(folder):
    prob = json.load(gzip.open(os.path.join(folder, "es_lexeme_prob.json.gz")))
    lemma = json.load(gzip.open(os.path.join(folder, "es_lemma_lookup.json.gz")))
    dictionary = set(lemma) | set(lemma.values())
    ranked = []
    for form, p in prob.items():
        if not form.isalpha() or form != form.lower() or len(form) < 2:
            continue
        title = prob.get(form.capitalize(), -99.0)
        if title > p:
            continue
        ranked.append((p, form))
    ranked.sort(reverse=True)
    # The dictionary lacks many adverbs and function words ("ayer", "aquí"):
    # the 3,000 most frequent forms are kept without it.
    ranked = [(p, f) for rank, (p, f) in enumerate(ranked) if rank < 3000 or f in dictionary]
    ranked.sort(reverse=True)
    # Two-letter forms only among the most frequent ("el", "su", not "ji").
    ranked = [(p, f) for rank, (p, f) in enumerate(ranked) if len(f) > 2 or rank < 2000]
    words = sorted({unicodedata.normalize("NFC", f).translate(FOLD) for _, f in ranked[:KEEP]})
    words = sorted(set(w for w in words if w.isascii()) | set(EXTRA))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "spanish_words.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Ordinary Spanish words, accents folded: the most frequent lowercase forms of\n")
        f.write("# spacy-lookups-data 1.0.5 (es_lexeme_prob, es_lemma_lookup). Made by\n")
        f.write("# make_spanish_words.py, plus a few function words and greetings. Licence of the\n")
        f.write("# source (spacy-lookups-data):\n")
        for line in MIT.strip().splitlines():
            f.write(("# " + line).rstrip() + "\n")
        for w in words:
            f.write(w + "\n")
    print(len(words), "words ->", out)


if __name__ == "__main__":
    main(sys.argv[1])
