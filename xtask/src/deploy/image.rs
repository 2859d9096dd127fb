//! The container image: its carewire.toml (examples/carewire.toml with the
//! Dockerfile's rewrites) and the Dockerfile's stages, inputs and health
//! check.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{anyhow, ensure};

use super::carewire_config::carewire_accepts;
use super::files::read;

/// Where the image keeps its plugins (deploy/docker/Dockerfile).
const IMAGE_PLUGIN_DIR: &str = "/usr/share/carewire/plugins/";
/// Where the image keeps the plain-language opt-out files (examples/replies).
const IMAGE_REPLIES_DIR: &str = "/usr/share/carewire/replies/";

/// The image's carewire.toml, assembled as the Dockerfile does.
pub(super) fn check_image_config(root: &Path) -> anyhow::Result<()> {
    let example = read(root, &root.join("examples/carewire.toml"))?;
    let extra = read(root, &root.join("deploy/docker/container.toml"))?;
    let mut text = example
        .replace("\"../build/plugins/", &format!("\"{IMAGE_PLUGIN_DIR}"))
        .replace("\"replies/", &format!("\"{IMAGE_REPLIES_DIR}"))
        .replace("\"../.carewire/cache\"", "\"/var/cache/carewire\"");
    text.push_str(&extra);
    let table = text
        .parse::<toml::Table>()
        .map_err(|e| anyhow!("the image's carewire.toml (examples/carewire.toml + deploy/docker/container.toml) does not parse: {e}"))?;
    plugins_in_image(
        &table,
        "the image's carewire.toml",
        " (deploy/docker/Dockerfile's sed expects \"../build/plugins/...\" in examples/carewire.toml)",
    )?;
    let plain_language = table
        .get("channels")
        .and_then(|c| c.get("sms"))
        .and_then(|s| s.get("replies"))
        .and_then(|r| r.get("plain_language"))
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten();
    for path in plain_language {
        let path = path.as_str().unwrap_or("");
        let file = path.strip_prefix(IMAGE_REPLIES_DIR).ok_or_else(|| {
            anyhow!(
                "the image's carewire.toml: plain-language file {path} is not rewritten to \
                 {IMAGE_REPLIES_DIR} (deploy/docker/Dockerfile's sed expects \"replies/...\" in \
                 examples/carewire.toml)"
            )
        })?;
        ensure!(
            root.join("examples/replies").join(file).is_file(),
            "the image's carewire.toml names {path}, but examples/replies/{file} (copied there) is missing"
        );
    }
    println!(
        "  toml  image /etc/carewire/carewire.toml (examples/carewire.toml + deploy/docker/container.toml)"
    );
    carewire_accepts(
        "the image's /etc/carewire/carewire.toml",
        &text,
        &[],
        Path::new("/etc/carewire"),
    )?;
    Ok(())
}

pub(super) fn check_dockerfile(root: &Path) -> anyhow::Result<()> {
    let file = root.join("deploy/docker/Dockerfile");
    let text = read(root, &file)?;
    let mut stages = 0;
    for line in text.lines().map(str::trim) {
        let upper = line.to_uppercase();
        if upper.starts_with("FROM ") {
            stages += 1;
        }
        if let Some(cmd) = line
            .strip_prefix("CMD [")
            .or(line.strip_prefix("ENTRYPOINT ["))
        {
            serde_json::from_str::<Vec<String>>(&format!("[{cmd}")).map_err(|e| {
                anyhow!("deploy/docker/Dockerfile: `{line}` is not a JSON array: {e}")
            })?;
        }
        if let Some(user) = line.strip_prefix("USER ") {
            let user = user.split(':').next().unwrap_or("");
            ensure!(
                user.parse::<u32>().is_ok_and(|u| u != 0),
                "deploy/docker/Dockerfile: USER must be a numeric non-root id (Kubernetes' runAsNonRoot checks it)"
            );
        }
    }
    ensure!(
        stages >= 2,
        "deploy/docker/Dockerfile: expected a multi-stage build"
    );
    let unpinned = base_images_without_digest(&text)?;
    // The health check's exec form, joined across its continuation line.
    let joined = text.replace("\\\n", " ");
    let hc = joined
        .lines()
        .find(|l| l.trim_start().starts_with("HEALTHCHECK"))
        .ok_or_else(|| anyhow!("deploy/docker/Dockerfile: no HEALTHCHECK"))?;
    let array = hc
        .split_once("CMD ")
        .map(|(_, a)| a.trim())
        .ok_or_else(|| anyhow!("deploy/docker/Dockerfile: HEALTHCHECK without CMD"))?;
    serde_json::from_str::<Vec<String>>(array).map_err(|e| {
        anyhow!("deploy/docker/Dockerfile: HEALTHCHECK CMD is not a JSON array: {e}")
    })?;
    for input in [
        "examples/carewire.toml",
        "examples/replies/plain_language.en.toml",
        "deploy/docker/container.toml",
        "deploy/docker/Dockerfile.dockerignore",
    ] {
        ensure!(
            root.join(input).is_file(),
            "deploy/docker/Dockerfile needs {input}, which is missing"
        );
    }
    println!(
        "  dock  deploy/docker/Dockerfile: {stages} stages, inputs present, health check well-formed"
    );
    if !unpinned.is_empty() {
        println!(
            "  note  deploy/docker/Dockerfile: base images by tag, not digest: {} \
             (pass --build-arg ...@sha256:<digest> for a build you ship)",
            unpinned.join(", ")
        );
    }
    Ok(())
}

/// The base images of the Dockerfile's stages (ARG defaults resolved) that
/// carry no digest; fails on a digest that is not `sha256:` and 64 hex digits.
fn base_images_without_digest(text: &str) -> anyhow::Result<Vec<String>> {
    let mut args = BTreeMap::new();
    let mut unpinned = Vec::new();
    let stage_names: Vec<String> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("FROM "))
        .filter_map(|f| f.split_whitespace().nth(2).map(str::to_string))
        .collect();
    for line in text.lines().map(str::trim) {
        if let Some((name, value)) = line.strip_prefix("ARG ").and_then(|a| a.split_once('=')) {
            args.insert(format!("${{{}}}", name.trim()), value.trim().to_string());
        }
        let Some(image) = line
            .strip_prefix("FROM ")
            .and_then(|f| f.split_whitespace().next())
        else {
            continue;
        };
        let image = args
            .get(image)
            .cloned()
            .unwrap_or_else(|| image.to_string());
        if stage_names.contains(&image) {
            continue; // an earlier stage, not a base image
        }
        match image.split_once("@sha256:") {
            Some((_, digest)) => ensure!(
                digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()),
                "deploy/docker/Dockerfile: {image}: a digest is sha256: and 64 hex digits"
            ),
            None => unpinned.push(image),
        }
    }
    Ok(unpinned)
}

/// Every `[[plugins]] path` of `config` lies in the image's plugin directory;
/// `what` names the file, `hint` says how it should have got there.
pub(super) fn plugins_in_image(config: &toml::Table, what: &str, hint: &str) -> anyhow::Result<()> {
    for p in config
        .get("plugins")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
    {
        let path = p.get("path").and_then(|v| v.as_str()).unwrap_or("");
        ensure!(
            path.starts_with(IMAGE_PLUGIN_DIR),
            "{what}: plugin path {path} is not in the image's {IMAGE_PLUGIN_DIR}{hint}"
        );
    }
    Ok(())
}
