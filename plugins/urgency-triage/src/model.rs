//! The learned second opinion: a logistic regression over the hashed
//! features of [`crate::features`], its weights quantised to one byte each
//! and embedded in the plugin (`model/urgency.model`, written by
//! `cargo xtask train urgency`). It only ever adds an escalation to the
//! rules' answer.
//!
//! File layout (little endian): `CWUT`, format version (u8), feature bits
//! (u8), two zero bytes, the features' fingerprint (u32), the weight scale
//! (f32), the bias (f32), the decision thresholds on the logit (f32 each)
//! for a message with a sign the rules did not discount, for one without
//! any sign and for one whose signs the rules all discounted (see
//! `features::Evidence`),
//! then `1 << bits` weights (i8; weight = byte * scale).

use crate::features::{BITS, Evidence};

/// The trained model, built into the plugin.
pub const EMBEDDED: &[u8] = include_bytes!("../model/urgency.model");

const MAGIC: &[u8; 4] = b"CWUT";
const FORMAT: u8 = 3;
const HEADER: usize = 32;

/// A model read from its bytes (borrowed: no copy of the weights).
#[derive(Debug, Clone, Copy)]
pub struct Model<'a> {
    scale: f32,
    bias: f32,
    thresholds: Thresholds,
    weights: &'a [u8],
}

fn f32_at(bytes: &[u8], at: usize) -> f32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    f32::from_le_bytes(b)
}

impl<'a> Model<'a> {
    /// Reads a model file; refuses one of another format, feature size or
    /// feature code (`fingerprint`, see `Triage::fingerprint`).
    pub fn parse(bytes: &'a [u8], fingerprint: u32) -> Result<Self, String> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC || bytes[4] != FORMAT {
            return Err("urgency-triage: not a model file of this format".to_owned());
        }
        if u32::from(bytes[5]) != BITS || bytes.len() != HEADER + (1 << BITS) {
            return Err("urgency-triage: the model has another feature size".to_owned());
        }
        let mut fp = [0u8; 4];
        fp.copy_from_slice(&bytes[8..12]);
        if u32::from_le_bytes(fp) != fingerprint {
            return Err(
                "urgency-triage: the model was trained on other features: run `cargo xtask train urgency`"
                    .to_owned(),
            );
        }
        Ok(Self {
            scale: f32_at(bytes, 12),
            bias: f32_at(bytes, 16),
            thresholds: Thresholds {
                open: f32_at(bytes, 20),
                quiet: f32_at(bytes, 24),
                discounted: f32_at(bytes, 28),
            },
            weights: &bytes[HEADER..],
        })
    }

    /// The logit of "urgent" for a message's distinct features (in any
    /// order).
    pub fn logit(&self, features: &[u32]) -> f32 {
        if features.is_empty() {
            return self.bias;
        }
        let sum: i32 = features
            .iter()
            .map(|&f| i32::from(self.weights[f as usize] as i8))
            .sum();
        // Features are binary, the vector normalised to length 1.
        self.bias + self.scale * sum as f32 / (features.len() as f32).sqrt()
    }

    /// Whether the model calls a message with these features and this
    /// evidence urgent.
    pub fn urgent(&self, features: &[u32], evidence: Evidence) -> bool {
        self.logit(features) >= self.thresholds.of(evidence)
    }

    pub fn thresholds(&self) -> Thresholds {
        self.thresholds
    }
}

/// A model's thresholds on the logit, by what the rules' word classes see
/// (see `features::Evidence`).
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    pub open: f32,
    pub quiet: f32,
    pub discounted: f32,
}

impl Thresholds {
    pub fn of(&self, evidence: Evidence) -> f32 {
        match evidence {
            Evidence::Open => self.open,
            Evidence::Quiet => self.quiet,
            Evidence::Discounted => self.discounted,
        }
    }
}

/// Writes a model file from float weights (quantised here), for the
/// trainer.
pub fn encode(weights: &[f32], bias: f32, thresholds: Thresholds, fingerprint: u32) -> Vec<u8> {
    assert_eq!(weights.len(), 1 << BITS, "one weight per feature bucket");
    let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    let mut out = Vec::with_capacity(HEADER + weights.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[FORMAT, BITS as u8, 0, 0]);
    out.extend_from_slice(&fingerprint.to_le_bytes());
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend_from_slice(&bias.to_le_bytes());
    out.extend_from_slice(&thresholds.open.to_le_bytes());
    out.extend_from_slice(&thresholds.quiet.to_le_bytes());
    out.extend_from_slice(&thresholds.discounted.to_le_bytes());
    out.extend(
        weights
            .iter()
            .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::Triage;
    use crate::features::{self, Evidence};

    #[test]
    fn the_embedded_model_matches_the_feature_code() {
        let triage = Triage::rules_only(&[]).unwrap();
        let model = Model::parse(EMBEDDED, triage.fingerprint())
            .expect("model/urgency.model is valid and current: run `cargo xtask train urgency`");
        let t = model.thresholds();
        assert!(t.open.is_finite());
        assert!(t.quiet.is_finite());
        assert!(t.discounted >= t.open);
    }

    #[test]
    fn encode_and_parse_round_trip() {
        let mut weights = vec![0f32; 1 << BITS];
        let feats = features::features("help my chest hurts");
        for &f in &feats {
            weights[f as usize] = 2.0;
        }
        let thresholds = Thresholds {
            open: 0.5,
            quiet: 50.0,
            discounted: 100.0,
        };
        let bytes = encode(&weights, -1.0, thresholds, 7);
        let model = Model::parse(&bytes, 7).unwrap();
        assert!((model.logit(&feats) - (-1.0 + 2.0 * (feats.len() as f32).sqrt())).abs() < 0.05);
        assert!(model.urgent(&feats, Evidence::Open));
        assert!(!model.urgent(&feats, Evidence::Quiet));
        assert!(!model.urgent(&feats, Evidence::Discounted));
        assert!(!model.urgent(&features::features("see you friday"), Evidence::Open));
        assert!(Model::parse(&bytes, 8).is_err());
        assert!(Model::parse(&bytes[..100], 7).is_err());
    }
}
