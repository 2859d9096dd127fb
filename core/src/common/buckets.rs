//! The names of carewire's KV buckets: `<prefix>_<kind>`, the subject
//! prefix with `-` as `_`.

/// The bucket of phone numbers' SMS state (`opted_out` after a STOP). It is
/// keyed by the number's E.164 digits, not by tenant: a carrier's opt-out
/// binds the number whoever texts it, so a plugin reads it unscoped.
pub const SMS_NUMBERS: &str = "sms_numbers";

/// The name of the bucket `kind` under the subject prefix `prefix`.
pub fn bucket(prefix: &str, kind: &str) -> String {
    format!("{}_{kind}", prefix.replace('-', "_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_names_take_the_prefix() {
        assert_eq!(bucket("carewire", SMS_NUMBERS), "carewire_sms_numbers");
        assert_eq!(bucket("cw-test", "consent"), "cw_test_consent");
    }
}
