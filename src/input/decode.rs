//! Charset decoding: UTF-8 when the bytes are UTF-8, else detected.

use crate::error::Result;

/// Decode `bytes` to text. A BOM wins, then a declared charset (an HTTP
/// header or `<meta>`), then valid UTF-8, then detection (chardetng), so
/// a cp1252 page is read as cp1252.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<String> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    if let Some(enc) = declared.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
    {
        if enc != encoding_rs::UTF_8 || std::str::from_utf8(bytes).is_ok() {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return Ok(text.into_owned());
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, true);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok(text.into_owned())
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
    fn utf8_and_bom() {
        assert_eq!(decode("é".as_bytes(), None).unwrap(), "é");
        assert_eq!(decode(b"\xef\xbb\xbfabc", None).unwrap(), "abc");
    }
}
