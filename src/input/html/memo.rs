//! Answers about an element that depend on the element alone (its name
//! and attributes), remembered per page: a page repeats the same
//! components (menu entries, cards, list items) with the same class
//! lists, and reading a class list token by token against the class
//! vocabulary costs far more than looking the element up.
//!
//! What it preserves: [`Memo::get`] returns what the function it is given
//! returns for the element, as the function's answer depends on nothing
//! but the element (it may look up answers of its own that depend on
//! the element's tokens alone): an answer is reused only for an element
//! equal to the one it was computed for (same name, same attributes in
//! the same order, compared in full, the hash only finding candidates).

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use scraper::node::Element;

/// Remembered answers of one function, for the elements of one page.
pub(super) struct Memo<'a, T> {
    seen: FxHashMap<u64, (&'a Element, T)>,
}

impl<'a, T: Copy> Memo<'a, T> {
    pub(super) fn new() -> Self {
        Memo {
            seen: FxHashMap::default(),
        }
    }

    /// `f(e)`, computed once per distinct element. Elements without
    /// attributes are answered directly (cheap, and many).
    pub(super) fn get(&mut self, e: &'a Element, f: impl FnOnce(&Element) -> T) -> T {
        if e.attrs.is_empty() {
            return f(e);
        }
        let key = fingerprint(e);
        match self.seen.get(&key) {
            Some((seen, answer)) if same(seen, e) => *answer,
            Some(_) => f(e),
            None => {
                let answer = f(e);
                self.seen.insert(key, (e, answer));
                answer
            }
        }
    }
}

/// A hash of an element's name and attributes.
fn fingerprint(e: &Element) -> u64 {
    let mut h = FxHasher::default();
    e.name.hash(&mut h);
    for (name, value) in e.attrs.iter() {
        name.hash(&mut h);
        (**value).hash(&mut h);
    }
    h.finish()
}

/// Whether two elements have the same name and attributes.
fn same(a: &Element, b: &Element) -> bool {
    a.name == b.name
        && a.attrs.len() == b.attrs.len()
        && a.attrs
            .iter()
            .zip(b.attrs.iter())
            .all(|((an, av), (bn, bv))| an == bn && **av == **bv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Node};

    fn elements(page: &Html) -> Vec<&Element> {
        page.tree
            .root()
            .descendants()
            .filter_map(|n| match n.value() {
                Node::Element(e) => Some(e),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn answers_are_those_of_the_function() {
        let page = Html::parse_document(
            "<div class=\"a b\"></div><div class=\"a b\"></div><div class=\"b a\"></div>\
             <p class=\"a b\"></p><div class=\"a b\" id=x></div><div></div><div class=\"a b\"></div>",
        );
        // A function of the whole element: name and every attribute.
        let describe = |e: &Element| {
            let mut h = FxHasher::default();
            e.name().hash(&mut h);
            for (n, v) in e.attrs.iter() {
                (&*n.local, &**v).hash(&mut h);
            }
            h.finish()
        };
        let mut memo = Memo::new();
        let all = elements(&page);
        for e in &all {
            assert_eq!(memo.get(e, describe), describe(e));
        }
        // Equal elements share one entry; the others have their own.
        let divs = all.iter().filter(|e| e.name() == "div").count();
        assert_eq!(divs, 6);
        assert_eq!(memo.seen.len(), 4, "a b, b a, p a b, a b + id");
    }

    #[test]
    fn a_fingerprint_collision_is_not_taken_for_equality() {
        let page = Html::parse_document("<div class=a></div><div class=b></div>");
        let all = elements(&page);
        let (a, b) = (all[all.len() - 2], all[all.len() - 1]);
        let mut memo = Memo::new();
        // Forge a collision: b's fingerprint filed under a.
        memo.seen.insert(fingerprint(b), (a, 1));
        assert_eq!(memo.get(b, |e| usize::from(&*e.attrs[0].1 == "b") + 5), 6);
        assert!(same(a, a) && !same(a, b));
    }
}
