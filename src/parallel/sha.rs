//! SHA-256 as lower-case hex, the form azure-ai-ml's hashes start from
//! (`hashlib.sha256(text.encode()).hexdigest()`).

use std::fmt::Write;

use sha2::{Digest, Sha256};

/// `hashlib.sha256(text.encode("utf-8")).hexdigest()`.
pub(crate) fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for byte in digest {
        let _ = write!(out, "{byte:02x}");
    }
    out
}
