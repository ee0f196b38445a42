//! Compile-fail cases of the derives: each `tests/ui/**/*.rs` must fail to
//! compile with exactly the diagnostics in its `.stderr` file. Refresh the
//! expectations with `TRYBUILD=overwrite cargo test -p azml-derive`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/**/*.rs");
}
