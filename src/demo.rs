//! The sample office behind `--demo` (placeholder; being written).

use crate::store::{Result, Store};

/// Counts of what the demo loader wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub units: usize,
    pub cases: usize,
    pub suggestions: usize,
    pub follow_ups: usize,
    pub activities: usize,
    pub plans: usize,
}

/// Fills an empty store with the sample office, dates placed relative to the store's today.
pub fn load(_store: &mut Store) -> Result<DemoSummary> {
    Ok(DemoSummary::default())
}
