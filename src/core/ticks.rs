//! Time in the dream: fixed 60 Hz ticks, and how ticks read as clock times.

/// Gameplay ticks per second.
pub(crate) const TICK_HZ: f64 = 60.0;
/// Ticks in one second, for counting.
pub(crate) const TICKS_PER_SECOND: u64 = 60;
/// Seconds in one fixed tick.
pub const TICK_SECONDS: f32 = 1.0 / 60.0;

/// The ticks in `seconds` whole seconds.
pub const fn seconds(seconds: u32) -> u32 {
    seconds * TICKS_PER_SECOND as u32
}

/// Ticks as whole milliseconds, rounded to the nearest.
pub fn millis(ticks: u64) -> u64 {
    (ticks * 1000 + TICKS_PER_SECOND / 2) / TICKS_PER_SECOND
}

/// Ticks as m:ss.mmm, the way the timer and every report show them.
pub fn format(ticks: u64) -> String {
    let millis = millis(ticks);
    format!(
        "{}:{:02}.{:03}",
        millis / 60_000,
        (millis / 1000) % 60,
        millis % 1000
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn ticks_read_as_clock_times() {
        assert_eq!(super::format(60 * 61 + 30), "1:01.500");
        assert_eq!(super::format(1), "0:00.017");
        assert_eq!(super::format(60 * 60 * 60), "60:00.000");
    }
}
