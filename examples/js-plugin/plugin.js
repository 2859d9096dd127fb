// language-policy: per-tenant language preferences for SMS, in JavaScript.
//
// Its config (the plugin's `[plugins.config]` table, given to `init` as JSON):
//
//   {
//     "tenants": {"acme": {"sms_languages": ["en", "es"]}},
//     "default_sms_languages": ["en"],
//     "unknown_language": "deny_sms"
//   }
//
// The plugin recognises the language of the message text (English, Spanish,
// French, Portuguese, Vietnamese or Chinese, from common words and scripts),
// labels the message `message_language=<code>` and denies SMS when that
// language is not one the message's tenant allows for SMS (reason
// `sms_language_not_allowed`). A tenant missing from `tenants` gets
// `default_sms_languages`. When the language cannot be told
// (`message_language=unknown`), `unknown_language` decides: "deny_sms"
// (reason `sms_language_unknown`, the default) or "allow".
//
// The body is PHI: it is only read here, never logged or copied into a code.

// Function words that, together, tell these languages apart in short texts.
const WORDS = {
  en: "the and you your is are for to of with please call our we this will be have at on".split(" "),
  es: "el la los las y usted su sus es para por con favor llame nuestro nosotros esta tiene cita de en que".split(" "),
  fr: "le la les et vous votre vos est pour avec veuillez appeler notre nous cette sera avez rendez-vous de du".split(" "),
  pt: "o a os as e você seu sua para com por favor ligue nosso nós esta tem consulta de do da em".split(" "),
  vi: "bạn của và là cho với vui lòng gọi chúng tôi này có hẹn khám".split(" "),
};
const LANGUAGES = new Set([...Object.keys(WORDS), "zh"]);
// Built once, at initialisation (componentize-js snapshots it into the component).
const WORD_SETS = Object.entries(WORDS).map(([lang, list]) => [lang, new Set(list)]);
const VI_MARKS = new Set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ");
// What ends a word (digits too: a time or a date is no word of any language).
const SEPARATORS = new Set(" \t\r\n0123456789.,;:!?¿¡()[]\"'“”‘’/+&*#%@=<>_|~`…–—，。！？：；、（）");
const KEYS = new Set(["tenants", "default_sms_languages", "unknown_language"]);

let policy = { tenants: new Map(), defaults: new Set(["en"]), unknown: "deny_sms" };

function languages(value, where) {
  if (!Array.isArray(value) || !value.every((l) => LANGUAGES.has(l))) {
    throw `language-policy config: ${where} must list languages of ${[...LANGUAGES].join(", ")}`;
  }
  return new Set(value);
}

function parse(text) {
  const config = text.trim() === "" ? {} : JSON.parse(text);
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw "language-policy config: must be a table";
  }
  for (const key of Object.keys(config)) {
    if (!KEYS.has(key)) throw `language-policy config: unknown key ${key}`;
  }
  const tenants = new Map();
  for (const [tenant, prefs] of Object.entries(config.tenants ?? {})) {
    for (const key of Object.keys(prefs ?? {})) {
      if (key !== "sms_languages") throw `language-policy config: unknown tenant key ${key}`;
    }
    tenants.set(tenant, languages(prefs?.sms_languages, "tenants.*.sms_languages"));
  }
  const unknown = config.unknown_language ?? "deny_sms";
  if (unknown !== "deny_sms" && unknown !== "allow") {
    throw 'language-policy config: unknown_language must be "deny_sms" or "allow"';
  }
  return {
    tenants,
    defaults: languages(config.default_sms_languages ?? ["en"], "default_sms_languages"),
    unknown,
  };
}

// The message's language code, or "unknown" when no language clearly leads.
// One pass over the text, no regular expressions: StarlingMonkey runs them
// slowly (they were most of a call's time) and without Unicode classes.
export function detect(body) {
  const text = body.toLowerCase();
  const scores = new Map(WORD_SETS.map(([lang]) => [lang, 0]));
  let han = 0;
  let visible = 0;
  let word = "";
  const endWord = () => {
    if (word !== "") {
      for (const [lang, set] of WORD_SETS) if (set.has(word)) scores.set(lang, scores.get(lang) + 1);
      word = "";
    }
  };
  for (const ch of text) {
    if (SEPARATORS.has(ch)) {
      endWord();
      continue;
    }
    visible += 1;
    const code = ch.codePointAt(0);
    if (code >= 0x4e00 && code <= 0x9fff) {
      han += 1;
      endWord();
      continue;
    }
    // Vietnamese words are syllables; their tone marks are telling on their own.
    if (VI_MARKS.has(ch)) scores.set("vi", scores.get("vi") + 1);
    word += ch;
  }
  endWord();
  if (visible > 0 && han * 2 >= visible) return "zh";
  let best = "unknown";
  let bestScore = 0;
  let second = 0;
  for (const [lang, score] of scores) {
    if (score > bestScore) {
      second = bestScore;
      bestScore = score;
      best = lang;
    } else if (score > second) {
      second = score;
    }
  }
  return bestScore >= 2 && bestScore > second ? best : "unknown";
}

export function decide(p, message) {
  const language = detect(message.body);
  const allowed = p.tenants.get(message.tenant) ?? p.defaults;
  const verdict = {
    flow: { tag: "continue" },
    deny: [],
    require: undefined,
    bodies: [],
    labels: [{ key: "message_language", value: language }],
    reasons: [],
  };
  if (language === "unknown") {
    if (p.unknown === "deny_sms") {
      verdict.deny.push("sms");
      verdict.reasons.push("sms_language_unknown");
    }
  } else if (!allowed.has(language)) {
    verdict.deny.push("sms");
    verdict.reasons.push("sms_language_not_allowed");
  } else {
    verdict.reasons.push("sms_language_allowed");
  }
  return verdict;
}

export const filter = {
  init(config) {
    try {
      policy = parse(config);
    } catch (e) {
      // JSON.parse's message may quote the config; say only what kind of error.
      throw typeof e === "string" ? e : "language-policy config: not JSON";
    }
  },
  process(message) {
    return decide(policy, message);
  },
};
