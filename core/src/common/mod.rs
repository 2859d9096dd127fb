//! What every stage shares and that depends on no stage: the leaf of the
//! core's imports (it imports nothing of the core).

pub mod buckets;
pub mod channel;
pub mod clock;
pub mod codes;
pub mod kv;
pub mod scope;
pub mod time_zone;
