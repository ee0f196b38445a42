//! Durations in REST bodies: azure-ai-ml sends seconds as ISO 8601
//! durations (`_utils/utils.py::to_iso_duration_format`:
//! `isodate.duration_isoformat(timedelta(seconds=v)) if v else None`).

/// The most days a Python `timedelta` holds.
const MAX_DAYS: i64 = 999_999_999;

/// `to_iso_duration_format(seconds)`: `None` for 0 (falsy), else
/// `[-]P[nD][T[nH][nM][nS]]` as isodate writes it (`90` is `PT1M30S`,
/// `-5` is `-PT5S`, `86400` is `P1D`).
///
/// # Errors
/// Python's `OverflowError` when the value is beyond what a `timedelta`
/// holds (±999,999,999 days).
pub fn iso_duration(seconds: i64) -> Result<Option<String>, String> {
    if seconds == 0 {
        return Ok(None);
    }
    if !(-MAX_DAYS..=MAX_DAYS).contains(&seconds.div_euclid(86_400)) {
        return Err("Python int too large to convert to C int".to_owned());
    }
    let magnitude = seconds.unsigned_abs();
    let (minutes, secs) = (magnitude / 60, magnitude % 60);
    let (hours, mins) = (minutes / 60, minutes % 60);
    let (days, hours) = (hours / 24, hours % 24);
    let mut out = String::from(if seconds < 0 { "-P" } else { "P" });
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if hours > 0 || mins > 0 || secs > 0 {
        out.push('T');
        for (value, unit) in [(hours, 'H'), (mins, 'M'), (secs, 'S')] {
            if value > 0 {
                out.push_str(&format!("{value}{unit}"));
            }
        }
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    // `to_iso_duration_format` of azure-ai-ml 1.35.2 for the same values.
    #[test]
    fn matches_isodate() {
        for (seconds, text) in [
            (7200, "PT2H"),
            (90, "PT1M30S"),
            (1_000_000_000_000, "P11574074DT1H46M40S"),
            (86_400, "P1D"),
            (86_401, "P1DT1S"),
            (-5, "-PT5S"),
            (-86_400, "-P1D"),
            (-90_061, "-P1DT1H1M1S"),
            (3661, "PT1H1M1S"),
        ] {
            assert_eq!(
                iso_duration(seconds),
                Ok(Some(text.to_owned())),
                "{seconds}"
            );
        }
        assert_eq!(iso_duration(0), Ok(None));
        assert!(iso_duration(1_000_000_000_000_000).is_err());
    }
}
