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

/// `from_iso_duration_format(text)`: the whole seconds of a duration in
/// the form [`iso_duration`] writes (`-P1DT1H1M1S`), as
/// `int(isodate.parse_duration(text).total_seconds())` gives them.
///
/// # Errors
/// What is not such a duration.
pub fn from_iso_duration(text: &str) -> Result<i64, String> {
    let bad = || format!("not an ISO 8601 duration of days, hours, minutes and seconds: {text:?}");
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text),
    };
    let rest = rest.strip_prefix('P').ok_or_else(bad)?;
    let (days, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut seconds: i64 = 0;
    let mut read = |part: &str, units: &[(char, i64)]| -> Result<(), String> {
        let mut number = String::new();
        let mut next = units.iter();
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let factor = next.find(|(u, _)| *u == c).ok_or_else(bad)?.1;
            let n: i64 = number.parse().map_err(|_| bad())?;
            seconds = n
                .checked_mul(factor)
                .and_then(|v| seconds.checked_add(v))
                .ok_or_else(bad)?;
            number.clear();
        }
        if number.is_empty() {
            Ok(())
        } else {
            Err(bad())
        }
    };
    read(days, &[('D', 86_400)])?;
    read(time, &[('H', 3600), ('M', 60), ('S', 1)])?;
    Ok(sign * seconds)
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
        for seconds in [7200, 90, 86_400, 86_401, -5, -90_061, 3661, 60] {
            let text = iso_duration(seconds).unwrap().unwrap();
            assert_eq!(from_iso_duration(&text), Ok(seconds), "{text}");
        }
        assert!(from_iso_duration("PT1X").is_err());
        assert!(from_iso_duration("1H").is_err());
        assert!(iso_duration(1_000_000_000_000_000).is_err());
    }
}
