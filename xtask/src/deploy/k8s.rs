//! The Kubernetes manifests against each other, the ConfigMap's plugin pins
//! against examples/carewire.toml, and the ConfigMap's carewire.toml as
//! carewire's config loader reads it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, anyhow, bail, ensure};
use yaml_rust2::Yaml;

use super::carewire_config::{ack_wait_secs, carewire_accepts, parse_quiet, stand_in_secret_files};
use super::files::{rel, which};
use super::image::plugins_in_image;
use super::nats_configs::Certs;

fn labels(y: &Yaml) -> BTreeMap<String, String> {
    y.as_hash()
        .map(|h| {
            h.iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

fn subset(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> bool {
    !a.is_empty() && a.iter().all(|(k, v)| b.get(k) == Some(v))
}

/// The carewire.toml pins by plugin name.
fn pins(table: &toml::Table) -> BTreeMap<String, String> {
    table
        .get("plugins")
        .and_then(|p| p.as_array())
        .map(|plugins| {
            plugins
                .iter()
                .filter_map(|p| {
                    Some((
                        p.get("name")?.as_str()?.to_string(),
                        p.get("sha256")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn check_k8s(
    root: &Path,
    docs: &BTreeMap<PathBuf, Vec<Yaml>>,
    certs: &Certs,
    scratch: &Path,
) -> anyhow::Result<()> {
    let k8s = root.join("deploy/k8s");
    let mut objects: Vec<(String, &Yaml)> = Vec::new();
    for (path, ds) in docs {
        if !path.starts_with(&k8s) {
            continue;
        }
        for d in ds {
            if d["kind"].as_str().is_some() {
                objects.push((rel(root, path), d));
            }
        }
    }
    let of_kind = |kind: &str| -> Vec<&(String, &Yaml)> {
        objects
            .iter()
            .filter(|(_, d)| d["kind"].as_str() == Some(kind))
            .collect()
    };
    let named = |kind: &str| -> BTreeSet<String> {
        of_kind(kind)
            .iter()
            .filter_map(|(_, d)| d["metadata"]["name"].as_str().map(str::to_string))
            .collect()
    };

    for (file, d) in &objects {
        let kind = d["kind"].as_str().unwrap_or("");
        if kind == "Kustomization" {
            for r in d["resources"].as_vec().into_iter().flatten() {
                let r = r.as_str().unwrap_or("");
                ensure!(
                    k8s.join(r).is_file(),
                    "{file}: resource {r} does not exist in deploy/k8s"
                );
            }
            continue;
        }
        ensure!(
            d["apiVersion"].as_str().is_some() && d["metadata"]["name"].as_str().is_some(),
            "{file}: a {kind} without apiVersion or metadata.name"
        );
        ensure!(
            d["metadata"]["namespace"].is_badvalue(),
            "{file}: {kind} names a namespace; the manifests are namespace-agnostic"
        );
    }

    let configmaps = named("ConfigMap");
    let secrets = named("Secret");
    // The environment a pod gets from its Secrets (the example's placeholders).
    let secret_env = |name: &str| -> Vec<(String, String)> {
        of_kind("Secret")
            .iter()
            .filter(|(_, d)| d["metadata"]["name"].as_str() == Some(name))
            .flat_map(|(_, d)| d["stringData"].as_hash().cloned().unwrap_or_default())
            .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
            .collect()
    };
    let deployments = of_kind("Deployment");
    ensure!(!deployments.is_empty(), "deploy/k8s: no Deployment");
    let mut pod_labels = Vec::new();
    let mut configs_checked = 0;
    for (file, d) in &deployments {
        let spec = &d["spec"];
        let pod = &spec["template"]["spec"];
        let selector = labels(&spec["selector"]["matchLabels"]);
        let template = labels(&spec["template"]["metadata"]["labels"]);
        ensure!(
            subset(&selector, &template),
            "{file}: the Deployment's selector does not match its pod labels"
        );
        pod_labels.push(template);

        let volumes = pod["volumes"].as_vec().cloned().unwrap_or_default();
        for v in &volumes {
            if let Some(cm) = v["configMap"]["name"].as_str() {
                ensure!(
                    configmaps.contains(cm),
                    "{file}: volume uses ConfigMap {cm}, which no file in deploy/k8s defines"
                );
            }
            if let Some(s) = v["secret"]["secretName"].as_str() {
                ensure!(
                    secrets.contains(s),
                    "{file}: volume uses Secret {s}, which secret.example.yaml does not show"
                );
            }
        }
        let grace = pod["terminationGracePeriodSeconds"].as_i64().unwrap_or(30);
        for c in pod["containers"].as_vec().into_iter().flatten() {
            let mut env = Vec::new();
            for e in c["envFrom"].as_vec().into_iter().flatten() {
                if let Some(s) = e["secretRef"]["name"].as_str() {
                    ensure!(
                        secrets.contains(s),
                        "{file}: envFrom uses Secret {s}, which secret.example.yaml does not show"
                    );
                    env.extend(secret_env(s));
                }
            }
            let ports: BTreeSet<&str> = c["ports"]
                .as_vec()
                .into_iter()
                .flatten()
                .filter_map(|p| p["name"].as_str())
                .collect();
            for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
                if let Some(port) = c[probe]["httpGet"]["port"].as_str() {
                    ensure!(
                        ports.contains(port),
                        "{file}: {probe} uses port {port}, which the container does not name"
                    );
                }
            }
            // carewire.toml from its ConfigMap: pins, cache dir, ack wait.
            let mounts = c["volumeMounts"].as_vec().cloned().unwrap_or_default();
            for m in &mounts {
                let vol = volumes
                    .iter()
                    .find(|v| v["name"].as_str() == m["name"].as_str());
                let Some(cm) = vol.and_then(|v| v["configMap"]["name"].as_str()) else {
                    continue;
                };
                let mount_path = m["mountPath"].as_str().unwrap_or("");
                for (cm_file, cm_doc) in of_kind("ConfigMap") {
                    if cm_doc["metadata"]["name"].as_str() != Some(cm) {
                        continue;
                    }
                    let Some(text) = cm_doc["data"]["carewire.toml"].as_str() else {
                        continue;
                    };
                    let config = text.parse::<toml::Table>()?;
                    check_k8s_config(root, cm_file, &config, grace, &volumes, &mounts)?;
                    // The files the pod reads from Secrets, as stand-ins here.
                    let secret_dirs: Vec<&str> = mounts
                        .iter()
                        .filter(|m| {
                            volumes.iter().any(|v| {
                                v["name"].as_str() == m["name"].as_str()
                                    && !v["secret"].is_badvalue()
                            })
                        })
                        .filter_map(|m| m["mountPath"].as_str())
                        .collect();
                    let text = stand_in_secret_files(text, &secret_dirs, certs, scratch)?;
                    carewire_accepts(
                        &format!("{cm_file} (data.carewire.toml, with the Secrets' variables)"),
                        &text,
                        &env,
                        Path::new(mount_path),
                    )?;
                    configs_checked += 1;
                }
            }
        }
    }
    ensure!(
        configs_checked > 0,
        "deploy/k8s: no Deployment mounts a ConfigMap with a carewire.toml key, so no carewire config was checked"
    );
    for kind in ["Service", "PodDisruptionBudget"] {
        for (file, d) in of_kind(kind) {
            let selector = if kind == "Service" {
                labels(&d["spec"]["selector"])
            } else {
                labels(&d["spec"]["selector"]["matchLabels"])
            };
            ensure!(
                pod_labels.iter().any(|l| subset(&selector, l)),
                "{file}: the {kind}'s selector matches no Deployment's pods"
            );
        }
    }
    let kustomized = match which("kubectl") {
        Some(kubectl) => {
            let out = Command::new(kubectl)
                .arg("kustomize")
                .arg(&k8s)
                .output()
                .context("cannot run kubectl")?;
            ensure!(
                out.status.success(),
                "`kubectl kustomize deploy/k8s` fails:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            "; kubectl kustomize ok"
        }
        None => "; no kubectl here",
    };
    println!(
        "  k8s   {} objects: selectors, ConfigMaps, Secrets, probe ports, plugin pins agree{kustomized}",
        objects.len()
    );
    Ok(())
}

/// The ConfigMap's carewire.toml against the Deployment and the example's pins.
fn check_k8s_config(
    root: &Path,
    file: &str,
    config: &toml::Table,
    grace_secs: i64,
    volumes: &[Yaml],
    mounts: &[Yaml],
) -> anyhow::Result<()> {
    let example = parse_quiet(&root.join("examples/carewire.toml"))?;
    let want = pins(&example);
    let have = pins(config);
    ensure!(!have.is_empty(), "{file}: carewire.toml has no [[plugins]]");
    for (name, sha) in &have {
        match want.get(name) {
            Some(w) if w == sha => {}
            Some(w) => bail!(
                "{file}: plugin {name} is pinned to {sha}, but examples/carewire.toml (the \
                 build of this commit, which the image carries) pins {w}: copy that pin"
            ),
            None => bail!(
                "{file}: plugin {name} is not in examples/carewire.toml, so no pin to compare"
            ),
        }
    }
    plugins_in_image(config, file, "")?;
    let cache = config
        .get("plugin_host")
        .and_then(|h| h.get("cache_dir"))
        .and_then(|c| c.as_str())
        .ok_or_else(|| anyhow!("{file}: carewire.toml sets no [plugin_host] cache_dir"))?;
    let writable = mounts.iter().any(|m| {
        m["mountPath"].as_str() == Some(cache)
            && volumes
                .iter()
                .any(|v| v["name"].as_str() == m["name"].as_str() && !v["emptyDir"].is_badvalue())
    });
    ensure!(
        writable,
        "{file}: plugin_host.cache_dir {cache} is not an emptyDir mount (the root filesystem is read-only)"
    );
    let ack_wait = ack_wait_secs(config);
    ensure!(
        grace_secs > ack_wait,
        "{file}: terminationGracePeriodSeconds ({grace_secs}) must stay above delivery.ack_wait_secs ({ack_wait})"
    );
    Ok(())
}
