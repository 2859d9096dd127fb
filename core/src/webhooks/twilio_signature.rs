//! Twilio's request signature (`X-Twilio-Signature`): base64 of
//! HMAC-SHA1(auth token, the full URL the provider called + every POST
//! parameter's name and value, sorted by name, each distinct pair once).
//! Twilio signs the URL sometimes with the scheme's port and sometimes
//! without, so, as its own validator does, a signature over either form is
//! accepted. Checked in constant time.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha1::Sha1;

pub const SIGNATURE_HEADER: &str = "x-twilio-signature";

fn mac(auth_token: &str, url: &str, params: &[(String, String)]) -> Hmac<Sha1> {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    sorted.dedup();
    // HMAC accepts keys of any length: `new_from_slice` cannot fail here.
    #[allow(clippy::expect_used)]
    let mut mac = <Hmac<Sha1>>::new_from_slice(auth_token.as_bytes()).expect("any key length");
    mac.update(url.as_bytes());
    for (k, v) in sorted {
        mac.update(k.as_bytes());
        mac.update(v.as_bytes());
    }
    mac
}

/// The signature Twilio would send for this request.
pub fn sign(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    STANDARD.encode(mac(auth_token, url, params).finalize().into_bytes())
}

/// Whether `signature` is Twilio's for this request, signed over `url`
/// with or without its port. Never with an empty token: anyone can compute
/// that HMAC (the config refuses one; this holds regardless).
pub fn verify(auth_token: &str, url: &str, params: &[(String, String)], signature: &str) -> bool {
    if auth_token.trim().is_empty() {
        return false;
    }
    let Ok(given) = STANDARD.decode(signature.trim()) else {
        return false;
    };
    let (without_port, with_port) = port_forms(url);
    // Both are always computed and compared, each in constant time.
    let a = mac(auth_token, &without_port, params)
        .verify_slice(&given)
        .is_ok();
    let b = mac(auth_token, &with_port, params)
        .verify_slice(&given)
        .is_ok();
    a | b
}

/// `url` without a port, and with one (its own, or the scheme's default:
/// 443 for https, 80 otherwise), as Twilio's validators form them.
fn port_forms(url: &str) -> (String, String) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_string(), url.to_string());
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((user, host)) => (&authority[..=user.len()], host),
        None => ("", authority),
    };
    // The port follows the last ':' that is not inside an IPv6 literal.
    let host_end = host_port.rfind(']').map_or(0, |i| i + 1);
    let (host, port) = match host_port[host_end..].rfind(':') {
        Some(i) => host_port.split_at(host_end + i),
        None => (host_port, ""),
    };
    let default_port = if scheme.eq_ignore_ascii_case("https") {
        ":443"
    } else {
        ":80"
    };
    let port = if port.is_empty() { default_port } else { port };
    (
        format!("{scheme}://{userinfo}{host}{tail}"),
        format!("{scheme}://{userinfo}{host}{port}{tail}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> Vec<(String, String)> {
        [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+12349013030"),
            ("Digits", "1234"),
            ("From", "+12349013030"),
            ("To", "+18005551212"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn matches_twilios_documented_example() {
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assert_eq!(
            sign("12345", url, &params()),
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        );
        assert!(verify(
            "12345",
            url,
            &params(),
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        ));
    }

    #[test]
    fn any_change_breaks_it() {
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        let sig = sign("12345", url, &params());
        assert!(!verify("12346", url, &params(), &sig));
        assert!(!verify(
            "12345",
            "https://mycompany.com/myapp.php?foo=1&bar=3",
            &params(),
            &sig
        ));
        let mut forged = params();
        forged[2].1 = "9999".into();
        assert!(!verify("12345", url, &forged, &sig));
        assert!(!verify("12345", url, &params(), "not base64!"));
    }

    #[test]
    fn an_empty_token_verifies_nothing() {
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        for token in ["", " "] {
            let forged = sign(token, url, &params());
            assert!(!verify(token, url, &params(), &forged), "{token:?}");
        }
    }

    #[test]
    fn urls_with_and_without_their_port() {
        let cases = [
            (
                "https://h.example.org/sms/status?id=1",
                "https://h.example.org/sms/status?id=1",
                "https://h.example.org:443/sms/status?id=1",
            ),
            (
                "https://h.example.org:443/sms",
                "https://h.example.org/sms",
                "https://h.example.org:443/sms",
            ),
            (
                "http://127.0.0.1:8080/sms/inbound",
                "http://127.0.0.1/sms/inbound",
                "http://127.0.0.1:8080/sms/inbound",
            ),
            ("http://h", "http://h", "http://h:80"),
            (
                "https://[2001:db8::1]/x",
                "https://[2001:db8::1]/x",
                "https://[2001:db8::1]:443/x",
            ),
            (
                "https://[2001:db8::1]:8443/x",
                "https://[2001:db8::1]/x",
                "https://[2001:db8::1]:8443/x",
            ),
            ("https://u:p@h/x", "https://u:p@h/x", "https://u:p@h:443/x"),
        ];
        for (url, without, with) in cases {
            assert_eq!(
                port_forms(url),
                (without.to_string(), with.to_string()),
                "{url}"
            );
        }
    }

    /// Signatures computed by Twilio's own Python library
    /// (`RequestValidator.compute_signature`, see the fixture's script):
    /// each is valid for the URL carewire knows, signed with or without the
    /// port; a signature over another host or path never is.
    #[test]
    fn signatures_made_by_twilios_library() {
        let text = include_str!("../../../tests/fixtures/twilio_signatures.json");
        let fixture: serde_json::Value = serde_json::from_str(text).unwrap();
        let cases = fixture["cases"].as_array().unwrap();
        assert!(cases.len() >= 8, "{} cases", cases.len());
        for case in cases {
            let params: Vec<(String, String)> = case["params"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| (p[0].as_str().unwrap().into(), p[1].as_str().unwrap().into()))
                .collect();
            let token = case["auth_token"].as_str().unwrap();
            let url = case["carewire_url"].as_str().unwrap();
            let signature = case["signature"].as_str().unwrap();
            let expected = case["valid"].as_bool().unwrap();
            assert_eq!(
                verify(token, url, &params, signature),
                expected,
                "{}",
                case["name"]
            );
        }
    }
}
