//! SHA-256 as lower-case hex, the form azure-ai-ml's hashes start from
//! (`hashlib.sha256(text.encode()).hexdigest()`).

use sha2::{Digest, Sha256};

/// `hashlib.sha256(text.encode("utf-8")).hexdigest()`.
pub(crate) fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// Lower-case hex of a digest.
pub(crate) fn hex(digest: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(digest.len() * 2);
    for byte in digest {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    out
}
