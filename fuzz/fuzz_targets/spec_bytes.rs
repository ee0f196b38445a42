//! The spec loader and generator on arbitrary bytes: the first byte picks
//! the file's extension (JSON or YAML), the rest is the file.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((first, text)) = data.split_first() else {
        return;
    };
    let ext = match first % 3 {
        0 => "json",
        1 => "yaml",
        _ => "yml",
    };
    azml_fuzz::generate(text, ext);
});
