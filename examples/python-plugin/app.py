"""sms-policy: a health system's SMS policy and care-program labels, in Python.

Its config (the plugin's `[plugins.config]` table, given to `init` as JSON):

    {
      "no_sms_categories": ["billing"],
      "no_sms_senders": ["behavioral-health"],
      "care_programs": {"oak-valley-diabetes": "diabetes_care"},
      "default_program": "primary_care"
    }

- A message whose category is in `no_sms_categories` may not go by SMS
  (reason `sms_denied_category`); one from a sender id in `no_sms_senders`
  neither (reason `sms_denied_sender`).
- Every message is labelled `care_program=<code>`: the program its sender id
  maps to in `care_programs`, else `default_program` (no label when neither).

Program names are codes (lowercase snake_case, see wit/README.md): `init`
refuses any that is not, so no verdict can carry free text. The message body
(PHI) is never read.
"""

import json
import re

from componentize_py_types import Err
from wit_world import exports
from wit_world.imports.types import Channel, Flow_Continue, Label, Message, Verdict

# The code grammar of wit/README.md: words of a-z 0-9 joined by _ or -, at
# most one ':', 1 to 64 bytes, at most four digits in a row.
_WORD = r"[a-z0-9]+(?:[_-][a-z0-9]+)*"
_CODE = re.compile(rf"{_WORD}(?::{_WORD})?")
_DIGIT_RUN = re.compile(r"[0-9](?:[_:-]?[0-9]){4}")

_KEYS = {"no_sms_categories", "no_sms_senders", "care_programs", "default_program"}


def is_code(s: str) -> bool:
    return 0 < len(s.encode()) <= 64 and _CODE.fullmatch(s) is not None and not _DIGIT_RUN.search(s)


def _strings(config: dict, key: str) -> frozenset:
    value = config.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Err(f"sms-policy config: {key} must be a list of strings")
    return frozenset(value)


class Policy:
    def __init__(self, text: str):
        config = json.loads(text) if text.strip() else {}
        if not isinstance(config, dict):
            raise Err("sms-policy config: must be a table")
        unknown = sorted(set(config) - _KEYS)
        if unknown:
            raise Err(f"sms-policy config: unknown key {unknown[0]}")
        self.no_sms_categories = _strings(config, "no_sms_categories")
        self.no_sms_senders = _strings(config, "no_sms_senders")
        programs = config.get("care_programs", {})
        if not isinstance(programs, dict):
            raise Err("sms-policy config: care_programs must be a table of sender id = program")
        default = config.get("default_program")
        for program in [*programs.values(), *([default] if default is not None else [])]:
            if not isinstance(program, str) or not is_code(program):
                raise Err("sms-policy config: a care program must be a code (lowercase snake_case)")
        self.care_programs = dict(programs)
        self.default_program = default

    def decide(self, message: Message) -> Verdict:
        deny, reasons, labels = [], [], []
        if message.category in self.no_sms_categories:
            reasons.append("sms_denied_category")
        if message.sender_id is not None and message.sender_id in self.no_sms_senders:
            reasons.append("sms_denied_sender")
        if reasons:
            deny.append(Channel.SMS)
        program = self.care_programs.get(message.sender_id or "", self.default_program)
        if program is not None:
            labels.append(Label("care_program", program))
        return Verdict(Flow_Continue(), deny, None, [], labels, reasons)


_policy = Policy("")


class Filter(exports.Filter):
    def init(self, config: str) -> None:
        global _policy
        try:
            _policy = Policy(config)
        except json.JSONDecodeError as e:
            # The position only: the config is the operator's, but keep it short.
            raise Err(f"sms-policy config: not JSON (line {e.lineno}, column {e.colno})")

    def process(self, message: Message) -> Verdict:
        return _policy.decide(message)
