//! Relative expressions resolved against the document creation date.

use super::finder::Scan;
use super::vocab::Anchor;
use super::Ymd;

/// Resolve the relative expression anchored at `s..e`; returns where
/// scanning goes on, or `None` when there is none.
pub(crate) fn resolve(
    _sc: &mut Scan,
    _s: usize,
    _e: usize,
    _a: Anchor,
    _dct: Ymd,
) -> Option<usize> {
    None
}
