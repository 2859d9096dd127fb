//! What every stage shares and that depends on no stage: the leaf of the
//! core's imports (it imports nothing of the core).

pub mod channel;
pub mod clock;
pub mod kv;
pub mod time_zone;
