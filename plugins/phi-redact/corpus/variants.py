"""Variants of a hand-written message: slot values re-drawn and a writing style applied.

Every function takes a `random.Random` so the corpus is the same on every build.
A slot keeps its shape (number of name words, date format, digit layout, case);
a value whose shape is not recognised is kept as written.
"""
import re
import unicodedata

FEMALE = """Rosa Carmen Guadalupe Lucia Maria Ximena Yesenia Marisol Alejandra Beatriz Dolores Esperanza
Lakisha Tanisha Ebony Keisha Latoya Imani Jasmine Shanice Aaliyah Monique Denise Gloria
Mei Hana Yuki Priya Ananya Lakshmi Nguyet Thuy Linh Jia Soo-jin Min-ji Kavya Deepa
Fatima Aisha Layla Noor Yasmin Mariam Huda Rania
Olena Svetlana Natasha Irina Katarzyna Agnieszka Milena Dragana
Siobhan Maeve Aoife Brigid Colleen Nora Eileen Margaret Dorothy Evelyn Linda Barbara Ruth
Hope May Rose Summer Grace Faith Joy""".split()
MALE = """Jose Luis Miguel Alejandro Javier Hector Ramon Fernando Santiago Mateo Jesus Ernesto Rigoberto
DeShawn Tyrone Jamal Marcus Darnell Terrell Andre Malik Reginald Cedric
Wei Hiroshi Kenji Minh Tuan Raj Arjun Vikram Sanjay Hyun-woo Jin Rohan
Omar Ahmed Yusuf Khalid Tariq Hassan Karim Bilal
Dmitri Oleksandr Piotr Bogdan Nikolai Stanislav Milos
Declan Padraig Cormac Eamon Liam Sean Walter Harold Eugene Frank Arthur George
Will Mark Grant Bill""".split()
SURNAMES = """Delgado Ramirez Gutierrez Castillo Morales Hernandez Vasquez Ochoa Fuentes Navarro Cruz Salazar Zamora
Washington Jefferson Okafor Adeyemi Mensah Banks Freeman Coleman Robinson Jackson Booker Pryor
Nguyen Tran Pham Chen Wang Liu Tanaka Yamamoto Nakamura Kim Park Choi Patel Shah Iyer Reddy Banerjee
Haddad Mansour Al-Sayed Khoury Rahman Hussein Nasser Abboud
Kowalski Nowak Petrov Ivanova Shevchenko Horvat Novak Dvorak
O'Brien Gallagher Murphy Byrne Kavanagh Doyle Fitzgerald McCarthy
Lindqvist Schneider Mueller Rossi Bianchi Goldberg Friedman Cohen Thompson Miller Hughes Whitaker""".split()
HISPANIC_F = FEMALE[:12]
HISPANIC_M = MALE[:13]
HISPANIC_S = SURNAMES[:13]
STREETS = """Maple Oak Elm Cedar Pine Walnut Chestnut Birch Willow Magnolia Juniper Sycamore Hawthorn
Lincoln Jefferson Madison Monroe Jackson Franklin Washington Grant King Park Lake Hill River Church
Division Ashland Pulaski Cicero Halsted Fremont Mission Alvarado Cesar-Chavez Delmar Lexington
Brookside Foxglove Ridgeview Sunset Fairview Meadowlark Canyon Orchard Harbor Prospect""".split()
CITIES = """Tucson Fresno Yonkers Hialeah Laredo Dayton Akron Toledo Spokane Tacoma Eugene Boise Reno
Albuquerque Las-Cruces El-Paso Brownsville McAllen Chula-Vista Oxnard Modesto Stockton Bakersfield
Joliet Aurora Naperville Cicero Gary Kenosha Racine Waukegan Evanston Skokie Lowell Worcester
Springfield Hartford Bridgeport Paterson Newark Camden Trenton Allentown Scranton Erie
Savannah Macon Augusta Mobile Shreveport Lafayette Memphis Chattanooga Knoxville Lexington
Omaha Lincoln Topeka Wichita Tulsa Amarillo Lubbock Odessa Provo Ogden Duluth Fargo""".split()
DOMAINS = "gmail.com yahoo.com hotmail.com outlook.com icloud.com aol.com comcast.net att.net".split()

MONTHS = "January February March April May June July August September October November December".split()
MESES = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
ONES = "zero one two three four five six seven eight nine".split()
UNOS_ES = ["", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
TITLES = re.compile(r"\b(dr|dra|mr|mrs|ms|mx|miss|nurse|sr|sra|srta|don|doña|doctor|doctora|lic|licenciado|licenciada|coach|rn|np|pa)\.?\s*$", re.I)


def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.islower() for c in letters):
        return "lower"
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return "upper"
    return "as"


def apply_case(s, mode):
    return s.lower() if mode == "lower" else s.upper() if mode == "upper" else s


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def shape_digits(rng, s, letters=False, lowest=1):
    """Same layout, new digits (a group's first digit at least `lowest`) and, if asked, new letters."""
    out, prev = [], ""
    for c in s:
        if c.isdigit():
            out.append(str(rng.randint(lowest, 9) if not prev.isdigit() else rng.randint(0, 9)))
        elif letters and c.isascii() and c.isalpha():
            ch = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
            out.append(ch if c.isupper() else ch.lower())
        else:
            out.append(c)
        prev = c
    return "".join(out)


def _pick_first(rng, orig, lang):
    low = orig.lower()
    fem = {n.lower() for n in FEMALE}
    mal = {n.lower() for n in MALE}
    hisp = lang in ("es", "es-en") and rng.random() < 0.8
    if low in fem:
        pool = HISPANIC_F if hisp else FEMALE
    elif low in mal:
        pool = HISPANIC_M if hisp else MALE
    else:
        pool = (HISPANIC_F + HISPANIC_M) if hisp else FEMALE + MALE
    return rng.choice(pool)


def _pick_last(rng, lang):
    hisp = lang in ("es", "es-en") and rng.random() < 0.8
    return rng.choice(HISPANIC_S if hisp else SURNAMES)


PARTICLES = {"de", "del", "la", "las", "los", "y", "van", "von", "da", "di", "al", "bin", "ibn", "jr", "sr"}


def spelled_name(rng, value, memo, lang):
    """A name spelled letter by letter ("F E R R E I R A", "D-A-N-A") spells
    its new name: the one the same letters' name became in this message."""
    sep = "-" if "-" in value else " "
    key = "".join(value.split(sep)).lower()
    if key not in memo:
        memo[key] = _pick_last(rng, lang)
    letters = [c for c in strip_accents(memo[key]) if c.isalpha()]
    upper = all(c.isupper() for c in value if c.isalpha())
    return sep.join(c.upper() if upper else c.lower() for c in letters)


def new_name(rng, value, before, memo, lang):
    """Re-draw a name token by token; the same original token maps to the same new one."""
    parts = re.split(r"[ -]", value)
    if len(parts) >= 2 and all(len(p) == 1 and p.isalpha() for p in parts):
        return spelled_name(rng, value, memo, lang)
    mode = case_of(value)
    comma = "," in value
    toks = re.findall(r"[^\s,]+", value)
    seps = re.split(r"[^\s,]+", value)
    surnames = {n.lower() for n in SURNAMES}
    firsts = {n.lower() for n in FEMALE + MALE}
    out = []
    for i, t in enumerate(toks):
        key = t.lower().strip(".")
        if key in PARTICLES:
            out.append(t)
            continue
        if len(key) <= 1:  # an initial
            out.append(rng.choice("ABCDEFGHJKLMNPRSTW") + ("." if t.endswith(".") else ""))
            continue
        if key in memo:
            out.append(memo[key])
            continue
        if len(toks) == 1:
            last = (key in surnames and key not in firsts) or bool(TITLES.search(before))
        else:
            last = (i == 0) if comma else i > 0
        new = _pick_last(rng, lang) if last else _pick_first(rng, t, lang)
        memo[key] = new
        out.append(new)
    s = seps[0] + "".join(o + sep for o, sep in zip(out, seps[1:]))
    return apply_case(s, mode) if mode != "as" else s


def _rand_date(rng, year_hint):
    if year_hint is not None and year_hint < 100:
        year_hint += 1900 if year_hint > 26 else 2000
    if year_hint is not None and year_hint < 2005:
        y = rng.randint(1924, 1999)
    else:
        y = rng.randint(2025, 2027)
    return y, rng.randint(1, 12), rng.randint(1, 28)


def _ordinal(d):
    return f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


MON_RE = r"(?P<mon>[A-Za-z]{3,9}\.?)"


def new_date(rng, value, lang):
    mode = case_of(value)
    v = value
    m = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?", v)
    if m:
        a, sep, b, yr = m.groups()
        y, mo, d = _rand_date(rng, int(yr) if yr else 2026)
        first, second = (d, mo) if lang == "es" else (mo, d)
        fa = f"{first:02d}" if len(a) == 2 else str(first)
        fb = f"{second:02d}" if len(b) == 2 else str(second)
        ys = "" if not yr else sep + (str(y) if len(yr) == 4 else f"{y % 100:02d}")
        return f"{fa}{sep}{fb}{ys}"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        y, mo, d = _rand_date(rng, int(m.group(1)))
        return f"{y}-{mo:02d}-{d:02d}"
    m = re.fullmatch(r"(\d{1,2})([- ]?)([A-Za-z]{3})\2(\d{2}|\d{4})", v)
    if m and m.group(3).lower() in [x[:3].lower() for x in MONTHS]:
        y, mo, d = _rand_date(rng, int(m.group(4)))
        ys = str(y) if len(m.group(4)) == 4 else f"{y % 100:02d}"
        ds = f"{d:02d}" if len(m.group(1)) == 2 else str(d)
        return apply_case(f"{ds}{m.group(2)}{MONTHS[mo - 1][:3]}{m.group(2)}{ys}", mode)
    m = re.fullmatch(r"(?P<mon>[A-Za-z]{3,9})(?P<dot>\.?) (?P<d>\d{1,2})(?P<suf>st|nd|rd|th|ST|ND|RD|TH)?(?P<yr>,? \d{4})?", v)
    if m and m.group("mon")[:3].lower() in [x[:3].lower() for x in MONTHS]:
        yr = m.group("yr")
        y, mo, d = _rand_date(rng, int(yr.strip(", ")) if yr else 2026)
        name = MONTHS[mo - 1]
        mon = name[:3] if len(m.group("mon")) == 3 else name
        ds = _ordinal(d) if m.group("suf") else str(d)
        ys = "" if not yr else yr[: len(yr) - 4] + str(y)
        return apply_case(f"{mon}{m.group('dot')} {ds}{ys}", mode)
    m = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)? (of )?([A-Za-z]+)(,? \d{4})?", v)
    if m and m.group(4)[:3].lower() in [x[:3].lower() for x in MONTHS]:
        yr = m.group(5)
        y, mo, d = _rand_date(rng, int(yr.strip(", ")) if yr else 2026)
        name = MONTHS[mo - 1][: len(m.group(4))] if len(m.group(4)) == 3 else MONTHS[mo - 1]
        ds = _ordinal(d) if m.group(2) else str(d)
        return apply_case(f"{ds} {m.group(3) or ''}{name}{'' if not yr else yr[:-4] + str(y)}", mode)
    m = re.fullmatch(r"(\d{1,2}) de ([a-záéíóú]+)( de(l)? (\d{4}))?", v, re.I)
    if m and m.group(2).lower() in MESES:
        y, mo, d = _rand_date(rng, int(m.group(5)) if m.group(5) else 2026)
        tail = f" de{m.group(4) or ''} {y}" if m.group(3) else ""
        return apply_case(f"{d} de {MESES[mo - 1]}{tail}", mode)
    m = re.fullmatch(r"(the )?(\d{1,2})(st|nd|rd|th)", v, re.I)
    if m:
        d = rng.randint(1, 28)
        return apply_case(f"{m.group(1) or ''}{_ordinal(d)}", mode)
    return value


def _age_words(n):
    if n == 100:
        return "one hundred"
    if n > 100:
        return f"one hundred {ONES[n - 100]}"
    return "ninety" if n == 90 else f"ninety-{ONES[n - 90]}"


def _age_words_es(n):
    if n == 100:
        return "cien"
    if n > 100:
        return f"ciento {UNOS_ES[n - 100]}"
    return "noventa" if n == 90 else f"noventa y {UNOS_ES[n - 90]}"


def new_age(rng, value):
    mode = case_of(value)
    if value.isdigit():
        return str(rng.randint(90, 104))
    if re.fullmatch(r"\d+(st|nd|rd|th)", value, re.I):
        return apply_case(_ordinal(rng.randint(90, 104)), mode)
    low = value.lower()
    n = rng.randint(90, 103)
    if low.startswith(("noventa", "cien")):
        return apply_case(_age_words_es(n), mode)
    if low.startswith(("ninety", "one hundred", "a hundred")):
        w = _age_words(n)
        if " " in low and "-" not in low:
            w = w.replace("-", " ")
        return apply_case(w, mode if mode != "as" else "lower") if mode != "as" else w.capitalize() if value[0].isupper() else w
    return value


def new_email(rng, value, lang, memo):
    mode = case_of(value)
    first = _pick_first(rng, "", lang).lower()
    last = _pick_last(rng, lang).lower().replace("'", "")
    local = rng.choice([f"{first}.{last}", f"{first[0]}{last}{rng.randint(1, 99)}", f"{first}{rng.randint(50, 99)}", f"{last}.{first}"])
    dom = value.split("@", 1)[1] if "@" in value and rng.random() < 0.5 else rng.choice(DOMAINS)
    s = f"{local}@{dom}"
    return s.upper() if mode == "upper" else s


ADDR_RE = re.compile(
    r"(?P<num>\d+[A-Za-z]?\s+)?(?P<dir>(?:[NSEW]|North|South|East|West)\.?\s+)?(?P<name>[A-Za-z'-]+(?:\s[A-Za-z'-]+)?)"
    r"(?P<type>\s+(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Blvd|Ct|Court|Way|Pl|Place|Pkwy|Hwy|Cir|Ter|Trl)\.?)"
    r"(?P<unit>,?\s*(?:Apt|Unit|#|Ste|Suite|Lot)\.?\s*\w+)?",
    re.I,
)


def new_address(rng, value, memo):
    mode = case_of(value)
    m = ADDR_RE.fullmatch(value)
    if not m:
        return shape_digits(rng, value)
    key = m.group("name").lower()
    name = memo.setdefault("street:" + key, rng.choice(STREETS).replace("-", " "))
    num = shape_digits(rng, m.group("num")) if m.group("num") else ""
    unit = shape_digits(rng, m.group("unit")) if m.group("unit") else ""
    s = f"{num}{m.group('dir') or ''}{name}{m.group('type')}{unit}"
    return apply_case(s, mode)


def new_city(rng, value, memo):
    mode = case_of(value)
    key = "city:" + value.lower()
    if key not in memo:
        memo[key] = rng.choice(CITIES).replace("-", " ")
    return apply_case(memo[key], mode)


def new_ip(rng, value):
    if re.fullmatch(r"\d+\.\d+\.\d+\.\d+", value):
        return ".".join(str(rng.randint(1, 254)) for _ in range(4))
    return "".join(rng.choice("0123456789abcdef") if c in "0123456789abcdef" else c for c in value)


def redraw(rng, typ, value, before, memo, lang):
    """A new value of the same type and shape as `value`; the same original maps to the same new value."""
    key = (typ, value.lower())
    if typ != "NAME" and key in memo:
        return memo[key]
    if typ == "NAME":
        new = new_name(rng, value, before, memo, lang)
    elif typ == "DATE":
        new = new_date(rng, value, lang)
    elif typ == "AGE":
        new = new_age(rng, value)
    elif typ == "EMAIL":
        new = new_email(rng, value, lang, memo)
    elif typ == "ADDRESS":
        new = new_address(rng, value, memo)
    elif typ == "CITY":
        new = new_city(rng, value, memo)
    elif typ == "IP":
        new = new_ip(rng, value)
    elif typ in ("PHONE", "FAX"):
        m = re.match(r"(\+?1[-. ])?(.*)$", value)
        new = (m.group(1) or "") + shape_digits(rng, m.group(2), lowest=2)
    elif typ in ("VEHICLE", "DEVICE"):
        new = shape_digits(rng, value, letters=True)
    else:
        new = shape_digits(rng, value)
    memo[key] = new
    return new


# ---- writing styles, applied segment by segment (span values change with them) ----
EMOJI = ["🙏", "😊", "😩", "❤️", "👍", "🤒", "💊", "😔", "🙂", "😅", "‼️", "🤞", "😢", "👵", "👶"]
SMS_EN = {"you": "u", "are": "r", "please": "pls", "thanks": "thx", "tomorrow": "tmrw", "because": "bc",
          "your": "ur", "before": "b4", "with": "w/", "appointment": "appt", "prescription": "rx",
          "doctor": "dr", "message": "msg", "about": "abt", "thank you": "ty"}
SMS_ES = {"que": "q", "por favor": "porfa", "también": "tmb", "gracias": "grax", "porque": "xq", "para": "pa",
          "está": "ta", "mañana": "mñn", "doctora": "dra", "bueno": "bno"}


def typo_word(rng, w):
    if len(w) < 4 or not w.isalpha():
        return w
    i = rng.randrange(1, len(w) - 1)
    kind = rng.choice(["swap", "drop", "double"])
    if kind == "swap":
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if kind == "drop":
        return w[:i] + w[i + 1:]
    return w[:i] + w[i] + w[i:]


def style_plain(rng, text, style, lang):
    if style == "nopunct":
        return re.sub(r"[.,!?;:¿¡'’\"]", "", text)
    if style == "typos":
        return re.sub(r"[A-Za-zÀ-ÿ]+", lambda m: typo_word(rng, m.group()) if rng.random() < 0.18 else m.group(), text)
    if style == "sms":
        table = SMS_ES if lang == "es" else dict(SMS_EN, **SMS_ES) if lang == "es-en" else SMS_EN
        for k, v in table.items():
            text = re.sub(rf"\b{k}\b", v, text, flags=re.I)
        return text
    return text


def style_any(text, style):
    if style == "lower":
        return text.lower()
    if style == "upper":
        return text.upper()
    if style == "noaccent":
        return strip_accents(text)
    return text
