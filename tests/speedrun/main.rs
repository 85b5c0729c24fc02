//! The speedrun, driven headless through the real plugins: the run's clock and splits,
//! personal bests and the ghost, run files and `verify`, LiveSplit, and the instant reset.

#[path = "../support/mod.rs"]
mod support;

mod fuzz;
mod livesplit;
mod practice;
mod race;
mod records;
mod reset;
mod runs;
mod timer;

use begin_again::speedrun::timer::{Category, Route, RunTimer, SeedChoice, Speedrun, SplitTime};
use bevy::prelude::*;
use support::*;

pub fn any_on(seed: u64) -> Category {
    Category {
        route: Route::Any,
        seed: SeedChoice::Set(seed),
    }
}

/// A speedrun of `category` begun headless, standing at the city's spawn.
fn speedrun_app(category: Category, seed: u64, extra: impl FnOnce(&mut App)) -> App {
    let mut app = logic_app(levels_dir(), seed);
    app.insert_resource(Speedrun(Some(category)));
    extra(&mut app);
    settle(&mut app);
    app
}

pub fn timer(app: &App) -> RunTimer {
    app.world().resource::<RunTimer>().clone()
}

pub fn splits_of(game: [u64; 6]) -> Vec<SplitTime> {
    game.iter()
        .map(|&g| SplitTime {
            game: g,
            real: g + 30,
        })
        .collect()
}
