//! The dream, driven headless through the real plugins, beat by beat as the design tells it:
//! walking, the darkening, the door, the garden, the voices, the lotus, the river, the waking;
//! then the player's controls, the level files, what is kept between launches, and the sounds.

#[path = "../support/mod.rs"]
mod support;

mod comfort;
mod controls;
mod darkening;
mod door;
mod garden;
mod keeping;
mod levels;
mod lotus;
mod postcards;
mod river;
mod score;
mod soak;
mod sounds;
mod voices;
mod waking;
mod walking;
