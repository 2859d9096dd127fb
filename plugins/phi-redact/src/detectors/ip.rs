//! IP addresses: IPv4 dotted quads (each part 0-255) and IPv6 (four or more
//! hex groups, or a `::` form with a hex letter or three groups).

use regex::Regex;

use super::{Detector, Scan, stands_alone};
use crate::finding::{Finding, Kind};

pub struct IpAddresses {
    v4: Regex,
    v6: Regex,
}

impl IpAddresses {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            v4: super::compile(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b")?,
            v6: super::compile(r"(?i)\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b")?,
        })
    }
}

fn valid_v4(ip: &str) -> bool {
    ip.split('.')
        .all(|p| p.parse::<u32>().is_ok_and(|n| n <= 255))
}

fn valid_v6(ip: &str) -> bool {
    let groups = ip.split(':').filter(|g| !g.is_empty()).count();
    let hex_letter = ip.chars().any(|c| c.is_ascii_alphabetic());
    groups >= 4 || (ip.contains("::") && (hex_letter || groups >= 3))
}

impl Detector for IpAddresses {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if scan.profile.dotted_digits >= 3 {
            for m in self.v4.find_iter(text) {
                let glued = text[m.end()..].starts_with('.')
                    && text[m.end() + 1..].starts_with(|c: char| c.is_ascii_digit());
                if valid_v4(m.as_str()) && !glued {
                    out.push(Finding::new(m.start(), m.end(), Kind::Ip));
                }
            }
        }
        if scan.profile.colons >= 2 {
            for m in self.v6.find_iter(text) {
                if valid_v6(m.as_str()) && stands_alone(text, m.start(), m.end()) {
                    out.push(Finding::new(m.start(), m.end(), Kind::Ip));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ips(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&IpAddresses::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn v4_and_v6() {
        assert_eq!(ips("from IP 63.208.26.220 by"), vec!["63.208.26.220"]);
        assert_eq!(ips("from 3.121.244.6."), vec!["3.121.244.6"]);
        assert_eq!(
            ips("from f1ea:1a98:8fce:33a5:581:145f:345a:70f4 at"),
            vec!["f1ea:1a98:8fce:33a5:581:145f:345a:70f4"]
        );
        assert_eq!(ips("host fe80::1ff:fe23 up"), vec!["fe80::1ff:fe23"]);
    }

    #[test]
    fn not_ips() {
        assert!(ips("at 12:20 pm, 10:45:30, version 1.2.3, A1C 6.1, 999.1.1.1").is_empty());
    }
}
