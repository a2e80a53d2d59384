//! Charset decoding: bytes to text, UTF-8 when the bytes are UTF-8.
//!
//! Scraped pages come in every encoding and often lie about it. The order
//! of evidence, strongest first:
//!
//! 1. a byte order mark;
//! 2. the bytes being valid UTF-8 with at least one non-ASCII character
//!    (legacy single-byte text almost never forms valid multi-byte UTF-8,
//!    while pages that declare `iso-8859-1` but are UTF-8 are common);
//! 3. a declared charset (an HTTP header or `<meta>`), except a UTF-16
//!    label without a BOM, which HTML treats as UTF-8, and a UTF-8 label on
//!    bytes that are not UTF-8 (steps 4 and 5 decide then);
//! 4. mostly-valid UTF-8 (a few broken sequences among many good ones, as
//!    a truncated or spliced page gives): UTF-8 with replacement characters;
//! 5. detection (chardetng), so a cp1252 court file is read as cp1252.
//!
//! Decoding never fails: undecodable bytes become U+FFFD.

use crate::error::Result;

/// Decode `bytes` to text (see the module doc for the order of evidence).
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<String> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    // Validated once: most pages are UTF-8 and need nothing more.
    let utf8 = std::str::from_utf8(bytes).ok();
    if let Some(s) = utf8 {
        if !s.is_ascii() {
            return Ok(s.to_string());
        }
    }
    if let Some(enc) = declared.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
    {
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else if enc == encoding_rs::X_USER_DEFINED {
            encoding_rs::WINDOWS_1252
        } else {
            enc
        };
        // A UTF-8 declaration on bytes that are not UTF-8 is wrong: detect.
        if enc != encoding_rs::UTF_8 {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return Ok(text.into_owned());
        }
    }
    if let Some(s) = utf8 {
        return Ok(s.to_string());
    }
    if mostly_utf8(bytes) {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    let (text, _) = detect(bytes).decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

/// The Latin-script legacy encodings [`detect`] trusts chardetng's guess
/// for.
const LATIN: [&encoding_rs::Encoding; 8] = [
    encoding_rs::WINDOWS_1252,
    encoding_rs::WINDOWS_1250,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1257,
    encoding_rs::ISO_8859_2,
    encoding_rs::ISO_8859_4,
    encoding_rs::ISO_8859_13,
    encoding_rs::ISO_8859_15,
];

/// The encoding of legacy (non-UTF-8) bytes.
///
/// chardetng decides on the non-ASCII bytes alone, and a court file that
/// is ASCII but for a few `§` (0xA7) looks like Thai to it. Words of a
/// non-Latin script in a legacy encoding are runs of non-ASCII bytes, so
/// text without any run of three or more is Latin-script text with a few
/// symbols or accents: when the guess is a non-Latin script there,
/// windows-1252 (the superset of latin-1 that Windows-authored files use)
/// is taken instead. Real Cyrillic, Greek, Thai or CJK text keeps its
/// guess.
///
/// The answer is thus always one of [`LATIN`] for such text, and when its
/// non-ASCII bytes are all ones that every [`LATIN`] encoding reads alike
/// (`§`, `°`, `é`, German umlauts, …) the guess cannot change the text:
/// windows-1252 is returned without running the detector, which costs
/// some thousand instructions per byte it sees.
fn detect(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let (longest, all_alike) = non_ascii_runs(bytes);
    if longest < 3 && all_alike {
        return encoding_rs::WINDOWS_1252;
    }
    let guess = guess_of(&detector_input(bytes));
    if LATIN.contains(&guess) || longest >= 3 {
        guess
    } else {
        encoding_rs::WINDOWS_1252
    }
}

/// The longest run of non-ASCII bytes, and whether every non-ASCII byte
/// is one that all [`LATIN`] encodings read alike. Pure-ASCII stretches
/// are skipped 16 bytes at a time.
fn non_ascii_runs(bytes: &[u8]) -> (usize, bool) {
    let alike = latin_alike();
    let (mut run, mut longest, mut all_alike) = (0, 0, true);
    let (chunks, tail) = bytes.as_chunks::<16>();
    for chunk in chunks.iter().map(|c| c.as_slice()).chain([tail]) {
        if chunk.iter().fold(0, |or, &b| or | b) < 0x80 {
            run = 0;
            continue;
        }
        for &b in chunk {
            if b >= 0x80 {
                run += 1;
                longest = usize::max(longest, run);
                all_alike &= alike[usize::from(b - 0x80)];
            } else {
                run = 0;
            }
        }
    }
    (longest, all_alike)
}

/// For each byte 0x80..=0xFF, whether all [`LATIN`] encodings decode it to
/// the same character (computed once).
fn latin_alike() -> &'static [bool; 128] {
    static ALIKE: std::sync::OnceLock<[bool; 128]> = std::sync::OnceLock::new();
    ALIKE.get_or_init(|| {
        let mut alike = [false; 128];
        for (i, slot) in alike.iter_mut().enumerate() {
            let byte = [0x80 + i as u8];
            let first = LATIN[0].decode_without_bom_handling(&byte).0;
            *slot = LATIN[1..]
                .iter()
                .all(|enc| enc.decode_without_bom_handling(&byte).0 == first);
        }
        alike
    })
}

/// chardetng's guess for `bytes` (fed whole, as the last chunk).
fn guess_of(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    det.guess(None, true)
}

/// Bytes of ASCII context kept on each side of a non-ASCII byte.
const CONTEXT: usize = 32;

/// What the detector needs to see of `bytes`: every non-ASCII byte with
/// [`CONTEXT`] bytes around it, the long pure-ASCII stretches between
/// them left out.
///
/// chardetng scores only pairs that involve a non-ASCII byte; across ASCII
/// its candidates carry nothing but a few bytes of state (previous class,
/// letter case, a pending lead byte), so after 32 ASCII bytes the state is
/// what it would be after the whole stretch, and an ASCII/ASCII pair at a
/// cut scores nothing (the crate itself skips leading ASCII in the same
/// way, keeping two bytes). A mostly-ASCII court file thus costs a few
/// hundred bytes of detection instead of its whole length. Input with an
/// ESC byte is fed whole: in ISO-2022-JP, ASCII bytes carry the text.
fn detector_input(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if memchr::memchr(0x1B, bytes).is_some() {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let mut out = Vec::new();
    // End of the last range copied to `out`.
    let mut kept = 0;
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b >= 0x80) {
        let at = i + off;
        let lo = at.saturating_sub(CONTEXT).max(kept);
        // The non-ASCII run and the context after it.
        let mut end = at;
        while end < bytes.len() && bytes[end] >= 0x80 {
            end += 1;
        }
        let hi = (end + CONTEXT).min(bytes.len());
        out.extend_from_slice(&bytes[lo..hi]);
        kept = hi;
        i = end;
    }
    if out.len() * 2 > bytes.len() {
        // Little would be saved: feed everything.
        return std::borrow::Cow::Borrowed(bytes);
    }
    std::borrow::Cow::Owned(out)
}

/// Whether invalid UTF-8 is still mostly UTF-8: at least eight valid
/// multi-byte characters for each broken sequence.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut good = 0usize;
    let mut bad = 0usize;
    let mut rest = bytes;
    loop {
        // `from_utf8` skips ASCII a word at a time; each error is one
        // broken sequence, as `Utf8Chunks` would report it.
        let (valid, next) = match std::str::from_utf8(rest) {
            Ok(_) => (rest, None),
            Err(e) => {
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                (&rest[..e.valid_up_to()], Some(&rest[skip..]))
            }
        };
        // In valid UTF-8 each non-ASCII character has one lead byte >= 0xC0.
        good += valid.iter().filter(|&&b| b >= 0xC0).count();
        match next {
            Some(next) => {
                bad += 1;
                rest = next;
            }
            None => break,
        }
    }
    bad > 0 && good >= 8 * bad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_section_signs() {
        let bytes = b"38 U.S.C. \xa7\xa7 1155; \x93quoted\x94";
        assert_eq!(decode(bytes, None).unwrap(), "38 U.S.C. §§ 1155; “quoted”");
    }

    #[test]
    fn cp1252_court_file() {
        // A Board of Veterans' Appeals decision as published: cp1252.
        let bytes = include_bytes!("../../fixtures/docs/jur_bva_a25084404.txt");
        assert!(
            bytes.contains(&0xa7),
            "the fixture is cp1252: § is byte 0xA7"
        );
        let text = decode(bytes, None).unwrap();
        assert!(!text.contains('\u{fffd}'));
        assert!(text.contains("38 U.S.C. §§ 1155, 5107(b)"));
        assert!(text.contains("38 C.F.R. § 3.400"));
        assert!(text.contains("Dependents' Educational Assistance"));
        assert!(text.starts_with("Citation Nr: A25084404"));
    }

    #[test]
    fn latin_alike_bytes_skip_the_detector() {
        let alike = latin_alike();
        assert!(alike[0xA7 - 0x80], "§");
        assert!(alike[0xE9 - 0x80], "é");
        // “ in windows-1252, a C1 control in ISO-8859-2.
        assert!(!alike[0x93 - 0x80]);
        // è in windows-1252, č in windows-1250.
        assert!(!alike[0xE8 - 0x80]);
        let bytes = b"Die Beschwerde \xfcber \xa7 3 wurde am 5. M\xe4rz abgewiesen (20\xb0).";
        let text = decode(bytes, None).unwrap();
        assert_eq!(
            text,
            "Die Beschwerde über § 3 wurde am 5. März abgewiesen (20°)."
        );
        // Whichever Latin encoding the detector would have picked.
        for enc in LATIN {
            assert_eq!(
                enc.decode_without_bom_handling(bytes).0,
                text,
                "{}",
                enc.name()
            );
        }
        // A run of three alike bytes is left to the detector (it could be
        // a word of a non-Latin script): here it still reads as Latin.
        assert_eq!(decode(b"Gr\xfc\xdf\xe9 x", None).unwrap(), "Grüßé x");
    }

    #[test]
    fn non_latin_legacy_text_keeps_its_guess() {
        // Russian in windows-1251: most letters are non-ASCII.
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("Решение суда по делу о задержании было отменено апелляционным судом.");
        assert_eq!(
            decode(&bytes, None).unwrap(),
            "Решение суда по делу о задержании было отменено апелляционным судом."
        );
    }

    #[test]
    fn detector_sees_what_it_needs() {
        // Feeding only the context of non-ASCII bytes guesses as feeding
        // everything, for Latin and non-Latin legacy encodings alike.
        let filler = "The court held a hearing on the motion and the parties \
                      filed briefs (see Doc. No. 12, at 3-4; https://example.org/x?a=1). "
            .repeat(4);
        let samples: [(&'static encoding_rs::Encoding, &str); 10] = [
            (
                encoding_rs::WINDOWS_1252,
                "Señor Müller ñandú «cité» — § 3 n.º 5 Dª Pérez",
            ),
            (
                encoding_rs::WINDOWS_1250,
                "Sąd Najwyższy orzekł, że żądanie jest zasadne",
            ),
            (
                encoding_rs::WINDOWS_1254,
                "Yargıtay kararı ağır ceza dairesi İstanbul",
            ),
            (
                encoding_rs::WINDOWS_1251,
                "Решение суда по делу о задержании отменено",
            ),
            (encoding_rs::KOI8_U, "Рішення суду у справі про затримання"),
            (
                encoding_rs::WINDOWS_1253,
                "Η απόφαση του δικαστηρίου για την κράτηση",
            ),
            (
                encoding_rs::WINDOWS_1255,
                "החלטת בית המשפט בעניין המעצר בוטלה",
            ),
            (encoding_rs::SHIFT_JIS, "裁判所の判決は取り消された。ｶﾀｶﾅ"),
            (encoding_rs::GBK, "法院关于拘留案件的判决被撤销"),
            (encoding_rs::EUC_KR, "법원의 구금 사건 판결이 취소되었다"),
        ];
        for (enc, words) in samples {
            let text = format!("{filler}{words}{filler}{words} {words}{filler}x");
            let (bytes, _, _) = enc.encode(&text);
            let cut = detector_input(&bytes);
            assert!(cut.len() < bytes.len(), "{}: nothing left out", enc.name());
            assert_eq!(
                guess_of(&cut).name(),
                guess_of(&bytes).name(),
                "{}",
                enc.name()
            );
        }
        let bva = include_bytes!("../../fixtures/docs/jur_bva_a25084404.txt");
        let cut = detector_input(bva);
        assert!(cut.len() * 4 < bva.len());
        assert_eq!(guess_of(&cut), guess_of(bva));
        // ESC: ISO-2022-JP text is ASCII bytes; fed whole.
        let jis_text = format!("{filler}裁判所の判決");
        let (jis, _, _) = encoding_rs::ISO_2022_JP.encode(&jis_text);
        assert!(jis.contains(&0x1B));
        assert_eq!(detector_input(&jis).len(), jis.len());
    }

    #[test]
    fn utf8_and_bom() {
        assert_eq!(decode("é".as_bytes(), None).unwrap(), "é");
        assert_eq!(decode(b"\xef\xbb\xbfabc", None).unwrap(), "abc");
        assert_eq!(decode(b"\xff\xfea\x00b\x00", None).unwrap(), "ab");
    }

    #[test]
    fn declared_charset() {
        // ASCII-compatible bytes that are not UTF-8 follow the declaration.
        assert_eq!(decode(b"caf\xe9", Some("iso-8859-1")).unwrap(), "café");
        assert_eq!(decode(b"\xc4\xe5", Some("koi8-r")).unwrap(), "дЕ");
        // An unknown label is ignored.
        assert_eq!(decode(b"abc", Some("no-such-charset")).unwrap(), "abc");
    }

    #[test]
    fn utf8_beats_a_wrong_declaration() {
        // A page that says latin-1 but is UTF-8 (JSON strings always are).
        assert_eq!(
            decode("café".as_bytes(), Some("iso-8859-1")).unwrap(),
            "café"
        );
        // A cp1252 page that claims UTF-8 is detected.
        assert_eq!(
            decode(b"\xa7 5 \x93x\x94", Some("utf-8")).unwrap(),
            "§ 5 “x”"
        );
        // UTF-16 without a BOM is read as UTF-8, as browsers do.
        assert_eq!(decode(b"<p>abc", Some("utf-16")).unwrap(), "<p>abc");
    }

    #[test]
    fn non_ascii_runs_across_chunks() {
        let mut bytes = vec![b'a'; 40];
        bytes[15] = 0xE9;
        bytes[16] = 0xE9;
        bytes[17] = 0xE8;
        bytes[39] = 0xA7;
        assert_eq!(non_ascii_runs(&bytes), (3, false));
        bytes[17] = b'x';
        assert_eq!(non_ascii_runs(&bytes), (2, true));
        assert_eq!(non_ascii_runs(b"plain"), (0, true));
    }

    #[test]
    fn mostly_utf8_counts_like_utf8_chunks() {
        let reference = |bytes: &[u8]| {
            let (mut good, mut bad) = (0, 0);
            for chunk in bytes.utf8_chunks() {
                good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
                bad += !chunk.invalid().is_empty() as usize;
            }
            bad > 0 && good >= 8 * bad
        };
        let eight = "é".repeat(8);
        let samples: Vec<Vec<u8>> = vec![
            [eight.as_bytes(), b"x\xffy"].concat(),
            [eight.as_bytes(), b"\xff\xfe"].concat(),
            [eight.as_bytes(), b"\xe2\x80"].concat(),
            [b"\xe2\x80".as_slice(), eight.as_bytes()].concat(),
            [eight.as_bytes(), b"\xe2\x80x\xe2\x80"].concat(),
            "€".repeat(15).into_bytes(),
            b"\xa7 5".to_vec(),
            Vec::new(),
        ];
        for bytes in samples {
            assert_eq!(mostly_utf8(&bytes), reference(&bytes), "{bytes:?}");
        }
        assert!(mostly_utf8(&[eight.as_bytes(), b"\xff"].concat()));
        assert!(!mostly_utf8(&[eight.as_bytes(), b"\xff\x80"].concat()));
    }

    #[test]
    fn mostly_utf8_keeps_utf8() {
        let mut bytes = "Les décisions récentes du Conseil d'État, été 2024 ".repeat(3);
        bytes.push_str("fin");
        let mut bytes = bytes.into_bytes();
        bytes.insert(10, 0xff);
        let text = decode(&bytes, None).unwrap();
        assert!(text.contains("Conseil d'État"));
        assert_eq!(text.matches('\u{fffd}').count(), 1);
    }
}
