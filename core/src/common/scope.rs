//! Every key carewire derives from a message or a patient names the tenant,
//! so the same message id or patient id in two tenants are two records: the
//! dedupe ids of what it publishes, the first-decision and delivery-ledger
//! keys, the SMS log, and every KV key a plugin reads (the host prefixes the
//! plugin's key with the message's tenant; a plugin cannot name another).
//! A tenant holds no `.`, and a patient id none either, so `<tenant>.<rest>`
//! and `<tenant>.<patient>.<sub-key>` are never ambiguous.

/// `key` within `tenant`: `<tenant>.<key>`.
pub fn scoped(tenant: &str, key: &str) -> String {
    format!("{tenant}.{key}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_id_in_two_tenants_is_two_keys() {
        assert_ne!(scoped("acme", "m-1"), scoped("other", "m-1"));
        // A patient id cannot reach into another patient's records, nor a
        // tenant into another tenant's: neither holds a dot.
        assert_eq!(
            scoped("acme", "p-1.proxy.15555550100"),
            "acme.p-1.proxy.15555550100"
        );
    }
}
