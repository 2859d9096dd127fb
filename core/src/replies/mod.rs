//! Two-way SMS: replies from patients. Carrier keywords (STOP, START, HELP
//! and their synonyms) and plain-language revocations change SMS consent at
//! once.

pub mod consent_update;
pub mod keywords;
