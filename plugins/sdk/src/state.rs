//! Holds what `init` built (parsed config, compiled detectors) for the
//! `process` calls that follow.

use std::sync::{Mutex, MutexGuard};

/// A slot filled by `init` and read by `process`. Use it as a `static`.
pub struct PluginState<T> {
    slot: Mutex<Option<T>>,
}

impl<T> PluginState<T> {
    pub const fn new() -> Self {
        Self {
            slot: Mutex::new(None),
        }
    }

    /// Stores (or replaces) the state.
    pub fn set(&self, value: T) {
        *self.lock() = Some(value);
    }

    /// Runs `f` on the state; `Err("not_initialized")` when `init` has not
    /// succeeded yet.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> Result<R, String> {
        match self.lock().as_ref() {
            Some(value) => Ok(f(value)),
            None => Err("not_initialized".to_owned()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Option<T>> {
        // A poisoned lock only means an earlier call panicked; the value is
        // still whole (it is only ever replaced, never mutated in place).
        self.slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl<T> Default for PluginState<T> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_until_set() {
        let state: PluginState<u32> = PluginState::new();
        assert_eq!(state.with(|v| *v), Err("not_initialized".to_owned()));
        state.set(7);
        assert_eq!(state.with(|v| *v + 1), Ok(8));
    }
}
