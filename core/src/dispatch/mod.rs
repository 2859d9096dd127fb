//! Dispatch: a decided message is written once to the decisions ledger
//! (`ledger`) before anything is published, so a redelivered request is
//! never decided twice; its outputs then go to the dispatch stream for
//! delivery.

mod ledger;

pub use ledger::{Decisions, FirstDecision, TOO_LARGE};
