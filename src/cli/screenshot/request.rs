//! What a screenshot is asked to stage (a beat, a pose), what it is for (a picture or a
//! measure), and where its capture stands.

use std::path::PathBuf;

use bevy::prelude::*;

use crate::cli::args::{Beat, LevelChoice, Pose};
use crate::core::flow::Chapter;

/// Seed used when none is given, so screenshots are repeatable.
pub(crate) const DEFAULT_SEED: u64 = 1;

/// What to stage, and what to do once it is staged and has settled.
#[derive(Resource, Debug, Clone)]
pub(crate) struct Staging {
    pub beat: Option<Beat>,
    pub pose: Option<Pose>,
    pub finish: Finish,
    /// Frames rendered after staging before the capture (or the measuring) begins.
    pub frames: u32,
    /// A settings.ron to play with (a large text size, reduced motion…), else the defaults.
    pub settings: Option<PathBuf>,
}

/// What a staged scene is for.
#[derive(Debug, Clone)]
pub(crate) enum Finish {
    /// Save one frame to this PNG.
    Save(PathBuf),
    /// Time this many frames for `bench` and print what they cost.
    Measure(u32),
}

impl Staging {
    pub(super) fn chapter(&self, level: Option<LevelChoice>) -> Chapter {
        match (self.beat, level) {
            (
                Some(
                    Beat::Title
                    | Beat::SpeedrunMenu
                    | Beat::Settings
                    | Beat::Controls
                    | Beat::City
                    | Beat::CityDark
                    | Beat::Door,
                ),
                _,
            ) => Chapter::City,
            (Some(_), _) | (None, Some(LevelChoice::Garden)) => Chapter::Garden,
            (None, _) => Chapter::City,
        }
    }

    /// The beats shown on the title rather than in a dream.
    pub(super) fn on_the_title(&self) -> bool {
        matches!(
            self.beat,
            Some(Beat::Title | Beat::SpeedrunMenu | Beat::Settings | Beat::Controls)
        )
    }

    /// The beats begun from the title, as a player begins them.
    pub(super) fn begun_at_the_title(&self) -> bool {
        self.on_the_title() || self.beat == Some(Beat::Practice)
    }
}

/// Where the capture stands.
#[derive(Resource, Debug, Default)]
pub(super) struct Capture {
    pub(super) staged: bool,
    pub(super) frames_rendered: u32,
    pub(super) requested: bool,
}
