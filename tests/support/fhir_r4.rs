//! HL7's official FHIR R4 JSON schema (`fhir.schema.json`, installed into
//! `.tools/fhir` by `cargo xtask setup`), to check what carewire sends to a
//! FHIR server against FHIR itself rather than against our own reading of it.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use serde_json::Value;

/// The official schema, parsed once per test binary.
static SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.tools/fhir/fhir.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the FHIR R4 schema {}: {e} (run `cargo xtask setup` first)",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("fhir.schema.json is JSON")
});

static VALIDATORS: LazyLock<Mutex<HashMap<String, &'static jsonschema::Validator>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// A validator for one resource type: the official schema with its root
/// pointing at that type's definition.
fn validator(resource_type: &str) -> &'static jsonschema::Validator {
    let mut validators = VALIDATORS.lock().unwrap_or_else(|e| e.into_inner());
    validators
        .entry(resource_type.to_string())
        .or_insert_with(|| {
            let mut schema = SCHEMA.clone();
            let root = schema.as_object_mut().expect("the schema is an object");
            assert!(
                root["definitions"].get(resource_type).is_some(),
                "FHIR R4 has no resource type {resource_type}"
            );
            root.remove("oneOf");
            root.remove("discriminator");
            root.insert(
                "$ref".into(),
                Value::String(format!("#/definitions/{resource_type}")),
            );
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft6)
                .build(&schema)
                .unwrap_or_else(|e| panic!("the FHIR schema does not compile: {e}"));
            Box::leak(Box::new(validator))
        })
}

/// Every way `resource` breaks FHIR R4 (by its own `resourceType`), as
/// `<path>: <error>` lines; empty when it is valid.
pub fn errors(resource: &Value) -> Vec<String> {
    let Some(kind) = resource["resourceType"].as_str() else {
        return vec!["/resourceType: missing".into()];
    };
    validator(kind)
        .iter_errors(resource)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Panics, naming each error, unless `resource` is valid FHIR R4.
#[track_caller]
pub fn assert_valid(what: &str, resource: &Value) {
    let errors = errors(resource);
    assert!(
        errors.is_empty(),
        "{what} is not valid FHIR R4:\n  {}\n{resource:#}",
        errors.join("\n  ")
    );
}
