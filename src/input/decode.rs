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
    if let Ok(s) = std::str::from_utf8(bytes) {
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
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    if mostly_utf8(bytes) {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    let (text, _) = detect(bytes).decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

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
fn detect(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let guess = guess_of(&detector_input(bytes));
    let latin = [
        encoding_rs::WINDOWS_1252,
        encoding_rs::WINDOWS_1250,
        encoding_rs::WINDOWS_1254,
        encoding_rs::WINDOWS_1257,
        encoding_rs::ISO_8859_2,
        encoding_rs::ISO_8859_4,
        encoding_rs::ISO_8859_13,
        encoding_rs::ISO_8859_15,
    ];
    if latin.contains(&guess) {
        return guess;
    }
    let mut run = 0usize;
    let mut longest = 0usize;
    for &b in bytes {
        run = if b >= 0x80 { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if longest < 3 {
        encoding_rs::WINDOWS_1252
    } else {
        guess
    }
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
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += !chunk.invalid().is_empty() as usize;
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
