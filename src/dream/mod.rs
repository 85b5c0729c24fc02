//! The dream's logic, one file per beat: walking, the darkening city, the door, the garden,
//! the voices, the lotus, the river and its fragments, and the ending (heart, moon, dawn).
//! Each beat runs on the fixed tick from the input frame and says what happened in messages;
//! none of it knows how anything looks or sounds. Uses the core and the levels.

pub mod darkening;
pub mod ending;
pub mod garden;
pub mod lotus;
pub mod portal;
pub mod river;
pub mod voices;
pub mod walking;

use bevy::prelude::*;

use crate::level::LoadProblems;
use walking::Dreamer;

/// Every beat of the dream, from the first step to the waking.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        walking::plugin,
        darkening::plugin,
        portal::plugin,
        garden::plugin,
        voices::plugin,
        lotus::plugin,
        river::plugin,
        ending::plugin,
    ));
}

/// Updates a headless app until its dream has begun and a dreamer stands in it; the level
/// problems, if the levels could not be read. Whatever was added to the app since it was
/// built runs on one thread too.
pub fn begin(app: &mut App) -> Result<(), String> {
    crate::core::headless::single_threaded(app);
    for _ in 0..20 {
        app.update();
        if let Some(problems) = app.world().get_resource::<LoadProblems>()
            && !problems.0.is_empty()
        {
            return Err(problems
                .0
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"));
        }
        if app
            .world_mut()
            .query::<&Dreamer>()
            .iter(app.world())
            .next()
            .is_some()
        {
            return Ok(());
        }
    }
    Err("the dream did not begin".into())
}
