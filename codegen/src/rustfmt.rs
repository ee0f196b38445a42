//! Optional last step: the generated text run through the toolchain's rustfmt, for files kept
//! in a repository that checks `rustfmt --check` (prettyplease's layout differs from rustfmt's
//! in places). [`crate::generate`] never needs it.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// `code` as rustfmt lays it out (edition 2021), with the `rustfmt.toml` at `config_path` if
/// given (otherwise rustfmt looks for one from the current directory up). The program is
/// `$RUSTFMT` or `rustfmt` (under cargo, rustup's proxy runs the toolchain's); its absence is
/// an error saying how to install it.
pub fn rustfmt(code: &str, config_path: Option<&Path>) -> Result<String, String> {
    let program = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    run(&program, code, config_path)
}

fn run(program: &OsStr, code: &str, config_path: Option<&Path>) -> Result<String, String> {
    let mut cmd = Command::new(program);
    cmd.args(["--edition", "2021", "--emit", "stdout", "--quiet"]);
    if let Some(config) = config_path {
        cmd.arg("--config-path").arg(config);
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!(
                "cannot run {}: {e}; install it with `rustup component add rustfmt`",
                Path::new(program).display()
            )
        })?;
    // Written from another thread: rustfmt may fill its output pipe before it has read all.
    let stdin = child.stdin.take();
    let input = code.to_string();
    let writer = std::thread::spawn(move || match stdin {
        Some(mut pipe) => pipe.write_all(input.as_bytes()),
        None => Ok(()),
    });
    let out = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt failed: {e}"))?;
    let written = writer.join();
    if !out.status.success() {
        return Err(format!(
            "rustfmt failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    match written {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(format!("cannot write to rustfmt: {e}")),
        Err(_) => return Err("cannot write to rustfmt".to_string()),
    }
    String::from_utf8(out.stdout).map_err(|_| "rustfmt wrote invalid UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    use super::run;
    use std::ffi::OsStr;

    #[test]
    fn a_missing_rustfmt_says_how_to_install_it() {
        let e = run(OsStr::new("/nonexistent/rustfmt"), "struct A;", None).unwrap_err();
        assert!(e.contains("rustup component add rustfmt"), "{e}");
    }

    #[test]
    fn code_is_formatted_and_errors_are_reported() {
        // The toolchain that runs the tests has rustfmt (CI installs it).
        let rustfmt = OsStr::new("rustfmt");
        assert_eq!(
            run(rustfmt, "struct A{x:u8}", None).as_deref(),
            Ok("struct A {\n    x: u8,\n}\n")
        );
        let e = run(rustfmt, "struct {", None).unwrap_err();
        assert!(e.starts_with("rustfmt failed"), "{e}");
    }
}
