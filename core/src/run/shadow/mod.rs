//! Shadow mode: a candidate chain beside the current one, compared message
//! by message, with no side effects. `carewire replay --against` does it
//! offline ([`crate::run::replay::replay_against`]); `carewire shadow` on
//! live traffic ([`live`]).

pub mod diff;
pub mod live;
