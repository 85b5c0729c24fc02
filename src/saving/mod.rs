//! Saving: the data folder, atomic writes, setting broken files aside, and reading versioned
//! files; the title garden, the progress and the settings files. Knows nothing of the dream's
//! beats (whoever decides that something is kept calls in here). Uses only the core.

pub mod data_dir;
pub mod files;
pub mod notices;
pub mod postcards;
pub mod progress;
pub mod settings_file;
pub mod title_garden;

use bevy::prelude::*;

pub(crate) use data_dir::{data_dir, use_data_dir};
pub(crate) use files::load_versioned;
pub(crate) use files::private_temporary_folder;
pub use files::{read_or_set_aside, save_ron, write_atomically};
pub use notices::Notices;

/// The title garden and the progress, read when the game starts (a broken file is set aside
/// and reported), and the settings kept between launches.
pub fn plugin(app: &mut App) {
    let dir = data_dir();
    let garden_file = dir.join("title-garden.ron");
    let (garden, garden_problem) = title_garden::load_title_garden(&garden_file);
    let progress_file = dir.join("progress.ron");
    let (progress, progress_problem) = progress::load_progress(&progress_file);
    let mut notices = app.world_mut().get_resource_or_init::<Notices>();
    for problem in [garden_problem, progress_problem].into_iter().flatten() {
        notices.tell(problem);
    }
    app.insert_resource(garden)
        .insert_resource(title_garden::TitleGardenFile(garden_file))
        .insert_resource(progress)
        .insert_resource(progress::ProgressFile(progress_file))
        .add_plugins(settings_file::plugin);
}
