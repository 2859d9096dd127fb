#!/usr/bin/env python3
"""Build the carewire PHI corpus (issue 10) from the hand-written markup in src/*.txt.

    python3 build_corpus.py          # writes train.jsonl and eval.jsonl, prints counts
    python3 build_corpus.py --check  # builds in memory and validates only

Markup (one message a line):
    [[NAME|Rosa Delgado]]   a PHI span of a Safe Harbor type
    {{DRUG|metformin}}      a hard negative of a kind
    == family-id | category [| voice=V] [| lang=L]   starts a phrasing family
    @voice V / @lang L      defaults for the families that follow in the file
    # ...                   comment

Each hand-written line is a base message. It is written out as is, and with 1-2 variants whose slot
values are re-drawn (same shape) and a writing style applied (case, typos, no punctuation, emoji, SMS
shorthand, no accents). Variants never leave their family. A family goes to eval when the first 8 hex
digits of sha256(family id) mod 100 are below 30, else to train. Standard library only; deterministic.
"""
import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.dont_write_bytecode = True
import variants as V  # noqa: E402

HERE = Path(__file__).resolve().parent
SOURCE = "written for carewire (issue 10), 2026-12"
TYPES = set("NAME DATE AGE PHONE FAX EMAIL SSN MRN MEMBER_ID ACCOUNT ADDRESS CITY ZIP URL IP LICENSE DEVICE VEHICLE OTHER_ID".split())
KINDS = set("TIME DOSAGE DRUG ROOM ORG ORG_PHONE ORG_URL ORG_ADDRESS STATE YEAR AMOUNT LAB_VALUE AGE_UNDER_90 RELATION NAMEWORD".split())
VOICES = set("patient caregiver teen clinician pharmacist lab_callback front_desk second_language_english spanish spanglish".split())
LANGS = {"en", "es", "es-en"}
TOKEN = re.compile(r"\[\[([A-Z_]+)\|([^\]|]+)\]\]|\{\{([A-Z_0-9]+)\|([^}|]+)\}\}")
EVAL_SHARE = 35
STYLES_EN = ["none", "lower", "upper", "nopunct", "typos", "emoji", "sms", "lower+nopunct", "typos+emoji"]
STYLES_ES = STYLES_EN + ["noaccent", "noaccent+lower", "noaccent+nopunct"]
FACILITY_TEXT = ["Oak Valley Health", "(312) 846-2200", "oakvalleyhealth.org", "1400 W Harrison St",
                 "Cedar Ridge Clinic", "1-800-672-4410", "cedarridgeclinic.com", "88 Clinic Dr",
                 "Lakeshore Pediatrics", "617-730-5100", "lakeshorepeds.org", "250 Pond Ave",
                 "Summit Cardiology", "(503) 418-7700", "summitcardio.net", "3181 SW Sam Jackson Pk Rd",
                 "Northgate Family Medicine", "206.744.3000", "northgatefm.org", "9500 Meridian Ave N",
                 "Bluestem Women's Health", "(402) 559-4000", "bluestemwh.com", "4350 Dewey Ave",
                 "Pinecrest Orthopedics", "888-341-2250", "pinecrestortho.com", "700 Medical Pkwy",
                 "Harbor Point Dermatology", "(619) 543-6222", "harborpointderm.com", "200 W Arbor Dr",
                 "St. Brendan Medical Center", "(414) 805-3666", "stbrendanmc.org", "9200 Wisconsin Ave",
                 "Willow Creek Behavioral Health", "1-877-726-4727", "willowcreekbh.org", "55 Fruit St"]


class MarkupError(Exception):
    pass


def parse_sources(paths):
    """Families in file order: {id, category, voice, lang, bases: [(file, line, segments)]}."""
    families, seen = [], {}
    for path in paths:
        voice = lang = None
        fam = None
        for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            where = f"{path.name}:{no}"
            if not line or line.startswith("#"):
                continue
            if line.startswith("@voice "):
                voice = line.split(None, 1)[1].strip()
                continue
            if line.startswith("@lang "):
                lang = line.split(None, 1)[1].strip()
                continue
            if line.startswith("=="):
                parts = [p.strip() for p in line[2:].split("|")]
                opts = dict(p.split("=", 1) for p in parts[2:])
                fam = {"id": parts[0], "category": parts[1], "voice": opts.get("voice", voice),
                       "lang": opts.get("lang", lang), "bases": [], "where": where}
                if fam["id"] in seen:
                    raise MarkupError(f"{where}: family {fam['id']} already at {seen[fam['id']]}")
                if fam["voice"] not in VOICES or fam["lang"] not in LANGS:
                    raise MarkupError(f"{where}: bad voice/lang {fam['voice']}/{fam['lang']}")
                seen[fam["id"]] = where
                families.append(fam)
                continue
            if fam is None:
                raise MarkupError(f"{where}: message before any family header")
            fam["bases"].append((where, parse_line(line, where)))
    return families


def parse_line(line, where):
    """[("text", s) | ("span", TYPE, s) | ("neg", KIND, s)] for one marked-up line."""
    segs, pos = [], 0
    for m in TOKEN.finditer(line):
        if m.start() > pos:
            segs.append(("text", line[pos:m.start()]))
        if m.group(1):
            if m.group(1) not in TYPES:
                raise MarkupError(f"{where}: unknown PHI type {m.group(1)}")
            segs.append(("span", m.group(1), m.group(2)))
        else:
            if m.group(3) not in KINDS:
                raise MarkupError(f"{where}: unknown negative kind {m.group(3)}")
            segs.append(("neg", m.group(3), m.group(4)))
        pos = m.end()
    if pos < len(line):
        segs.append(("text", line[pos:]))
    rest = "".join(s[-1] for s in segs if s[0] == "text")
    if "[[" in rest or "]]" in rest or "{{" in rest or "}}" in rest:
        raise MarkupError(f"{where}: unbalanced markup")
    return segs


def render(segs):
    """Text, spans and negatives of a segment list, offsets as Python string indices."""
    text, spans, negs = "", [], []
    for seg in segs:
        start = len(text)
        text += seg[-1]
        if seg[0] == "span":
            spans.append({"start": start, "end": len(text), "type": seg[1]})
        elif seg[0] == "neg":
            negs.append({"start": start, "end": len(text), "kind": seg[1]})
    return text, spans, negs


def make_variant(rng, segs, lang, style):
    memo, out, before = {}, [], ""
    for seg in segs:
        if seg[0] == "span":
            val = V.redraw(rng, seg[1], seg[2], before, memo, lang)
            out.append(("span", seg[1], val))
        else:
            out.append(seg)
        before = seg[-1]
    for part in style.split("+"):
        styled = []
        for seg in out:
            s = seg[-1]
            if seg[0] == "text" and part in ("nopunct", "typos", "sms"):
                s = V.style_plain(rng, s, part, lang)
            s = V.style_any(s, part)
            styled.append(seg[:-1] + (s,))
        out = styled
        if part == "emoji":
            e = rng.choice(V.EMOJI)
            out = out + [("text", " " + e)] if rng.random() < 0.7 else [("text", e + " ")] + out
    return out


def split_of(family_id):
    return "eval" if int(hashlib.sha256(family_id.encode()).hexdigest()[:8], 16) % 100 < EVAL_SHARE else "train"


def build(families):
    records, texts = [], set()
    for fam in families:
        n = len(fam["bases"])
        styles = STYLES_ES if fam["lang"] != "en" else STYLES_EN
        split = split_of(fam["id"])
        for bi, (where, segs) in enumerate(fam["bases"]):
            rng = random.Random(f"{fam['id']}/{bi}")
            # variants per base, so that a family holds 3..10 messages
            per = 2 if n <= 2 or (n == 3 and bi == 0) else 1
            candidates = [("base", segs)]
            for vi in range(per):
                for _attempt in range(6):
                    style = rng.choice(styles[1:])
                    cand = make_variant(rng, segs, fam["lang"], style)
                    if render(cand)[0] not in texts and render(cand)[0] != render(segs)[0]:
                        break
                candidates.append((f"v{vi + 1}", cand))
            for tag, cand in candidates:
                text, spans, negs = render(cand)
                if text in texts:
                    if tag == "base":
                        raise MarkupError(f"{where}: duplicate base message")
                    continue
                texts.add(text)
                records.append({"id": None, "text": text, "spans": spans, "negatives": negs,
                                "family": fam["id"], "category": fam["category"], "voice": fam["voice"],
                                "language": fam["lang"], "split": split, "source": SOURCE,
                                "_where": where, "_kind": tag})
    for i, r in enumerate(records, 1):
        r["id"] = f"cw10-phi-{i:04d}"
    return records


def validate(records, families):
    errors, warnings = [], []
    ids, fam_split, fam_size = set(), {}, Counter()
    for r in records:
        w = r["_where"]
        if r["id"] in ids:
            errors.append(f"{w}: duplicate id {r['id']}")
        ids.add(r["id"])
        if fam_split.setdefault(r["family"], r["split"]) != r["split"]:
            errors.append(f"{w}: family {r['family']} in two splits")
        fam_size[r["family"]] += 1
        marks = sorted([(s["start"], s["end"], "span") for s in r["spans"]] +
                       [(n["start"], n["end"], "neg") for n in r["negatives"]])
        for (a0, a1, _), (b0, b1, _) in zip(marks, marks[1:]):
            if b0 < a1:
                errors.append(f"{w}: overlapping marks in {r['text']!r}")
        for s in r["spans"]:
            val = r["text"][s["start"]:s["end"]]
            if not val or val != val.strip():
                errors.append(f"{w}: span with edge space {val!r}")
            if s["type"] == "AGE":
                digits = re.sub(r"\D", "", val)
                # "9x", "1xx": an age over 89 its writer masked.
                masked = re.fullmatch(r"9x|1xx|1[0-2]x", val, re.I)
                if digits and int(digits) < 90 and not masked:
                    errors.append(f"{w}: AGE under 90 {val!r}")
            if s["type"] == "DATE" and re.fullmatch(r"\d{4}", val) and int(val) > 1936:
                # Only the birth year of someone over 89 (in 2026) is PHI.
                errors.append(f"{w}: a year alone labelled DATE {val!r}")
            for fac in FACILITY_TEXT if s["type"] not in ("URL", "EMAIL") else []:
                if fac.lower() in val.lower():
                    errors.append(f"{w}: facility data inside a PHI span {val!r}")
        for n in r["negatives"]:
            val = r["text"][n["start"]:n["end"]]
            if n["kind"] == "AGE_UNDER_90" and int(re.sub(r"\D", "", val) or 0) >= 90:
                errors.append(f"{w}: AGE_UNDER_90 of {val!r}")
        if r["_kind"] == "base":
            covered = [(s["start"], s["end"]) for s in r["spans"]] + [(n["start"], n["end"]) for n in r["negatives"]]
            for m in re.finditer(r"\d[\d\-./]{3,}\d", r["text"]):
                if not any(a <= m.start() < b for a, b in covered):
                    warnings.append(f"{w}: unmarked number {m.group()!r}")
            for fac in FACILITY_TEXT:
                i = r["text"].lower().find(fac.lower())
                if i >= 0 and not any(a <= i < b for a, b in covered):
                    warnings.append(f"{w}: unmarked facility text {fac!r}")
    for fam, size in fam_size.items():
        if not 3 <= size <= 10:
            errors.append(f"family {fam} has {size} messages")
    ev = [r for r in records if r["split"] == "eval"]
    combos = {(r["voice"], r["language"]) for r in records}
    for c in combos - {(r["voice"], r["language"]) for r in ev}:
        errors.append(f"voice x language {c} absent from eval")
    for t in TYPES - {s["type"] for r in ev for s in r["spans"]}:
        errors.append(f"PHI type {t} absent from eval")
    return errors, warnings


def report(records, families):
    by = defaultdict(Counter)
    for r in records:
        by["split"][r["split"]] += 1
        by["voice"][r["voice"]] += 1
        by["language"][r["language"]] += 1
        by["voice x split"][f"{r['voice']} {r['split']}"] += 1
        for s in r["spans"]:
            by["PHI type"][s["type"]] += 1
            by["PHI type x split"][f"{s['type']} {r['split']}"] += 1
        for n in r["negatives"]:
            by["negative kind"][n["kind"]] += 1
    bases = sum(len(f["bases"]) for f in families)
    fam_split = Counter(split_of(f["id"]) for f in families)
    lines = [f"messages {len(records)}; hand-written base messages {bases}; families {len(families)} "
             f"(train {fam_split['train']}, eval {fam_split['eval']}); spans {sum(by['PHI type'].values())}; "
             f"negatives {sum(by['negative kind'].values())}"]
    for k, c in by.items():
        lines.append(f"{k}: " + ", ".join(f"{a} {b}" for a, b in sorted(c.items())))
    return "\n".join(lines)


def main():
    families = parse_sources(sorted((HERE / "src").glob("*.txt")))
    records = build(families)
    errors, warnings = validate(records, families)
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(report(records, families))
    if errors:
        sys.exit(1)
    if "--check" in sys.argv:
        return
    for split in ("train", "eval"):
        with open(HERE / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for r in records:
                if r["split"] == split:
                    out = {k: v for k, v in r.items() if not k.startswith("_")}
                    f.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
