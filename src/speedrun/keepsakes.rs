//! What the player keeps from a dream, kept by `saving`: every finished dream leaves a bloom in
//! the title's garden, and the chapter reached is where Continue begins (speedruns neither
//! set nor clear it). It lives beside the records because it is the same kind of keeping: the
//! dream's ends written to the data folder, with nothing seen or heard.

use bevy::prelude::*;

use crate::core::flow::Chapter;
use crate::core::rng::DreamRng;
use crate::dream::ending::DreamEnded;
use crate::saving::Notices;
use crate::saving::progress::{Progress, ProgressFile};
use crate::saving::title_garden::{TitleGarden, TitleGardenFile};
use crate::speedrun::timer::Speedrun;

pub fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Chapter::City),
        reach_chapter.run_if(not(is_speedrun)),
    )
    .add_systems(
        OnEnter(Chapter::Garden),
        reach_chapter.run_if(not(is_speedrun)),
    )
    .add_systems(
        Update,
        (
            leave_a_bloom.run_if(on_message::<DreamEnded>),
            finish_progress.run_if(on_message::<DreamEnded>.and_then(not(is_speedrun))),
        ),
    );
}

/// Speedruns start from the city every time: they neither set nor clear Continue.
fn is_speedrun(speedrun: Res<Speedrun>) -> bool {
    speedrun.0.is_some()
}

fn reach_chapter(
    chapter: Res<State<Chapter>>,
    file: Res<ProgressFile>,
    mut progress: ResMut<Progress>,
    mut notices: ResMut<Notices>,
) {
    if let Err(problem) = progress.reach(*chapter.get(), &file) {
        notices.tell(format!(
            "{problem}; Continue will not remember this chapter"
        ));
    }
}

fn finish_progress(
    file: Res<ProgressFile>,
    mut progress: ResMut<Progress>,
    mut notices: ResMut<Notices>,
) {
    if let Err(problem) = progress.finish(&file) {
        notices.tell(problem);
    }
}

fn leave_a_bloom(
    mut garden: ResMut<TitleGarden>,
    file: Res<TitleGardenFile>,
    rng: Res<DreamRng>,
    mut notices: ResMut<Notices>,
) {
    match garden.leave_bloom(rng.seed(), &file) {
        Ok(()) => info!(
            "a new bloom in the title garden ({} in all)",
            garden.blooms.len()
        ),
        Err(problem) => notices.tell(format!("{problem}; the bloom stays for this session")),
    }
}
