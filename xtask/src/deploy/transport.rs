//! TLS on every hop of the Kubernetes set-up, and JetStream encryption in
//! the Helm values, by default:
//!
//! - carewire-config's carewire.toml: every NATS server `tls://`, with a CA
//!   and carewire's client certificate; the collector `https://` over gRPC
//!   with `[telemetry.tls]`; each of those files under a mount of a Secret
//!   that secret.example.yaml shows with that key;
//! - nats-values.yaml: client TLS with client certificates verified, route
//!   TLS, the CA, and `jetstream.merge` with a cipher and the key as a
//!   variable that the container's environment takes from a Secret;
//! - the collector: both OTLP receivers with a certificate and a client CA,
//!   no exporter with `insecure: true` or a plain `http://` endpoint.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, ensure};
use yaml_rust2::Yaml;

fn objects<'a>(
    root: &Path,
    docs: &'a BTreeMap<PathBuf, Vec<Yaml>>,
    kind: &str,
) -> Vec<(String, &'a Yaml)> {
    docs.iter()
        .filter(|(path, _)| path.starts_with(root.join("deploy/k8s")))
        .flat_map(|(path, ds)| ds.iter().map(move |d| (super::files::rel(root, path), d)))
        .filter(|(_, d)| d["kind"].as_str() == Some(kind))
        .collect()
}

/// The Secret (and its key) a pod file path comes from: the Deployment's
/// Secret volume mounted at the path's directory.
fn secret_of(deployment: &Yaml, path: &str) -> Option<(String, String)> {
    let (dir, file) = path.rsplit_once('/')?;
    let pod = &deployment["spec"]["template"]["spec"];
    let volumes = pod["volumes"].as_vec()?;
    pod["containers"]
        .as_vec()?
        .iter()
        .flat_map(|c| c["volumeMounts"].as_vec().cloned().unwrap_or_default())
        .filter(|m| m["mountPath"].as_str().map(|p| p.trim_end_matches('/')) == Some(dir))
        .find_map(|m| {
            volumes
                .iter()
                .find(|v| v["name"] == m["name"])
                .and_then(|v| v["secret"]["secretName"].as_str())
                .map(|s| (s.to_string(), file.to_string()))
        })
}

pub(super) fn check(root: &Path, docs: &BTreeMap<PathBuf, Vec<Yaml>>) -> anyhow::Result<()> {
    let secrets = objects(root, docs, "Secret");
    let has_secret_key = |name: &str, key: &str| {
        secrets.iter().any(|(_, s)| {
            s["metadata"]["name"].as_str() == Some(name) && !s["stringData"][key].is_badvalue()
        })
    };
    let deployments = objects(root, docs, "Deployment");
    let (dfile, deployment) = deployments
        .first()
        .ok_or_else(|| anyhow!("deploy/k8s: no Deployment"))?;
    let configmaps = objects(root, docs, "ConfigMap");
    let (cfile, configmap) = configmaps
        .iter()
        .find(|(_, c)| !c["data"]["carewire.toml"].is_badvalue())
        .ok_or_else(|| anyhow!("deploy/k8s: no ConfigMap with carewire.toml"))?;
    let config: toml::Table = configmap["data"]["carewire.toml"]
        .as_str()
        .unwrap_or("")
        .parse()?;
    let get = |path: &str| -> Option<&toml::Value> {
        let mut keys = path.split('.');
        let mut at = config.get(keys.next()?)?;
        for key in keys {
            at = at.get(key)?;
        }
        Some(at)
    };
    let text = |path: &str| get(path).and_then(toml::Value::as_str).unwrap_or("");

    // carewire -> NATS
    let url = text("nats.url");
    ensure!(
        !url.is_empty() && url.split(',').all(|u| u.trim().starts_with("tls://")),
        "{cfile}: nats.url {url:?}: every server must be tls://"
    );
    ensure!(
        get("nats.tls.required").and_then(toml::Value::as_bool) != Some(false),
        "{cfile}: nats.tls.required is false"
    );
    // carewire -> collector
    let endpoint = text("telemetry.otlp_endpoint");
    ensure!(
        endpoint.starts_with("https://") && text("telemetry.otlp_protocol") == "grpc",
        "{cfile}: telemetry must go to the collector over TLS: otlp_endpoint https://, \
         otlp_protocol \"grpc\" (it is {endpoint:?})"
    );
    let mut files = 0;
    for key in [
        "nats.tls.ca_file",
        "nats.tls.cert_file",
        "nats.tls.key_file",
        "telemetry.tls.ca_file",
        "telemetry.tls.cert_file",
        "telemetry.tls.key_file",
    ] {
        let path = text(key);
        ensure!(!path.is_empty(), "{cfile}: {key} is not set");
        let (secret, file) = secret_of(deployment, path).ok_or_else(|| {
            anyhow!("{cfile}: {key} {path} is not in a Secret mounted by {dfile}")
        })?;
        ensure!(
            has_secret_key(&secret, &file),
            "{cfile}: {key} {path} reads key {file} of Secret {secret}, which \
             secret.example.yaml does not show"
        );
        files += 1;
    }

    // NATS itself (Helm values)
    let values_path = root.join("deploy/k8s/nats-values.yaml");
    let vfile = super::files::rel(root, &values_path);
    let values = docs
        .get(&values_path)
        .and_then(|d| d.first())
        .ok_or_else(|| anyhow!("{vfile} is missing"))?;
    let c = &values["config"];
    for (what, ok) in [
        (
            "config.nats.tls.enabled: true",
            c["nats"]["tls"]["enabled"].as_bool() == Some(true),
        ),
        (
            "config.nats.tls.merge.verify: true (client certificates)",
            c["nats"]["tls"]["merge"]["verify"].as_bool() == Some(true),
        ),
        (
            "config.cluster.tls.enabled: true",
            c["cluster"]["tls"]["enabled"].as_bool() == Some(true),
        ),
        (
            "tlsCA.enabled: true",
            values["tlsCA"]["enabled"].as_bool() == Some(true),
        ),
        (
            "config.jetstream.merge.cipher: aes or chachapoly",
            matches!(
                c["jetstream"]["merge"]["cipher"].as_str(),
                Some("aes" | "chachapoly")
            ),
        ),
    ] {
        ensure!(ok, "{vfile}: {what} is missing");
    }
    let key = c["jetstream"]["merge"]["key"].as_str().unwrap_or("");
    let var = key
        .strip_prefix("<< $")
        .and_then(|k| k.strip_suffix(" >>"))
        .ok_or_else(|| {
            anyhow!(
                "{vfile}: config.jetstream.merge.key must be a variable (<< $JS_KEY >>), \
                 never the key itself"
            )
        })?;
    let from = &values["container"]["env"][var]["valueFrom"]["secretKeyRef"];
    ensure!(
        from["name"].as_str().is_some() && from["key"].as_str().is_some(),
        "{vfile}: the encryption key variable {var} must come from a Secret \
         (container.env.{var}.valueFrom.secretKeyRef)"
    );

    // The collector
    let collector_path = root.join("deploy/otel/collector.yaml");
    let ofile = super::files::rel(root, &collector_path);
    let collector = docs
        .get(&collector_path)
        .and_then(|d| d.first())
        .ok_or_else(|| anyhow!("{ofile} is missing"))?;
    for protocol in ["grpc", "http"] {
        let tls = &collector["receivers"]["otlp"]["protocols"][protocol]["tls"];
        for key in ["cert_file", "key_file", "client_ca_file"] {
            ensure!(
                tls[key].as_str().is_some(),
                "{ofile}: receivers.otlp.protocols.{protocol}.tls.{key} is missing: \
                 the OTLP receiver must be TLS with client certificates"
            );
        }
    }
    for (name, exporter) in collector["exporters"].as_hash().into_iter().flatten() {
        let name = name.as_str().unwrap_or("?");
        ensure!(
            exporter["tls"]["insecure"].as_bool() != Some(true),
            "{ofile}: exporter {name} has tls.insecure: true"
        );
        if let Some(endpoint) = exporter["endpoint"].as_str() {
            ensure!(
                !endpoint.starts_with("http://"),
                "{ofile}: exporter {name} sends to {endpoint} without TLS"
            );
        }
    }
    println!(
        "  tls   carewire -> NATS (tls://, client certificate) and -> collector (https, gRPC, \
         client certificate): {files} files from Secrets; NATS values: client and route TLS, \
         verify, JetStream cipher with ${var} from a Secret; collector: TLS receivers and exporters"
    );
    Ok(())
}
