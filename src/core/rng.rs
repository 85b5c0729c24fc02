//! The one seeded random generator every random choice in a dream draws from.

use bevy::prelude::*;
use chacha20::ChaCha8Rng;
use rand::SeedableRng;

/// The dream's randomness: a portable ChaCha8 stream, reseeded when each dream begins.
#[derive(Resource)]
pub struct DreamRng {
    /// `--seed N`: every dream uses it. Otherwise each dream draws a fresh seed.
    pub fixed_seed: Option<u64>,
    /// A seed chosen for the next dream only (a speedrun category's).
    next_seed: Option<u64>,
    seed: u64,
    generator: ChaCha8Rng,
}

impl DreamRng {
    pub fn new(fixed_seed: Option<u64>) -> Self {
        let seed = fixed_seed.unwrap_or(0);
        Self {
            fixed_seed,
            next_seed: None,
            seed,
            generator: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// Starts the stream for a new dream and returns its seed.
    pub fn begin(&mut self) -> u64 {
        self.seed = self
            .next_seed
            .take()
            .or(self.fixed_seed)
            .unwrap_or_else(fresh_seed);
        self.generator = ChaCha8Rng::seed_from_u64(self.seed);
        self.seed
    }

    /// The next dream (only) uses `seed`.
    pub fn seed_next_dream(&mut self, seed: u64) {
        self.next_seed = Some(seed);
    }

    /// The seed of the dream in progress.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn generator(&mut self) -> &mut ChaCha8Rng {
        &mut self.generator
    }
}

/// A fresh seed: nine digits at most, short enough to read out and type in again.
pub(crate) fn fresh_seed() -> u64 {
    rand::random_range(1..1_000_000_000)
}

/// A generator of its own for things that must not disturb the dream's stream (scenery that
/// is the same in every dream), derived from a fixed label.
pub(crate) fn scenery_rng(label: &str) -> ChaCha8Rng {
    let mut hash = super::fingerprint::Fingerprint::new();
    hash.feed(label.as_bytes());
    ChaCha8Rng::seed_from_u64(hash.value())
}

impl Default for DreamRng {
    /// A fresh seed for every dream.
    fn default() -> Self {
        Self::new(None)
    }
}

/// The generator; a builder that wants one seed for every dream inserts `DreamRng::new`
/// before adding this.
pub fn plugin(app: &mut App) {
    app.init_resource::<DreamRng>();
}
