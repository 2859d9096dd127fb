#!/usr/bin/env python3
"""Build the urgency-triage corpus of issue 10 from hand-written messages.

Input: ``data/<voice>.txt``, one file per voice. A family starts with a
header line ``= <category> [hard]``; the lines that follow (until the next
header) are hand-written messages of that family: one way of phrasing one
situation, written out several times with other people, numbers, words or
style. ``#`` starts a comment line; blank lines are ignored.

Output: ``train.jsonl`` and ``eval.jsonl`` (split by family, never by
message) and the counts section of ``README.md``.

Each family also gets a few programmatic variants (typos, ALL CAPS, no
punctuation, emoji, texting abbreviations, greetings and sign-offs,
dictation run-ons, Spanish accents stripped), chosen by a random generator
seeded with the family id, so the build is deterministic. Variants stay in
their family and their ``source`` says which base message and which
changes.

Standard library only. ``python3 build_corpus.py`` builds and checks;
``--check`` only checks the files already written.
"""

import argparse
import collections
import hashlib
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SOURCE = "written for carewire (issue 10), 2026-12"

# Voice files are read in this order; ids follow it, so new voices go last.
VOICES = {
    # voice: (file stem, id abbreviation, language)
    "patient": ("pt", "en"),
    "caregiver_infant": ("cgi", "en"),
    "caregiver_elder": ("cge", "en"),
    "clinician": ("cln", "en"),
    "spanish": ("es", "es"),
    "teen": ("teen", "en"),
    "pharmacist": ("rph", "en"),
    "lab_callback": ("lab", "en"),
    "second_language_english": ("l2", "en"),
    "spanglish": ("spg", "es-en"),
}

URGENT = {
    "chest_pain", "stroke", "breathing", "asthma_no_relief", "severe_bleeding",
    "altered_consciousness", "anaphylaxis", "overdose_poisoning", "self_harm",
    "harm_to_others", "pregnancy_emergency", "postpartum_emergency",
    "infant_fever", "sick_infant", "diabetic_emergency", "critical_result",
    "critical_vital", "seizure", "sepsis", "severe_dehydration", "head_injury",
    "surgical_emergency",
}
# Routine categories that carry alarm words or look like an emergency.
ROUTINE_HARD = {
    "negated_symptom", "resolved_episode", "education", "third_party_hypothetical",
    "emergency_med_refill", "mild_symptom", "noncritical_lab", "admin_alarm_word",
    "lookalike_words",
}
ROUTINE_PLAIN = {
    "refill", "scheduling", "billing_insurance", "med_question", "minor_illness",
    "results_request", "admin_forms", "general_message",
}

EVAL_SHARE = 0.30
SPLIT_SALT = "carewire-urgency-split-v1:"


def split_of(family):
    """Eval or train, from the family id alone (stable as the corpus grows)."""
    digest = hashlib.sha256((SPLIT_SALT + family).encode()).hexdigest()
    return "eval" if int(digest[:15], 16) / 16**15 < EVAL_SHARE else "train"


def seed_of(*parts):
    return int(hashlib.sha256("|".join(parts).encode()).hexdigest()[:16], 16)


# ---------------------------------------------------------------- reading


def read_families():
    families = []
    for voice, (abbr, lang) in VOICES.items():
        path = DATA / f"{voice}.txt"
        if not path.exists():
            continue
        counters = collections.Counter()
        current = None
        for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("= "):
                words = line[2:].split()
                category, flags = words[0], set(words[1:])
                if category not in URGENT | ROUTINE_HARD | ROUTINE_PLAIN:
                    sys.exit(f"{path.name}:{lineno}: unknown category {category}")
                if flags - {"hard"}:
                    sys.exit(f"{path.name}:{lineno}: unknown flag {flags - {'hard'}}")
                counters[category] += 1
                fid = f"cw-u-{category.replace('_', '-')}-{abbr}-{counters[category]:02d}"
                label = "urgent" if category in URGENT else "routine"
                hard = category in ROUTINE_HARD or "hard" in flags
                current = {"family": fid, "voice": voice, "language": lang,
                           "category": category, "label": label, "hard": hard,
                           "texts": [], "where": f"{path.name}:{lineno}"}
                families.append(current)
                continue
            if current is None:
                sys.exit(f"{path.name}:{lineno}: message before any family header")
            current["texts"].append(line)
    return families


# ------------------------------------------------------------ augmentation

# Words a typo must never touch: negations and the words that scope them.
PROTECTED = {
    "no", "not", "never", "none", "nothing", "denies", "denied", "without", "dont",
    "don't", "didn't", "didnt", "isn't", "isnt", "wasn't", "wasnt", "hasn't",
    "hasnt", "haven't", "havent", "can't", "cant", "cannot", "won't", "wont",
    "doesn't", "doesnt", "negative", "nunca", "nada", "sin", "tampoco", "niega",
    "ningun", "ningún", "ninguna", "ninguno", "resolved", "gone", "stopped",
    "before", "anymore", "since", "ago", "last", "normal", "fine", "better",
    "antes", "pasado", "ayer", "pasada", "mejor", "normales", "haven", "hasn", "didn",
    "doesn", "wasn", "isn", "couldn", "wouldn", "aren", "weren", "shouldn",
}
# Misspellings that would be another real word (and so change the meaning).
TYPO_BLOCK = {"stoke", "strike", "heat", "hart", "pin", "pils", "bills", "fewer",
              "bleed", "breed", "chess", "cheat", "tired", "tried", "dairy",
              "diary", "form", "from", "sever", "severe", "casual", "causal",
              "untied", "united", "trial", "trail", "angel", "angle", "quite",
              "quiet", "peso", "pero", "pecho", "poco", "caso", "cosa"}
VOWELS = set("aeiouáéíóú")


def typo_word(word, rng):
    """One realistic slip in a word: swap, doubled letter or dropped vowel."""
    chars = list(word)
    ops = ["swap", "double"]
    if any(c1 == c2 or (c1 in VOWELS and c2 in VOWELS) for c1, c2 in zip(word, word[1:])):
        ops.append("drop_pair")
    if len(word) >= 7:
        ops.append("drop")
    op = rng.choice(ops)
    if op == "swap":
        i = rng.randrange(1, len(chars) - 1)
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    elif op == "double":
        i = rng.randrange(1, len(chars))
        chars.insert(i, chars[i])
    elif op == "drop_pair":
        idx = [i for i in range(1, len(word)) if word[i] == word[i - 1]
               or (word[i] in VOWELS and word[i - 1] in VOWELS)]
        del chars[rng.choice(idx)]
    else:
        del chars[rng.randrange(1, len(chars) - 1)]
    out = "".join(chars)
    return None if out.lower() in TYPO_BLOCK or out == word else out


def aug_typo(text, rng, lang):
    spans = [m for m in re.finditer(r"[^\W\d_]+", text)
             if len(m.group()) >= 5 and m.group().lower() not in PROTECTED]
    if not spans:
        return None
    picks = rng.sample(spans, min(len(spans), rng.choice([1, 1, 2])))
    out = text
    for m in sorted(picks, key=lambda m: -m.start()):
        new = typo_word(m.group(), rng)
        if new:
            out = out[:m.start()] + new + out[m.end():]
    return out if out != text else None


def drop_punct(text):
    text = text.replace("’", "'")
    text = re.sub(r"(?<!\d)[.,](?!\d)|[.,](?=\s|$)", "", text)
    text = re.sub(r"(?<!\d):|:(?!\d)|[;!?¿¡\"'()]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def aug_lower(text, rng, lang):
    return drop_punct(text.lower())


def aug_caps(text, rng, lang):
    return text.upper()


def aug_dictation(text, rng, lang):
    joiner = {"en": [" and ", " so ", " and then "], "es": [" y ", " y pues ", " entonces "],
              "es-en": [" y ", " and ", " so "]}[lang]
    parts = [p for p in re.split(r"(?<=[.!?])\s+|\n", text) if p]
    if len(parts) < 2:
        return None
    out = parts[0]
    for p in parts[1:]:
        out = out.rstrip(".!?") + rng.choice(joiner) + p[0].lower() + p[1:]
    return drop_punct(out.lower())


EMOJI = ["🙏", "😭", "😩", "😟", "😬", "🥺", "😓", "🙏🙏", "😕", "❤️", "🤞", "😷", "😣", "😔"]


def aug_emoji(text, rng, lang):
    e = rng.choice(EMOJI)
    if rng.random() < 0.75:
        return text.rstrip() + " " + e
    return e + " " + text


TEXTING_EN = [
    (r"\byou\b", "u"), (r"\byour\b", "ur"), (r"\byou're\b", "ur"), (r"\bplease\b", "pls"),
    (r"\bbecause\b", "bc"), (r"\bare\b", "r"), (r"\bwith\b", "w/"), (r"\btonight\b", "tonite"),
    (r"\bright now\b", "rn"), (r"\bokay\b", "ok"), (r"\bthanks\b", "thx"), (r"\bpeople\b", "ppl"),
    (r"\babout\b", "abt"), (r"\breally\b", "rly"), (r"\bappointment\b", "appt"),
    (r"\bprescription\b", "rx"), (r"\bminutes\b", "mins"), (r"\bhours\b", "hrs"),
    (r"\bsomething\b", "smth"), (r"\bthough\b", "tho"), (r"\bdoctor\b", "dr"),
    (r"\bgoing to\b", "gonna"), (r"\bwant to\b", "wanna"), (r"\bI don't know\b", "idk"),
    (r"\btomorrow\b", "tmrw"), (r"\bbefore\b", "b4"), (r"\bI'm\b", "im"), (r"\bwhat\b", "wat"),
]
TEXTING_ES = [
    (r"\bque\b", "q"), (r"\bqué\b", "q"), (r"\bporque\b", "xq"), (r"\bpor qué\b", "xq"),
    (r"\bpor favor\b", "porfa"), (r"\bpor favor\b", "xfa"), (r"\btambién\b", "tb"),
    (r"\bpara\b", "pa"), (r"\bdoctora\b", "dra"), (r"\bdoctor\b", "dr"), (r"\bmucho\b", "mxo"),
    (r"\bestá\b", "ta"), (r"\bbueno\b", "bno"), (r"\bsaludos\b", "slds"), (r"\bmamá\b", "ma"),
]


def _texting(text, rng, table):
    hits = [(p, r) for p, r in table if re.search(p, text, flags=re.I)]
    if not hits:
        return None
    out = text
    for p, r in rng.sample(hits, max(1, int(len(hits) * rng.uniform(0.5, 1.0)))):
        out = re.sub(p, r, out, flags=re.I)
    return out if out != text else None


def aug_texting(text, rng, lang):
    if lang == "es":
        return _texting(text, rng, TEXTING_ES)
    if lang == "es-en":
        return _texting(text, rng, TEXTING_ES + TEXTING_EN)
    return _texting(text, rng, TEXTING_EN)


GREETINGS = {
    "en": ["hi", "hello", "hey", "hi dr", "good morning", "sorry to bother you", "quick question",
           "hello nurse", "hi there", "hey doc", "good evening", "hello this is me again"],
    "es": ["hola", "buenas tardes", "buenos días", "disculpe", "hola doctora", "buenas noches",
           "hola buenas", "perdón la molestia", "oiga", "hola doctor"],
    "clinician": ["FYI", "pls review", "heads up", "per triage", "msg from RN", "update:"],
    "pharmacist": ["Hi, pharmacy here", "This is the pharmacist", "pharmacy callback",
                   "Hello from the outpatient pharmacy", "Rx team msg"],
    "lab_callback": ["Lab calling back", "This is the lab", "Hi, core lab here",
                     "Message from reference lab", "Lab results line"],
}
SIGNOFFS = {
    "en": ["thanks", "thank you", "thx", "Sent from my iPhone", "sent from my phone",
           "please let me know", "thanks in advance", "ty"],
    "es": ["gracias", "muchas gracias", "bendiciones", "Enviado desde mi iPhone", "saludos",
           "gracias de antemano", "quedo atenta", "Dios le bendiga"],
    "clinician": ["thx", "pls advise", "- RN", "will f/u", "ty"],
    "pharmacist": ["please advise", "thank you", "pls call the pharmacy back", "thanks, RPh"],
    "lab_callback": ["thank you", "please acknowledge", "reply to confirm receipt"],
}


def _pool(table, voice, lang):
    if voice in table:
        return table[voice]
    if lang == "es-en":
        return table["es"] + table["en"]
    return table["es"] if lang == "es" else table["en"]


GREETED = re.compile(r"^\W*(hi|hello|hey|hola|buen[oa]s|good (morning|evening)|oiga|disculpe|"
                     r"perd[oó]n|sorry|quick question|fyi|update|lab|this is|message)\b", re.I)
THANKED = re.compile(r"(thank|thanks|thx|ty|gracias|saludos|bendicion|bendiga)\W*$", re.I)


def aug_greeting(text, rng, lang, voice):
    if GREETED.search(text):
        return None
    g = rng.choice(_pool(GREETINGS, voice, lang))
    return f"{g}{rng.choice([', ', ' ', ' - ', '. '])}{text}"


def aug_signoff(text, rng, lang, voice):
    if THANKED.search(text):
        return None
    s = rng.choice(_pool(SIGNOFFS, voice, lang))
    if s.startswith(("Sent", "sent", "Enviado")):
        return f"{text.rstrip()}\n\n{s}"
    sep = " " if text.rstrip()[-1:] in ".!?" else rng.choice([". ", " ", ", "])
    return f"{text.rstrip()}{sep}{s}"


def aug_accents(text, rng, lang):
    out = unicodedata.normalize("NFD", text)
    out = "".join(c for c in out if unicodedata.category(c) != "Mn")
    out = unicodedata.normalize("NFC", out)
    if rng.random() < 0.6:
        out = out.replace("¿", "").replace("¡", "")
    return out if out != text else None


AUGMENTS = {
    "typo": (aug_typo, "typos"),
    "lower": (aug_lower, "lowercase, punctuation dropped"),
    "caps": (aug_caps, "ALL CAPS"),
    "dictation": (aug_dictation, "dictation-style run-on"),
    "emoji": (aug_emoji, "emoji added"),
    "texting": (aug_texting, "texting abbreviations"),
    "greeting": (aug_greeting, "greeting added"),
    "signoff": (aug_signoff, "sign-off added"),
    "accents": (aug_accents, "accents stripped"),
}
WEIGHTS = {
    "en": {"typo": 4, "lower": 3, "caps": 1, "dictation": 1, "emoji": 2, "texting": 3,
           "greeting": 2, "signoff": 2},
    "es": {"typo": 3, "lower": 3, "caps": 1, "dictation": 1, "emoji": 2, "texting": 2,
           "greeting": 2, "signoff": 2, "accents": 5},
    "es-en": {"typo": 3, "lower": 3, "caps": 1, "dictation": 1, "emoji": 2, "texting": 3,
              "greeting": 2, "signoff": 2, "accents": 3},
}
# Staff do not send emoji in clinical notes; lab callbacks are often voicemail transcripts.
VOICE_WEIGHTS = {
    "clinician": {"typo": 4, "lower": 2, "caps": 1, "texting": 1, "greeting": 2, "signoff": 2},
    "pharmacist": {"typo": 4, "lower": 2, "caps": 1, "texting": 1, "greeting": 2, "signoff": 2},
    "lab_callback": {"typo": 4, "lower": 2, "caps": 1, "dictation": 2, "greeting": 2,
                     "signoff": 2},
}
ORDER = ["greeting", "signoff", "texting", "typo", "accents", "dictation", "lower", "emoji", "caps"]


def apply_ops(text, ops, rng, lang, voice):
    for op in sorted(ops, key=ORDER.index):
        fn = AUGMENTS[op][0]
        out = fn(text, rng, lang, voice) if op in ("greeting", "signoff") else fn(text, rng, lang)
        if not out:
            return None
        text = out
    return text


def augment(fam, seen):
    """Programmatic variants of a family's hand-written messages."""
    lang, voice = fam["language"], fam["voice"]
    rng = random.Random(seed_of("augment", fam["family"]))
    # Routine families get one variant more on average: the corpus is ~40 % urgent.
    n_extra = rng.choice([2, 3, 3, 4] if fam["label"] == "urgent" else [3, 4, 4, 5])
    n_extra = max(3 - len(fam["texts"]), min(n_extra, 15 - len(fam["texts"])))
    names, weights = zip(*VOICE_WEIGHTS.get(voice, WEIGHTS[lang]).items())
    out = []
    attempts = 0
    while len(out) < n_extra and attempts < 60:
        attempts += 1
        base_i = (len(out) + attempts) % len(fam["texts"])
        ops = set(rng.choices(names, weights, k=rng.choice([1, 2, 2])))
        if "caps" in ops:
            ops -= {"lower", "dictation"}
        if len(fam["texts"][base_i]) > 240 and "caps" in ops:
            ops.discard("caps")
        if not ops:
            continue
        new = apply_ops(fam["texts"][base_i], ops, rng, lang, voice)
        if not new or new in seen:
            continue
        seen.add(new)
        what = "; ".join(AUGMENTS[o][1] for o in sorted(ops, key=ORDER.index))
        out.append((base_i, new, what))
    return out


# ------------------------------------------------------------------ build


def build(families):
    records = []
    seen = set()
    for fam in families:
        for t in fam["texts"]:
            if t in seen:
                sys.exit(f"{fam['where']}: duplicate hand-written message: {t[:60]}")
            seen.add(t)
    n = 0
    for fam in families:
        split = split_of(fam["family"])
        base_ids = []
        common = {k: fam[k] for k in ("label", "category", "hard", "family")}
        for t in fam["texts"]:
            n += 1
            rid = f"cw-u-{n:05d}"
            base_ids.append(rid)
            records.append({"id": rid, "text": t, **common, "phrasing": fam["family"],
                            "voice": fam["voice"], "language": fam["language"],
                            "split": split, "source": SOURCE})
        for base_i, t, what in augment(fam, seen):
            n += 1
            records.append({"id": f"cw-u-{n:05d}", "text": t, **common,
                            "phrasing": fam["family"], "voice": fam["voice"],
                            "language": fam["language"], "split": split,
                            "source": f"augmented from {base_ids[base_i]}: {what}"})
    return records


# ------------------------------------------------------------------ check

FIELDS = ["id", "text", "label", "category", "hard", "family", "phrasing", "voice",
          "language", "split", "source"]


def norm(text):
    text = unicodedata.normalize("NFD", text.lower())
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in text if unicodedata.category(c) != "Mn")).strip()


def check(records, final):
    """Validate the corpus; returns a list of problems (empty when fine)."""
    problems = []
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    fam_split, fam_norm = {}, {}
    for r in records:
        if list(r) != FIELDS:
            problems.append(f"{r['id']}: fields {list(r)}")
        if r["label"] not in ("urgent", "routine"):
            problems.append(f"{r['id']}: label {r['label']}")
        want = "urgent" if r["category"] in URGENT else "routine"
        if r["label"] != want:
            problems.append(f"{r['id']}: label {r['label']} for category {r['category']}")
        if r["phrasing"] != r["family"]:
            problems.append(f"{r['id']}: phrasing differs from family")
        if r["language"] != VOICES[r["voice"]][1]:
            problems.append(f"{r['id']}: language {r['language']} for voice {r['voice']}")
        if r["split"] != split_of(r["family"]):
            problems.append(f"{r['id']}: split is not the family's")
        if fam_split.setdefault(r["family"], r["split"]) != r["split"]:
            problems.append(f"family {r['family']} in both splits")
        owner = fam_norm.setdefault(norm(r["text"]), r["family"])
        if owner != r["family"]:
            problems.append(f"{r['id']}: same text as a message of {owner}")
        if not r["text"].strip():
            problems.append(f"{r['id']}: empty text")
    sizes = collections.Counter(r["family"] for r in records)
    for fam, size in sizes.items():
        if not 3 <= size <= 15:
            problems.append(f"family {fam} has {size} messages (want 3-15)")
    if not final:
        return problems
    urgent = [r for r in records if r["label"] == "urgent"]
    routine = [r for r in records if r["label"] == "routine"]
    written = [r for r in records if r["source"] == SOURCE]
    hard_routine = [r for r in routine if r["hard"]]
    want = [
        (len(records) >= 3000, f"{len(records)} messages (want >= 3000)"),
        (len(written) >= 1200, f"{len(written)} hand-written messages (want >= 1200)"),
        (len(sizes) >= 400, f"{len(sizes)} families (want >= 400)"),
        (0.35 <= len(urgent) / len(records) <= 0.45, "urgent share outside 35-45 %"),
        (len(hard_routine) >= 0.25 * len(routine), "hard routine under 25 % of routine"),
    ]
    problems += [msg for ok, msg in want if not ok]
    by_voice = collections.defaultdict(list)
    for r in records:
        by_voice[r["voice"]].append(r)
    for voice, rs in by_voice.items():
        kinds = {(r["label"], r["hard"]) for r in rs}
        for k in [("urgent", False), ("routine", False), ("routine", True)]:
            if k not in kinds:
                problems.append(f"voice {voice} has no {k} messages")
        eval_fams = {r["family"] for r in rs if r["split"] == "eval"}
        fams = {r["family"] for r in rs}
        share = len(eval_fams) / len(fams)
        if not 0.2 <= share <= 0.4:
            problems.append(f"voice {voice}: eval share of families {share:.2f}")
        for label in ("urgent", "routine"):
            if not any(r["split"] == "eval" and r["label"] == label for r in rs):
                problems.append(f"voice {voice} has no {label} eval family")
        if not any(r["split"] == "eval" and r["label"] == "routine" and r["hard"] for r in rs):
            problems.append(f"voice {voice} has no hard routine eval family")
    for cat in sorted(URGENT | ROUTINE_HARD):
        rs = [r for r in records if r["category"] == cat]
        if not any(r["split"] == "eval" for r in rs):
            problems.append(f"category {cat} has no eval family")
        if not any(r["split"] == "train" for r in rs):
            problems.append(f"category {cat} has no train family")
    return problems


def dev_overlap(records, dev_path, n=7):
    """Ids of messages sharing an n-word sequence with the dev corpus (no dev text shown).

    Six words already match generic phrases ("how do i know if my"); seven do not.
    """
    grams = set()
    with open(dev_path, encoding="utf-8") as fh:
        for line in fh:
            words = norm(json.loads(line)["text"]).split()
            grams.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    hits = []
    for r in records:
        words = norm(r["text"]).split()
        if any(tuple(words[i:i + n]) in grams for i in range(len(words) - n + 1)):
            hits.append(r["id"])
    return hits


# ---------------------------------------------------------------- counts


def table(title, counter_rows, cols):
    lines = [f"| {title} | " + " | ".join(cols) + " |", "| --- |" + " ---: |" * len(cols)]
    for key, row in counter_rows:
        lines.append(f"| {key} | " + " | ".join(str(row.get(c, 0)) for c in cols) + " |")
    return lines


def counts_md(records):
    cols = ["messages", "urgent", "routine", "hard routine", "hard urgent", "families",
            "train", "eval", "eval families"]

    def row(rs):
        fams = {r["family"] for r in rs}
        return {"messages": len(rs),
                "urgent": sum(r["label"] == "urgent" for r in rs),
                "routine": sum(r["label"] == "routine" for r in rs),
                "hard routine": sum(r["label"] == "routine" and r["hard"] for r in rs),
                "hard urgent": sum(r["label"] == "urgent" and r["hard"] for r in rs),
                "families": len(fams),
                "train": sum(r["split"] == "train" for r in rs),
                "eval": sum(r["split"] == "eval" for r in rs),
                "eval families": len({r["family"] for r in rs if r["split"] == "eval"})}

    def group(key, order=None):
        g = collections.defaultdict(list)
        for r in records:
            g[r[key]].append(r)
        keys = order or sorted(g)
        return [(k, row(g[k])) for k in keys if k in g]

    out = ["Generated by `build_corpus.py`; do not edit by hand.", ""]
    out += table("all", [("all", row(records))], cols) + [""]
    out += table("voice", group("voice", list(VOICES)), cols) + [""]
    out += table("language", group("language"), cols) + [""]
    out += table("split", group("split"), cols) + [""]
    cat_rows = group("category")
    out += table("urgent category", [c for c in cat_rows if c[0] in URGENT], cols) + [""]
    out += table("routine category", [c for c in cat_rows if c[0] not in URGENT], cols)
    hand = sum(r["source"] == SOURCE for r in records)
    out += ["", f"Hand-written messages: {hand}; programmatic variants: {len(records) - hand}."]
    return "\n".join(out)


def write_readme_counts(records):
    path = HERE / "README.md"
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- counts:start -->", "<!-- counts:end -->"
    if start not in text:
        return
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{start}\n{counts_md(records)}\n{end}{tail}", encoding="utf-8")


def load_written():
    records = []
    for name in ("train.jsonl", "eval.jsonl"):
        with open(HERE / name, encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh]
    records.sort(key=lambda r: r["id"])
    return records


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check train/eval.jsonl")
    ap.add_argument("--partial", action="store_true",
                    help="skip the whole-corpus targets (while the corpus is being written)")
    ap.add_argument("--dev", metavar="JSONL",
                    help="also report ids sharing a 7-word sequence with this corpus")
    args = ap.parse_args()
    if args.check:
        records = load_written()
    else:
        records = build(read_families())
        for split in ("train", "eval"):
            with open(HERE / f"{split}.jsonl", "w", encoding="utf-8") as fh:
                for r in records:
                    if r["split"] == split:
                        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        write_readme_counts(records)
    problems = check(records, final=not args.partial)
    if args.dev:
        hits = dev_overlap(records, args.dev)
        print(f"messages sharing a 7-word sequence with {args.dev}: {len(hits)}")
        if hits:
            problems.append(f"dev overlap: {' '.join(hits)}")
    print(counts_md(records))
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
