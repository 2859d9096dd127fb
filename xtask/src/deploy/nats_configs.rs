//! Every NATS config under deploy/nats through `nats-server -t`, with
//! throwaway certificates (made by openssl) in place of the placeholder paths
//! under /etc/nats/tls/, and the rules of [`super::nats_rules`].

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, anyhow, bail, ensure};

use super::files::{extension, files_under, read, rel};
use super::nats_rules;

/// The directory of the placeholder certificate paths in the NATS configs.
const TLS_PLACEHOLDER_DIR: &str = "/etc/nats/tls/";

pub(super) struct Certs {
    pub(super) ca: PathBuf,
    pub(super) cert: PathBuf,
    pub(super) key: PathBuf,
}

/// A CA and one certificate signed by it (localhost, 127.0.0.1; server and
/// client use), made by openssl in `dir`.
pub(super) fn throwaway_certs(dir: &Path) -> anyhow::Result<Certs> {
    std::fs::create_dir_all(dir)?;
    let openssl = |args: &[&str]| -> anyhow::Result<()> {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    anyhow!(
                        "openssl is needed to make throwaway certificates for the TLS \
                         configs under deploy/nats, and it is not on PATH \
                         (Debian: apt-get install openssl)"
                    )
                } else {
                    anyhow!("cannot run openssl: {e}")
                }
            })?;
        if !out.status.success() {
            bail!(
                "openssl {} failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509"];
    ca.extend(ec);
    ca.extend([
        "-days",
        "1",
        "-subj",
        "/CN=carewire check-deploy CA",
        "-keyout",
        "ca-key.pem",
        "-out",
        "ca.pem",
    ]);
    openssl(&ca)?;
    let mut csr = vec!["req"];
    csr.extend(ec);
    csr.extend([
        "-subj",
        "/CN=localhost",
        "-keyout",
        "leaf-key.pem",
        "-out",
        "leaf.csr",
    ]);
    openssl(&csr)?;
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n\
         extendedKeyUsage=serverAuth,clientAuth\n\
         keyUsage=digitalSignature\n\
         basicConstraints=CA:FALSE\n",
    )?;
    openssl(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-set_serial",
        "1",
        "-days",
        "1",
        "-extfile",
        "leaf.ext",
        "-out",
        "leaf.pem",
    ])?;
    Ok(Certs {
        ca: dir.join("ca.pem"),
        cert: dir.join("leaf.pem"),
        key: dir.join("leaf-key.pem"),
    })
}

/// Replaces each placeholder certificate path (`/etc/nats/tls/<file>.pem`)
/// with a throwaway file: names with `key` get the key, names starting with
/// `ca` the CA, the rest the certificate. Returns the text and the count.
pub(super) fn substitute_tls_paths(text: &str, certs: &Certs) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut count = 0;
    while let Some(at) = rest.find(TLS_PLACEHOLDER_DIR) {
        let after = &rest[at + TLS_PLACEHOLDER_DIR.len()..];
        let end = after
            .find(|c: char| c == '"' || c == '\'' || c.is_whitespace())
            .unwrap_or(after.len());
        let name = &after[..end];
        out.push_str(&rest[..at]);
        if [".pem", ".crt", ".key"].iter().any(|x| name.ends_with(x)) {
            let file = if name.contains("key") {
                &certs.key
            } else if name.starts_with("ca") {
                &certs.ca
            } else {
                &certs.cert
            };
            out.push_str(&file.display().to_string());
            count += 1;
        } else {
            out.push_str(TLS_PLACEHOLDER_DIR);
            out.push_str(name);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    (out, count)
}

/// Copies every `.conf` under deploy/nats into `scratch` (so relative
/// includes still work), with throwaway certificates, checks it against
/// [`nats_rules::check_rules`], and runs `nats-server -t` on each (with a
/// throwaway JetStream key; without it, a config that encrypts must fail).
pub(super) fn check_nats_configs(
    root: &Path,
    nats_server: &Path,
    scratch: &Path,
    certs: &Certs,
) -> anyhow::Result<usize> {
    let src = root.join("deploy/nats");
    let dst = scratch.join("nats");
    let confs: Vec<PathBuf> = files_under(&src)?
        .into_iter()
        .filter(|p| extension(p) == "conf")
        .collect();
    ensure!(!confs.is_empty(), "no .conf file under deploy/nats");
    let mut copies = Vec::new();
    for conf in &confs {
        let (text, substituted) = substitute_tls_paths(&read(root, conf)?, certs);
        let copy = dst.join(conf.strip_prefix(&src)?);
        if let Some(parent) = copy.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&copy, text)?;
        copies.push((conf, copy, substituted));
    }
    for (conf, copy, substituted) in &copies {
        let text = read(root, conf)?;
        nats_rules::check_rules(&rel(root, conf), &text)?;
        nats_rules::refuses_without_key(&rel(root, conf), nats_server, copy, &text)?;
        let out = Command::new(nats_server)
            .arg("-t")
            .arg("-c")
            .arg(copy)
            .current_dir(copy.parent().unwrap_or(&dst))
            .env(
                nats_rules::KEY_VAR,
                "check-deploy-throwaway-key-0123456789abcdef",
            )
            .output()
            .with_context(|| format!("cannot run {}", nats_server.display()))?;
        if !out.status.success() {
            bail!(
                "{}: `nats-server -t` refuses it:\n{}{}",
                rel(root, conf),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let with = if *substituted > 0 {
            format!(" ({substituted} certificate paths -> throwaway certificates)")
        } else {
            String::new()
        };
        println!("  nats  {}: valid{with}", rel(root, conf));
    }
    Ok(copies.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_placeholders_become_the_throwaway_files() {
        let certs = Certs {
            ca: "/t/ca.pem".into(),
            cert: "/t/leaf.pem".into(),
            key: "/t/leaf-key.pem".into(),
        };
        let text = "# the /etc/nats/tls/ paths\ncert_file: \"/etc/nats/tls/route.pem\"\n\
                    key_file: \"/etc/nats/tls/route-key.pem\"\nca_file: \"/etc/nats/tls/ca.pem\"\n";
        let (out, n) = substitute_tls_paths(text, &certs);
        assert_eq!(n, 3);
        assert!(out.contains("# the /etc/nats/tls/ paths"), "{out}");
        assert!(out.contains("cert_file: \"/t/leaf.pem\""), "{out}");
        assert!(out.contains("key_file: \"/t/leaf-key.pem\""), "{out}");
        assert!(out.contains("ca_file: \"/t/ca.pem\""), "{out}");
    }
}
