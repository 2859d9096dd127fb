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
const VI_MARKS = /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/g;
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
export function detect(body) {
  const text = body.toLowerCase();
  // (StarlingMonkey's regular expressions have no Unicode property classes.)
  const han = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const visible = text.replace(/[\s0-9.,;:!?¿¡()"'\/+-]/g, "").length;
  if (visible > 0 && han * 2 >= visible) return "zh";
  const words = text.split(/[\s0-9.,;:!?¿¡()"'\/+]+/).filter(Boolean);
  let best = "unknown";
  let bestScore = 0;
  let second = 0;
  for (const [lang, set] of WORD_SETS) {
    let score = 0;
    for (const w of words) if (set.has(w)) score += 1;
    // Vietnamese words are syllables; their tone marks are telling on their own.
    if (lang === "vi") score += (text.match(VI_MARKS) ?? []).length;
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
