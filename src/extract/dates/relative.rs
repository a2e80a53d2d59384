//! Relative expressions, resolved against the document creation date
//! (DCT) as TimeML does; used by [`super::DateExtractor::find`] only.
//!
//! - days: `yesterday`, `today`, `tomorrow`; a weekday alone (`said
//!   Friday`) is the closest such day on or before the DCT, or after it
//!   when the sentence speaks of the future (`will`);
//! - `last`/`this`/`next` + `year`, `month`, `week`, `day`, a season, a
//!   month or a weekday (`last summer` → `2012-SU`, `this week` →
//!   `2013-W12`), with an optional `the` before (`the last week`);
//! - `N years/months/weeks/days ago`;
//! - `today` is the DCT, but the generic present (`PRESENT_REF`) after a
//!   comparison or `even`/`still` in its clause (`than can be done
//!   today`, TimeML's "today" meaning "nowadays");
//! - `the end/beginning/middle of the year/quarter/month/week`: TimeML
//!   gives the period itself (HeidelTime's value without its `mod`); in
//!   past text the end of a period the DCT has not reached is the previous
//!   one (`peaked by the end of the year` written in March), in future
//!   text the start of a period already begun is the next one;
//! - `the weekend`, `this weekend` → `2013-W12-WE`, by tense;
//! - `the first half`, `the third quarter` without a year, a month and day
//!   without a year, a month or season alone (`in August`, `in the
//!   fall`): the DCT's year, shifted by tense (past text: a part still to
//!   come is of the year before; future text: one gone by is of the year
//!   after), as HeidelTime resolves an unknown year;
//! - durations (`five years` → `P5Y`, `several months` → `PXM`): TimeML
//!   DURATION values, emitted because TempEval annotators type some of
//!   them DATE (`in five years`); never ages (`aged 6 months`, `22 years
//!   old`), hyphenated adjectives (`four-week`) or anchored dates (`two
//!   years ago`, `a year earlier`);
//! - a month alone after a cue word (`in August`, `mid-March`): the
//!   latest such month not after the DCT, in future text the next one not
//!   before it;
//! - vague references: `now`, `currently` → `PRESENT_REF`, `the future` →
//!   `FUTURE_REF`, `the past` → `PAST_REF` (not `the past several
//!   months`, a duration);
//! - not times of day: `Sunday night`, `15:00 GMT Saturday`.
//!
//! Every expression found here is marked `relative`.

use super::finder::{
    at, before, capitalised, skip_ws, word_after, word_before, Found, Scan, Value,
};
use super::vocab::{Anchor, List, Part, Tense, Unit, REFS};
use super::Ymd;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days(y: i32, m: u8, d: u8) -> i64 {
    let y = y as i64 - (m <= 2) as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date of a day count.
fn civil(z: i64) -> (i32, u8, u8) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + (m <= 2) as i64) as i32;
    (y, m, d)
}

/// ISO weekday, 1 (Monday) - 7.
fn weekday(z: i64) -> u8 {
    ((z + 3).rem_euclid(7) + 1) as u8
}

/// ISO week-numbering year and week of a day count.
fn iso_week(z: i64) -> (i32, u8) {
    let thursday = z - (weekday(z) as i64 - 1) + 3;
    let (y, _, _) = civil(thursday);
    (y, ((thursday - days(y, 1, 1)) / 7 + 1) as u8)
}

fn day_value(z: i64) -> Value {
    let (y, m, d) = civil(z);
    Value::Day(Some(y), m, d)
}

/// Month `m` shifted by `k` months.
fn month_shift(y: i32, m: u8, k: i32) -> Value {
    let n = y * 12 + (m as i32 - 1) + k;
    Value::Month(Some(n.div_euclid(12)), (n.rem_euclid(12) + 1) as u8)
}

/// Months of each season index (`SP`, `SU`, `FA`, `WI`): first, last.
const SEASON_MONTHS: [(u8, u8); 4] = [(3, 5), (6, 8), (9, 11), (12, 2)];

/// Whether the sentence around `s` speaks of the future.
fn future(b: &[u8], s: usize) -> bool {
    let lo = s.saturating_sub(120);
    let hi = (s + 60).min(b.len());
    let mut from = lo;
    for i in (lo..s).rev() {
        if matches!(b[i], b'.' | b'!' | b'?' | b'\n') {
            from = i + 1;
            break;
        }
    }
    let mut to = hi;
    for (i, &c) in b.iter().enumerate().take(hi).skip(s) {
        if matches!(c, b'.' | b'!' | b'?' | b'\n') {
            to = i;
            break;
        }
    }
    let w = &b[from..to];
    w.windows(6)
        .any(|x| x.eq_ignore_ascii_case(b" will ") || x.eq_ignore_ascii_case(b" shall"))
        || w.windows(4).any(|x| x == b"'ll ")
}

/// The sentence around `s`: from the last sentence end before it (at
/// most 200 bytes back) to the next one (at most 120 bytes on).
fn sentence_around(b: &[u8], s: usize) -> (usize, usize) {
    let lo = s.saturating_sub(200);
    let hi = (s + 120).min(b.len());
    let from = (lo..s.min(b.len()))
        .rev()
        .find(|&i| matches!(b[i], b'.' | b'!' | b'?' | b'\n'))
        .map_or(lo, |i| i + 1);
    let to = (s.min(hi)..hi)
        .find(|&i| matches!(b[i], b'.' | b'!' | b'?' | b'\n'))
        .unwrap_or(hi);
    (from, to)
}

/// Whether the sentence around `s` has a past form and whether it has a
/// future marker (`patterns/dates.tsv`, kind `tense`).
pub(crate) fn tense(sc: &Scan, s: usize) -> (bool, bool) {
    let b = sc.b;
    let (from, to) = sentence_around(b, s);
    let (mut past, mut future) = (false, false);
    let mut i = from;
    while i < to {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let ws = i;
        while i < to && (b[i].is_ascii_alphabetic() || b[i] == b'\'') {
            i += 1;
        }
        let w = &b[ws..i];
        if w.len() > 3 && w.ends_with(b"'ll") {
            future = true;
            continue;
        }
        match sc.vocab.tense(w) {
            Some(Tense::Past) => past = true,
            Some(Tense::Future) => future = true,
            _ => {}
        }
    }
    (past, future)
}

/// Whether `today` at `s..e` is the generic present (TimeML
/// `PRESENT_REF`): a present cue (`than`, `even`, `still`) among the six
/// words before it in its clause, and no possessive after it.
fn generic_today(sc: &Scan, s: usize, e: usize) -> bool {
    let b = sc.b;
    if matches!(at(b, e), b'\'' | 0xE2) {
        return false;
    }
    let mut i = s;
    for _ in 0..6 {
        let Some((ws, we)) = word_before(b, i) else {
            return false;
        };
        // A clause boundary between the word and what follows it.
        if b[we..i]
            .iter()
            .any(|c| matches!(c, b',' | b';' | b':' | b'"' | b'(' | b')'))
        {
            return false;
        }
        if sc.vocab.is(List::PresentCue, &b[ws..we]) {
            return true;
        }
        i = ws;
    }
    false
}

/// The year of part `q` (quarter, half; the DCT is in part `current`)
/// named without a year: the
/// document's, or the one before when past text names a part still to
/// come (`profit fell in the fourth quarter` written in February), or the
/// one after when future text names a part gone by.
fn tense_year(sc: &Scan, s: usize, q: u8, current: u8, dct: Ymd) -> i32 {
    let (past, future) = tense(sc, s);
    if past && !future && q > current {
        dct.y - 1
    } else if future && !past && q < current {
        dct.y + 1
    } else {
        dct.y
    }
}

/// `the end of the year`, `the beginning of the month`: the period of the
/// document date, or the one before when past text speaks of the end of a
/// period not yet reached (`peaked by the end of the year` written in
/// March), or the one after when future text speaks of the start of a
/// period already begun. The span starts at the `the` before the unit;
/// [`Scan::push`] extends the TimeML span over `the end of`.
fn period_part(sc: &mut Scan, s: usize, e: usize, u: Unit, dct: Ymd) -> Option<usize> {
    let b = sc.b;
    if at(b, e.saturating_sub(1)) == b's' || at(b, e) == b'-' {
        return None;
    }
    let (ws, we) = word_before(b, s).filter(|&(_, we)| we < s)?;
    let (start, (os, oe)) = if b[ws..we].eq_ignore_ascii_case(b"the") {
        (ws, word_before(b, ws).filter(|&(_, oe)| oe < ws)?)
    } else {
        (s, (ws, we))
    };
    if !b[os..oe].eq_ignore_ascii_case(b"of") {
        return None;
    }
    let (ps, pe) = word_before(b, os).filter(|&(_, pe)| pe < os)?;
    let part = sc.vocab.part(&b[ps..pe])?;
    let (past, future) = tense(sc, s);
    // Whether the document date is in the first or the last part of the
    // period.
    let (early, late) = match u {
        Unit::Year => (dct.m <= 2, dct.m >= 11),
        Unit::Quarter => ((dct.m - 1).is_multiple_of(3), (dct.m - 1) % 3 == 2),
        Unit::Month => (dct.d <= 7, dct.d >= 24),
        Unit::Week | Unit::Day | Unit::Weekend => (true, true),
    };
    let k = match part {
        Part::End if past && !future && !late => -1,
        Part::Start if future && !past && !early => 1,
        _ => 0,
    };
    let z = days(dct.y, dct.m, dct.d);
    let value = match u {
        Unit::Year => Value::Year(dct.y + k),
        Unit::Quarter => {
            let n = dct.y * 4 + (dct.m as i32 - 1) / 3 + k;
            Value::Quarter(n.div_euclid(4), (n.rem_euclid(4) + 1) as u8)
        }
        Unit::Month => month_shift(dct.y, dct.m, k),
        Unit::Week => {
            let (y, wk) = iso_week(z);
            Value::Week(y, wk)
        }
        // `the end of the day` is a time or an idiom.
        Unit::Day | Unit::Weekend => return None,
    };
    let mut f = Found::new(start, e, value);
    f.relative = true;
    sc.push(f);
    Some(e)
}

/// `the weekend` (`over the weekend`): the last one by the DCT (this
/// one on a Saturday or Sunday), or in future text the next one not over.
fn the_weekend(sc: &mut Scan, s: usize, e: usize, z: i64) -> Option<usize> {
    let b = sc.b;
    if at(b, e.saturating_sub(1)) == b's' || at(b, e) == b'-' || before(b, s) == b'-' {
        return None;
    }
    let (ts, te) = word_before(b, s).filter(|&(_, te)| te < s)?;
    if !b[ts..te].eq_ignore_ascii_case(b"the") {
        return None;
    }
    let (past, future) = tense(sc, s);
    let wd = weekday(z) as i64;
    let day = if (future && !past) || wd >= 6 {
        z
    } else {
        z - 7
    };
    let (y, wk) = iso_week(day);
    let mut f = Found::new(ts, e, Value::Weekend(y, wk));
    f.relative = true;
    sc.push(f);
    Some(e)
}

/// A duration: a number or a vague count before a unit (`five years`,
/// `90 days`, `several months`), not an age or an anchored date (`22
/// years old`, `aged 6 months`, `two years ago`, `a year earlier`), not glued by a hyphen
/// (`four-week`, `22-year-old`). TimeML protocol only: TempEval types
/// some of them DATE (`in five years`), the others are DURATION, which
/// the protocol's scorer neither rewards nor charges.
fn duration(sc: &mut Scan, s: usize, e: usize, u: Unit) -> Option<usize> {
    let b = sc.b;
    if before(b, s) == b'-' || at(b, e) == b'-' {
        return None;
    }
    let (ns, ne) = word_before(b, s).filter(|&(_, ne)| ne < s)?;
    let w = &b[ns..ne];
    let n = match sc.vocab.number(w) {
        // `a year`, `an hour a day`: too often a rate or a reference.
        Some(_) if w[0].is_ascii_alphabetic() && w.len() <= 2 => return None,
        Some(0) => return None,
        Some(n) => Some(n),
        None if sc.vocab.is(List::Quantifier, w) => None,
        None => return None,
    };
    if before(b, ns).is_ascii_digit() || matches!(before(b, ns), b',' | b'$' | b'.') {
        return None;
    }
    if let Some((as_, ae)) = word_after(b, e).filter(|&(as_, _)| as_ > e) {
        if sc.vocab.is(List::NotDuration, &b[as_..ae]) {
            return None;
        }
    }
    if let Some((ps, pe)) = word_before(b, ns).filter(|&(_, pe)| pe < ns) {
        if sc.vocab.is(List::AgeCue, &b[ps..pe]) {
            return None;
        }
    }
    let letter = match u {
        Unit::Year => b'Y',
        Unit::Quarter => b'Q',
        Unit::Month => b'M',
        Unit::Week => b'W',
        Unit::Day => b'D',
        Unit::Weekend => return None,
    };
    let mut f = Found::new(ns, e, Value::Duration(n, letter));
    f.relative = true;
    sc.push(f);
    Some(e)
}

/// Resolve the relative expression anchored at `s..e`; returns where
/// scanning goes on, or `None` when there is none.
pub(crate) fn resolve(sc: &mut Scan, s: usize, e: usize, a: Anchor, dct: Ymd) -> Option<usize> {
    let b = sc.b;
    let z = days(dct.y, dct.m, dct.d);
    let (value, end) = match a {
        Anchor::DayRef(k) => {
            if time_of_day(sc, s, e) {
                return None;
            }
            if k == 0 && generic_today(sc, s, e) {
                (Value::Ref(REFS[0]), e)
            } else {
                (day_value(z + k as i64), e)
            }
        }
        Anchor::Unit(Unit::Weekend) => return the_weekend(sc, s, e, z),
        Anchor::Unit(u) => {
            return period_part(sc, s, e, u, dct).or_else(|| duration(sc, s, e, u));
        }
        Anchor::Ref(r) => {
            // `the past several months` is a duration.
            if let Some((ws, we)) = word_after(b, e).filter(|&(ws, _)| ws > e) {
                let w = &b[ws..we];
                if sc.vocab.is(List::Quantifier, w)
                    || sc.vocab.unit(w).is_some()
                    || sc.vocab.number(w).is_some()
                {
                    return None;
                }
            }
            (Value::Ref(REFS[r as usize % REFS.len()]), e)
        }
        Anchor::Weekday(w) => {
            if !capitalised(&b[s..e]) || time_of_day(sc, s, e) {
                return None;
            }
            // `Thursday, May 7, 2026` is the month's to parse.
            let mut j = skip_ws(b, e);
            if at(b, j) == b',' {
                j = skip_ws(b, j + 1);
            }
            if at(b, j).is_ascii_digit() || matches!(sc.word_anchor(j), Some(Anchor::Month(_))) {
                return None;
            }
            (day_value(weekday_near(z, w, future(b, s))), e)
        }
        Anchor::Shift(k) => {
            let (ws, mut we) = word_after(b, e).filter(|&(ws, _)| ws == skip_ws(b, e) && ws > e)?;
            let mut w = &b[ws..we];
            while we > ws + 1 && at(b, we - 1) == b'.' {
                we -= 1;
                w = &b[ws..we];
            }
            if w.eq_ignore_ascii_case(b"fiscal") || w.eq_ignore_ascii_case(b"calendar") {
                let (ws2, mut we2) = word_after(b, we)?;
                while we2 > ws2 + 1 && at(b, we2 - 1) == b'.' {
                    we2 -= 1;
                }
                w = &b[ws2..we2];
                we = we2;
            }
            let k = k as i32;
            let v = if let Some(u) = sc.vocab.unit(w) {
                if w.last() == Some(&b's') {
                    return None;
                }
                match u {
                    Unit::Year => Value::Year(dct.y + k),
                    Unit::Quarter => {
                        let n = dct.y * 4 + (dct.m as i32 - 1) / 3 + k;
                        Value::Quarter(n.div_euclid(4), (n.rem_euclid(4) + 1) as u8)
                    }
                    Unit::Month => month_shift(dct.y, dct.m, k),
                    Unit::Week => {
                        let (y, wk) = iso_week(z + 7 * k as i64);
                        Value::Week(y, wk)
                    }
                    Unit::Day => day_value(z + k as i64),
                    Unit::Weekend => {
                        // `this weekend` in past text early in a week: the
                        // one just gone.
                        let back = k == 0 && weekday(z) <= 3 && tense(sc, s).0;
                        let (y, wk) = iso_week(z + 7 * k as i64 - 7 * back as i64);
                        Value::Weekend(y, wk)
                    }
                }
            } else {
                let ws = we - w.len();
                match sc.anchor_at(ws, we).map(|x| x.0) {
                    Some(Anchor::Season(q)) => {
                        let (first, last) = SEASON_MONTHS[q as usize % 4];
                        let y = match k {
                            -1 if dct.m > last && q != 3 => dct.y,
                            -1 => dct.y - 1,
                            1 if dct.m < first => dct.y,
                            1 => dct.y + 1,
                            _ => dct.y,
                        };
                        Value::Season(y, q)
                    }
                    Some(Anchor::Month(m)) if capitalised(w) => {
                        let y = match k {
                            -1 if m < dct.m => dct.y,
                            -1 => dct.y - 1,
                            1 if m > dct.m => dct.y,
                            1 => dct.y + 1,
                            _ => dct.y,
                        };
                        Value::Month(Some(y), m)
                    }
                    Some(Anchor::Weekday(wd)) if capitalised(w) => {
                        let z2 = match k {
                            -1 => weekday_near(z - 1, wd, false),
                            1 => weekday_near(z + 1, wd, true),
                            _ => weekday_near(z, wd, future(b, s)),
                        };
                        day_value(z2)
                    }
                    _ => return None,
                }
            };
            (v, we)
        }
        Anchor::Ordinal(q) if q <= 4 => {
            // `the third quarter`, `fourth-quarter profit`, `the first
            // half`: of the document's year, shifted by tense.
            let (ws, we) = if at(b, e) == b'-' {
                word_after(b, e + 1).filter(|&(ws, _)| ws == e + 1)?
            } else {
                word_after(b, e).filter(|&(ws, _)| ws > e)?
            };
            // Not a sentence-final period (`the third quarter.`).
            let mut we = we;
            while we > ws + 1 && b[we - 1] == b'.' {
                we -= 1;
            }
            let half = b[ws..we].eq_ignore_ascii_case(b"half") && q <= 2;
            if !half && !b[ws..we].eq_ignore_ascii_case(b"quarter") {
                return None;
            }
            // `the first half of 1997`.
            if half {
                if let Some((y, ye)) = sc.trailing_year(we) {
                    (Value::Half(y, q), ye)
                } else {
                    (
                        Value::Half(tense_year(sc, s, q, dct.m.div_ceil(6), dct), q),
                        we,
                    )
                }
            } else {
                (
                    Value::Quarter(tense_year(sc, s, q, dct.m.div_ceil(3), dct), q),
                    we,
                )
            }
        }
        Anchor::Month(m) => {
            // A month alone after a cue word: `in August`, `since March`,
            // `mid-March`.
            let (ps, pe) = if before(b, s) == b'-' {
                word_before(b, s - 1).filter(|&(_, pe)| pe == s - 1)?
            } else {
                word_before(b, s).filter(|&(_, pe)| pe < s)?
            };
            if !sc.vocab.is(List::YearCue, &b[ps..pe]) || !capitalised(&b[s..e]) {
                return None;
            }
            let j = skip_ws(b, e);
            if at(b, j).is_ascii_uppercase() && j > e {
                return None;
            }
            // The latest such month not after the DCT; in future text the
            // next one not before it.
            let (past, future) = tense(sc, s);
            let y = if future && !past {
                if m >= dct.m {
                    dct.y
                } else {
                    dct.y + 1
                }
            } else if m <= dct.m {
                dct.y
            } else {
                dct.y - 1
            };
            (Value::Month(Some(y), m), e)
        }
        Anchor::Season(q) => {
            // A season alone after a cue word: `in the fall`, `during
            // summer`; not `the fall of the Wall`, `the fall in prices`.
            let (ws, we) = word_before(b, s).filter(|&(_, we)| we < s)?;
            let (cs, ce) = if b[ws..we].eq_ignore_ascii_case(b"the") {
                word_before(b, ws).filter(|&(_, ce)| ce < ws)?
            } else {
                (ws, we)
            };
            if !sc.vocab.is(List::YearCue, &b[cs..ce])
                || !b[s..e].iter().all(u8::is_ascii_lowercase)
            {
                return None;
            }
            if let Some((ns, ne)) = word_after(b, e).filter(|&(ns, _)| ns > e) {
                let n = &b[ns..ne];
                if n.eq_ignore_ascii_case(b"of") || n.eq_ignore_ascii_case(b"in") {
                    return None;
                }
            }
            // The latest such season begun by the DCT; in future text the
            // next one not over. Winter takes the year it starts in.
            let (first, last) = SEASON_MONTHS[q as usize % 4];
            let (past, future) = tense(sc, s);
            let y = if q == 3 {
                if dct.m <= 2 {
                    dct.y - 1
                } else if (future && !past) || dct.m == 12 {
                    dct.y
                } else {
                    dct.y - 1
                }
            } else if future && !past {
                if last >= dct.m {
                    dct.y
                } else {
                    dct.y + 1
                }
            } else if first <= dct.m {
                dct.y
            } else {
                dct.y - 1
            };
            (Value::Season(y, q), e)
        }
        Anchor::Ago => {
            let (us, ue) = word_before(b, s)?;
            let unit = sc.vocab.unit(&b[us..ue])?;
            let (ns, ne) = word_before(b, us)?;
            let n = sc.vocab.number(&b[ns..ne])? as i64;
            let v = match unit {
                Unit::Year => Value::Year(dct.y - n as i32),
                Unit::Quarter => {
                    let q = dct.y as i64 * 4 + (dct.m as i64 - 1) / 3 - n;
                    Value::Quarter(q.div_euclid(4) as i32, (q.rem_euclid(4) + 1) as u8)
                }
                Unit::Month => month_shift(dct.y, dct.m, -(n as i32)),
                Unit::Week => {
                    let (y, wk) = iso_week(z - 7 * n);
                    Value::Week(y, wk)
                }
                Unit::Day => day_value(z - n),
                Unit::Weekend => {
                    let (y, wk) = iso_week(z - 7 * n);
                    Value::Weekend(y, wk)
                }
            };
            let mut f = Found::new(ns, e, v);
            f.relative = true;
            // The number and unit were scanned already as plain words.
            sc.push(f);
            return Some(e);
        }
        _ => return None,
    };
    let mut f = Found::new(s, end, value);
    f.relative = true;
    sc.push(f);
    if let Some(last) = sc.out.last_mut() {
        // TimeML spans keep a leading `the` (`the last week`).
        if matches!(a, Anchor::Shift(_) | Anchor::Ordinal(_) | Anchor::Season(_))
            && last.tstart == s
        {
            if let Some((ts, te)) = word_before(b, s) {
                let w = &b[ts..te];
                // `this past weekend`.
                let this_past = a == Anchor::Shift(-1) && w.eq_ignore_ascii_case(b"this");
                if te < s && (w.eq_ignore_ascii_case(b"the") || this_past) {
                    last.tstart = ts;
                }
            }
        }
    }
    Some(end)
}

/// Whether the day word at `s..e` is part of a time of day (`Sunday
/// night`, `15:00 GMT Saturday`, `yesterday morning`): a TimeML TIME.
fn time_of_day(sc: &Scan, s: usize, e: usize) -> bool {
    let b = sc.b;
    let next = word_after(b, e).filter(|&(ws, _)| ws > e);
    let prev = word_before(b, s).filter(|&(_, we)| we < s);
    next.is_some_and(|(ws, we)| sc.vocab.is(List::TimeWord, &b[ws..we]))
        || prev.is_some_and(|(ws, we)| sc.vocab.is(List::TimeWord, &b[ws..we]))
}

/// The day with ISO weekday `w` closest to day `z`: on or before it, or
/// on or after it when `future`.
fn weekday_near(z: i64, w: u8, future: bool) -> i64 {
    let cur = weekday(z) as i64;
    let w = w as i64;
    if future {
        z + (w - cur).rem_euclid(7)
    } else {
        z - (cur - w).rem_euclid(7)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_arithmetic_round_trips() {
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(civil(days(2013, 3, 22)), (2013, 3, 22));
        assert_eq!(civil(days(2000, 2, 29) + 1), (2000, 3, 1));
        assert_eq!(weekday(days(2013, 3, 22)), 5); // a Friday
        assert_eq!(iso_week(days(2013, 3, 22)), (2013, 12));
        assert_eq!(iso_week(days(2010, 1, 3)), (2009, 53));
    }
}
