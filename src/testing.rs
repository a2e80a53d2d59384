//! Helpers shared by the unit tests: crafted inputs drawn from pieces by
//! a small deterministic generator, so that differential tests (a fast
//! path against the general one) see the same texts on every run.

/// Xorshift64: deterministic, no dependency, good enough to mix pieces.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator started at `seed` (not zero).
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next number below `n` (not zero).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// A text of `count` pieces, each drawn from `pieces`.
    pub(crate) fn text(&mut self, pieces: &[&str], count: usize) -> String {
        let mut t = String::new();
        for _ in 0..count {
            t.push_str(pieces[self.below(pieces.len())]);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_drawn_from_the_pieces_and_repeat_with_the_seed() {
        let pieces = ["a", "b", "c"];
        let (mut x, mut y) = (Rng::new(7), Rng::new(7));
        let t = x.text(&pieces, 50);
        assert_eq!(t.len(), 50);
        assert!(t.contains('a') && t.contains('b') && t.contains('c'));
        assert_eq!(t, y.text(&pieces, 50));
        assert!((0..1000).all(|_| x.below(3) < 3));
    }
}
