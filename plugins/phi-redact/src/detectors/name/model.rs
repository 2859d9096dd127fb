//! The learned second opinion for names: a logistic regression over the
//! hashed features of `features.rs`, trained offline by `cargo xtask train
//! phi` on the train split of `corpus/` and embedded here
//! (`model/names.model`). Weights are quantised to `i8`; a word's score
//! is the integer sum of its features' weights, so the plugin and the
//! trainer agree to the bit on every platform. The model only adds names
//! the rules missed, when the score reaches the threshold stored with it
//! (set by family-grouped cross-validation).
//!
//! File: `CWNM`, a version byte, `BITS`, two zero bytes, the feature
//! fingerprint (u32), the threshold (i32), the scale of a weight in logit
//! units (f32), all little-endian, then `1 << BITS` weights.

use super::features::{BITS, fingerprint};

/// Weights in a model: one per feature bucket.
pub const WEIGHTS: usize = 1 << BITS;

const MAGIC: &[u8; 4] = b"CWNM";
const FORMAT: u8 = 1;
const HEADER: usize = 20;

/// The model shipped with the plugin.
const EMBEDDED: &[u8] = include_bytes!("../../../model/names.model");

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    weights: Vec<i8>,
    /// A word is a name when its score reaches this.
    pub threshold: i32,
    /// One unit of score in logits (for reports).
    pub scale: f32,
}

impl Model {
    /// The embedded model.
    pub fn embedded() -> Result<Self, &'static str> {
        Self::decode(EMBEDDED)
    }

    /// Reads a model file; refuses one of another format or feature set.
    pub fn decode(bytes: &[u8]) -> Result<Self, &'static str> {
        let size = HEADER + WEIGHTS;
        if bytes.len() != size || &bytes[..4] != MAGIC || bytes[4] != FORMAT {
            return Err("phi-redact: the name model has another format");
        }
        let word = |at: usize| [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
        if u32::from(bytes[5]) != BITS || u32::from_le_bytes(word(8)) != fingerprint() {
            return Err("phi-redact: the name model was trained on other features");
        }
        Ok(Self {
            threshold: i32::from_le_bytes(word(12)),
            scale: f32::from_le_bytes(word(16)),
            weights: bytes[HEADER..]
                .iter()
                .map(|&b| i8::from_le_bytes([b]))
                .collect(),
        })
    }

    /// Writes a model file (the trainer's side).
    pub fn encode(weights: &[i8], threshold: i32, scale: f32) -> Vec<u8> {
        assert_eq!(weights.len(), WEIGHTS, "one weight per feature bucket");
        let mut out = Vec::with_capacity(HEADER + weights.len());
        out.extend_from_slice(MAGIC);
        out.push(FORMAT);
        out.push(u8::try_from(BITS).unwrap_or(0));
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(&fingerprint().to_le_bytes());
        out.extend_from_slice(&threshold.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend(weights.iter().map(|w| w.to_le_bytes()[0]));
        out
    }

    /// The score of a word with these features.
    pub fn score(&self, features: &[u32]) -> i32 {
        features
            .iter()
            .map(|&f| i32::from(self.weights.get(f as usize).copied().unwrap_or(0)))
            .sum()
    }

    /// Whether a word with these features is a name.
    pub fn is_name(&self, features: &[u32]) -> bool {
        self.score(features) >= self.threshold
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_matches_the_features() {
        let model = Model::embedded().expect("the embedded model decodes");
        assert!(model.scale > 0.0);
        assert_eq!(
            Model::decode(&Model::encode(&model.weights, model.threshold, model.scale)),
            Ok(model)
        );
    }

    #[test]
    fn refuses_other_models() {
        let mut bytes = Model::encode(&vec![1; WEIGHTS], 3, 0.5);
        assert_eq!(Model::decode(&bytes).map(|m| m.score(&[0, 1, 1])), Ok(3));
        bytes[8] ^= 1;
        assert!(Model::decode(&bytes).is_err(), "another fingerprint");
        assert!(Model::decode(&bytes[..100]).is_err(), "truncated");
    }
}
