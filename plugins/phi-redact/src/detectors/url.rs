//! URLs that carry an identifier or are personal: a path or query with a
//! number or a random-looking token (`/r/zMeAbck9`, `?patient=46908125`,
//! `/results/00146822`), a query string, user info, or a path naming a
//! person. Generic pages (`healthcare.gov`, `cdc.gov/flu`,
//! `oakvalleyhealth.org/forms`) are not PHI and stay. The whole URL is
//! replaced.

use regex::Regex;

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};
use crate::lexicon::lexicon;

pub struct Urls(Regex);

impl Urls {
    pub fn new() -> Result<Self, regex::Error> {
        super::compile(concat!(
            r#"(?i)\b(?:https?://|www\.)[^\s<>"]+"#,
            r#"|\b(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|health|care|info|io|us|co|app|me|ly|link|biz|fund|page|site|online|be|gl|to|tv|cc|ee)\b(?:[/?#][^\s<>"]*)?"#,
        ))
        .map(Self)
    }
}

/// Sites where any page is a person's: social networks, fundraisers,
/// payment links, messaging links.
const PERSONAL_HOSTS: &[&str] = &[
    "facebook.com",
    "fb.com",
    "instagram.com",
    "twitter.com",
    "x.com",
    "tiktok.com",
    "linkedin.com",
    "youtube.com",
    "youtu.be",
    "gofundme.com",
    "gofund.me",
    "venmo.com",
    "cash.app",
    "paypal.me",
    "paypal.com",
    "caringbridge.org",
    "mealtrain.com",
    "snapchat.com",
    "pinterest.com",
    "reddit.com",
    "threads.net",
    "givesendgo.com",
    "spot.fund",
    "wa.me",
    "t.me",
    "zoom.us",
    "calendly.com",
    "medium.com",
    "substack.com",
    "patreon.com",
    "onlyfans.com",
    "whatsapp.com",
    "m.me",
    "gf.me",
    "doxy.me",
    "whereby.com",
    "linktr.ee",
    "lotsahelpinghands.com",
    "everloved.com",
    "legacy.com",
    "fundly.com",
    "mightycause.com",
    "bsky.app",
];

/// Hosting sites where the subdomain is someone's own site
/// ("lenasroadback.wordpress.com", "diariodemiabuela.blogspot.com"): any
/// subdomain but "www" is personal, even without a path.
const PERSONAL_SUBDOMAIN_HOSTS: &[&str] = &[
    "wordpress.com",
    "blogspot.com",
    "tumblr.com",
    "substack.com",
    "wixsite.com",
    "weebly.com",
    "github.io",
    "square.site",
    "carrd.co",
    "mystrikingly.com",
    "caringbridge.org",
    // Apps a person runs for themselves (a Nightscout glucose site).
    "herokuapp.com",
    "netlify.app",
    "vercel.app",
    "fly.dev",
    "onrender.com",
    "glitch.me",
    "ns.10be.de",
];

/// Whether a path segment or query value identifies someone. A person's
/// name counts only off the facilities' own sites (a provider's page on the
/// organisation's site is the organisation's).
fn identifying(segment: &str, facility_site: bool) -> bool {
    if segment.is_empty() {
        return false;
    }
    if segment.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let letters: Vec<char> = segment.chars().filter(|c| c.is_alphabetic()).collect();
    // Random tokens mix cases inside ("zMeAbck9", "HbC6iTAs").
    let inner_upper = letters.iter().skip(1).any(|c| c.is_uppercase());
    let inner_lower = letters.iter().any(|c| c.is_lowercase());
    if inner_upper && inner_lower {
        return true;
    }
    // A person's name ("jane.doe", "john-smith").
    if facility_site {
        return false;
    }
    let lex = lexicon();
    let parts: Vec<String> = segment
        .split(['.', '-', '_'])
        .map(str::to_lowercase)
        .collect();
    // "@rosa.g", "help-rosa-garcia": a handle, or a census name among the
    // parts.
    segment.starts_with(['@', '~'])
        || parts.len() >= 2
            && parts.iter().any(|p| {
                let e = lex.get(p);
                e.is_name() && !e.is_ordinary()
            })
}

/// Whether `host` is a subdomain of `parent` ("blog.x.com" of "x.com").
fn is_subdomain(host: &str, parent: &str) -> bool {
    host.strip_suffix(parent)
        .is_some_and(|sub| sub.ends_with('.'))
}

/// Whether the URL carries an identifier; `facility_hosts` are the
/// organisation's web hosts (see `organisation::web_host`).
pub fn carries_identifier(url: &str, facility_hosts: &[String]) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (host, path) = rest.split_once(['/', '?', '#']).unwrap_or((rest, ""));
    if host.contains('@') || rest.contains('?') || rest.contains('=') {
        return true;
    }
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let facility_site = facility_hosts
        .iter()
        .any(|h| host == h || is_subdomain(host, h));
    // A page on a social, fundraising or payment site is someone's.
    let personal_site = PERSONAL_HOSTS
        .iter()
        .any(|h| host == *h || is_subdomain(host, h));
    if personal_site && path.split('/').any(|p| !p.is_empty()) {
        return true;
    }
    let own_subdomain = PERSONAL_SUBDOMAIN_HOSTS.iter().any(|h| {
        host.strip_suffix(h)
            .and_then(|sub| sub.strip_suffix('.'))
            .is_some_and(|sub| !sub.is_empty() && sub != "www")
    });
    if own_subdomain {
        return true;
    }
    path.split(['/', '?', '&', '=', '#'])
        .any(|segment| identifying(segment, facility_site))
}

/// "my blog www.rosasjourney.com", "her page is lenaheals.net", "mi blog:
/// ...": a site a possessive says is someone's own (not a facility's).
fn owned_site(before: &str, url: &str, facility_hosts: &[String]) -> bool {
    let words: Vec<&str> = super::tail(before, 40)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let n = words.len();
    let site = |w: &str| {
        matches!(
            w,
            "blog" | "website" | "site" | "page" | "channel" | "profile" | "podcast" | "vlog"
        )
    };
    let owner = |w: &str| {
        matches!(
            w,
            "my" | "our" | "his" | "her" | "their" | "mi" | "su" | "nuestro" | "nuestra"
        )
    };
    // "my blog URL", "my blog is URL", "el blog de mi hija" is left alone.
    let owned = (n >= 2 && site(words[n - 1]) && owner(words[n - 2]))
        || (n >= 3
            && matches!(words[n - 1], "is" | "es")
            && site(words[n - 2])
            && owner(words[n - 3]));
    if !owned {
        return false;
    }
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    !facility_hosts
        .iter()
        .any(|h| host == h || is_subdomain(host, h))
}

impl Detector for Urls {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if !scan.profile.url_hint {
            return;
        }
        for m in self.0.find_iter(text) {
            // Sentence punctuation right after a URL is not part of it.
            let url = m
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
            if carries_identifier(url, scan.facility_hosts)
                || owned_site(&scan.lower[..m.start()], url, scan.facility_hosts)
            {
                out.push(Finding::new(m.start(), m.start() + url.len(), Kind::Url));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_bearing_urls() {
        for url in [
            "https://northgatefm.org/r/zMeAbck9",
            "https://portal.willowcreekbh.org/results/00146822",
            "https://stbrendanmc.org/forms?patient=46908125&t=d6ipyz",
            "go.cedar.care/rKL61da",
            "www.summitcardio.net/bill/6013711873",
            "http://pinecrestortho.com/checkin?pid=9457958",
            "facebook.com/jessica.hernandez",
            "gofundme.com/f/help-for-grandma",
            "https://www.instagram.com/sunnyday",
            "caringbridge.org/visit/ourjourney",
            "fundraiser.org/help-marisol-get-home",
        ] {
            assert!(carries_identifier(url, &[]), "{url}");
        }
    }

    #[test]
    fn provider_pages_on_facility_sites() {
        let hosts = ["oakvalleyhealth.org".to_owned()];
        assert!(!carries_identifier(
            "oakvalleyhealth.org/doctors/sarah-jones",
            &hosts
        ));
        assert!(carries_identifier("facebook.com/sarah.jones", &hosts));
        assert!(carries_identifier(
            "https://portal.oakvalleyhealth.org/r/8812",
            &hosts
        ));
    }

    #[test]
    fn generic_pages() {
        for url in [
            "https://www.cedarridgeclinic.com/billing",
            "www.oakvalleyhealth.org",
            "healthcare.gov",
            "cdc.gov/flu",
            "pinecrestortho.com/visitor-policy",
            "HTTPS://WWW.CEDARRIDGECLINIC.COM/PAY",
        ] {
            assert!(!carries_identifier(url, &[]), "{url}");
        }
    }

    #[test]
    fn rooms_and_personal_sites() {
        for url in [
            "https://doxy.me/drbenavides",
            "teamgrandpajoe.blogspot.com",
            "https://ourjourney.wordpress.com",
            "linktr.ee/yesi.mtz",
            "https://danielt1d.herokuapp.com",
        ] {
            assert!(carries_identifier(url, &[]), "{url}");
        }
        assert!(!carries_identifier("https://wordpress.com", &[]));
        assert!(!carries_identifier("https://www.blogspot.com", &[]));
        assert!(!carries_identifier("https://www.herokuapp.com", &[]));
    }
}
