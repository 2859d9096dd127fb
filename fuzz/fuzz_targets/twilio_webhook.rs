//! Twilio webhook verification: a form body, the request URI, the configured
//! public URL and auth token, and an `X-Twilio-Signature` header, through
//! `carewire::webhooks::signed_form` (what `/sms/inbound` and `/sms/status`
//! check before they act).
//!
//! Checked for every input: no panic; a signature the fuzzer made up never
//! verifies; Twilio's own signature (over the URL with or without its port)
//! does, and yields the form's pairs; the same signature with a bit flipped,
//! under another token or for another URL does not.

#![no_main]

use arbitrary::Arbitrary;
use carewire::webhooks::signed_form;
use carewire::webhooks::twilio_signature::{SIGNATURE_HEADER, sign};
use http::{HeaderMap, HeaderValue, Uri};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Request<'a> {
    auth_token: &'a str,
    public_url: PublicUrl<'a>,
    /// The request target as the HTTP server saw it.
    target: &'a str,
    body: Body<'a>,
    signature: Signature<'a>,
}

#[derive(Arbitrary, Debug)]
enum PublicUrl<'a> {
    /// A deployment's `[http] public_url`, with the port Twilio may add.
    Known(u8),
    Any(&'a str),
}

/// `[http] public_url` as deployed, and the same URL as Twilio may sign it,
/// with the scheme's or its own port.
const PUBLIC_URLS: &[(&str, &str)] = &[
    ("https://h.example.org", "https://h.example.org:443"),
    ("https://h.example.org:443", "https://h.example.org"),
    ("http://127.0.0.1:8080", "http://127.0.0.1"),
    ("http://h", "http://h:80"),
    ("https://[2001:db8::1]", "https://[2001:db8::1]:443"),
    ("https://u:p@h.example.org", "https://u:p@h.example.org:443"),
];

#[derive(Arbitrary, Debug)]
enum Body<'a> {
    Raw(&'a [u8]),
    /// A form as Twilio posts it.
    Pairs(Vec<(&'a str, &'a str)>),
}

#[derive(Arbitrary, Debug)]
enum Signature<'a> {
    /// Header bytes the fuzzer chose.
    Header(&'a [u8]),
    /// A well-formed signature: 20 bytes, base64.
    Digest([u8; 20]),
    /// Twilio's signature for this request.
    Twilio,
}

fuzz_target!(|request: Request| check(request));

fn check(request: Request) {
    let (public_url, port_form) = match request.public_url {
        PublicUrl::Known(i) => {
            let (url, other) = PUBLIC_URLS[usize::from(i) % PUBLIC_URLS.len()];
            (url, Some(other))
        }
        PublicUrl::Any(url) => (url, None),
    };
    let uri = Uri::try_from(request.target).unwrap_or_else(|_| Uri::from_static("/sms/inbound"));
    let body = match request.body {
        Body::Raw(bytes) => bytes.to_vec(),
        Body::Pairs(pairs) => form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
            .into_bytes(),
    };
    let params: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let token = request.auth_token;
    let path = uri.path_and_query().map_or("", |p| p.as_str());
    let url = format!("{public_url}{path}");
    let verified = |signature: &[u8], token: &str| {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_bytes(signature) {
            headers.insert(SIGNATURE_HEADER, value);
        }
        signed_form(token, public_url, &uri, &headers, &body)
    };

    match request.signature {
        Signature::Header(bytes) => {
            assert_eq!(verified(bytes, token), None, "a made-up signature verified");
        }
        Signature::Digest(digest) => {
            let made_up = base64(&digest);
            assert_eq!(verified(made_up.as_bytes(), token), None);
        }
        Signature::Twilio => {
            let real = sign(token, &url, &params);
            // A blank token is a config error; anyone could sign with it,
            // so it verifies nothing, not even Twilio's own signature.
            if token.trim().is_empty() {
                assert_eq!(verified(real.as_bytes(), token), None, "a blank token verified");
                return;
            }
            assert_eq!(verified(real.as_bytes(), token).as_ref(), Some(&params));
            // Only an origin-form target (`/sms/...`) reaches the webhooks'
            // routes (not `*` or an authority alone).
            if let Some(other) = port_form.filter(|_| path.starts_with('/')) {
                let with_other_port = sign(token, &format!("{other}{path}"), &params);
                assert_eq!(
                    verified(with_other_port.as_bytes(), token).as_ref(),
                    Some(&params),
                    "Twilio's signature over {other} is refused"
                );
            }

            let mut flipped = decode64(&real);
            let bit = path.len() % flipped.len();
            flipped[bit] ^= 1;
            assert_eq!(verified(base64(&flipped).as_bytes(), token), None);
            let other_token = format!("{token}x");
            assert_eq!(verified(real.as_bytes(), &other_token), None);
            let other_url = sign(token, &format!("{url}x"), &params);
            assert_eq!(verified(other_url.as_bytes(), token), None);
        }
    }
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn decode64(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("sign() writes base64")
}
