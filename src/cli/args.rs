//! The arguments the subcommands share: what a screenshot stages (a beat, a level, a pose),
//! a picture's size and quality, and how an app's exit becomes the process's exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use clap::{Args, ValueEnum};

use crate::core::settings::Quality;

#[derive(Args, Debug, Clone)]
pub struct ScreenshotArgs {
    /// Where to write the PNG.
    #[arg(long)]
    pub out: PathBuf,
    /// Stage the world as it is at this beat of the story.
    #[arg(long, value_enum)]
    pub beat: Option<Beat>,
    /// The level to show when no beat is given.
    #[arg(long, value_enum)]
    pub level: Option<LevelChoice>,
    /// Stand at X,Z looking toward YAW degrees (0 = north, 90 = west).
    #[arg(long, value_parser = parse_pose, allow_hyphen_values = true)]
    pub at: Option<Pose>,
    /// Image size, WIDTHxHEIGHT.
    #[arg(long, value_parser = parse_size, default_value = "1280x720")]
    pub size: UVec2,
    /// Frames to render before the capture (lets effects settle).
    #[arg(long, default_value_t = 12)]
    pub frames: u32,
    /// Render quality for this picture (default high: the game as it is made to be seen).
    #[arg(long, value_parser = parse_quality, default_value = "high")]
    pub quality: Quality,
    /// Play with the settings in this file (a settings.ron: text size, reduced motion…).
    #[arg(long)]
    pub settings: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Beat {
    /// The title screen, with the blooms of finished dreams.
    Title,
    /// The silver city at dusk, at the spawn, at full warmth.
    City,
    /// The same city with its warmth drained to the floor, the door in view down an avenue.
    CityDark,
    /// Close to the blue door.
    Door,
    /// The indigo garden: a wide view of the meadow from its spawn.
    Garden,
    /// A voice flower open and speaking, with its subtitle.
    Voice,
    /// The lotus with the trees grown from every planted worry.
    Lotus,
    /// The river awake, fragments shimmering along its bank.
    River,
    /// A shard just gathered from the river: its pane lit, its memory said.
    Memory,
    /// The stained-glass heart assembled before the dreamer.
    Heart,
    /// The moon leaning down, the shawl settling.
    Moon,
    /// The garden merging with morning.
    Dawn,
    /// Awake: the results and credits over the white morning.
    Results,
    /// The title's speedrun screen: category and seed, personal best and attempts.
    SpeedrunMenu,
    /// The settings page: volumes, look, field of view, subtitles, text size, comfort.
    Settings,
    /// The controls page: every action's key and gamepad button, the sticks, interact.
    Controls,
    /// The postcards page, after three postcards taken in the garden with the Postcard key.
    Postcards,
    /// A speedrun in the garden: the timer, the live splits against a personal best, the ghost.
    Splits,
    /// A speedrun's results table on waking: splits, segments, golds, the new personal best.
    SpeedrunResults,
    /// Practice of The River, begun from a run's exact state there: the segment timer.
    Practice,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelChoice {
    City,
    Garden,
}

/// A place to stand: x, z (metres) and yaw (degrees).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pose {
    pub x: f32,
    pub z: f32,
    pub yaw_degrees: f32,
}

pub(super) fn parse_pose(text: &str) -> Result<Pose, String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let [x, z, yaw] = parts.as_slice() else {
        return Err(format!(
            "expected X,Z,YAW (three numbers), found \"{text}\""
        ));
    };
    let number = |s: &str, name: &str| {
        s.parse::<f32>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{name} must be a finite number, found \"{s}\""))
    };
    Ok(Pose {
        x: number(x, "X")?,
        z: number(z, "Z")?,
        yaw_degrees: number(yaw, "YAW")?,
    })
}

pub(super) fn parse_quality(text: &str) -> Result<Quality, String> {
    Quality::ALL
        .into_iter()
        .find(|quality| quality.argument().eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| format!("expected auto, low, medium or high, found \"{text}\""))
}

pub(super) fn parse_size(text: &str) -> Result<UVec2, String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("expected WIDTHxHEIGHT, found \"{text}\""))?;
    let dimension = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (16..=8192).contains(v))
            .ok_or_else(|| format!("a size must be 16 to 8192 pixels, found \"{s}\""))
    };
    Ok(UVec2::new(dimension(w)?, dimension(h)?))
}

pub(crate) fn exit_code(exit: &AppExit) -> ExitCode {
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}
