//! A small, stable fingerprint (64-bit FNV-1a): the same bytes give the same value on every
//! machine and in every build, so it can name scenery and seal run files.

/// Feeds bytes in; `value` is the fingerprint so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Self {
        Self::new()
    }
}

impl Fingerprint {
    pub const fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn feed_u64(&mut self, value: u64) {
        self.feed(&value.to_le_bytes());
    }

    pub fn value(&self) -> u64 {
        self.0
    }
}
