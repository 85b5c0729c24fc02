//! Waking: the results and credits over the white morning, with the way on (a new dream, or
//! for a speedrunner the next attempt).

use bevy::prelude::*;

use super::menus::pause::{restart_run, return_to_title};
use super::menus::{Menu, MenuFocus};
use super::ui::{button, label, spacer};
use crate::core::ticks;
use crate::dream::darkening::Worries;
use crate::dream::ending::Ending;
use crate::dream::river::Heart;
use crate::dream::voices::VoicesHeard;
use crate::level::Levels;
use crate::speedrun::timer::{RunTimer, Speedrun};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Menu::Results), show_results);
}

/// Results and credits over the white morning.
#[expect(
    clippy::too_many_arguments,
    reason = "the results gather the whole dream"
)]
fn show_results(
    mut commands: Commands,
    ending: Res<Ending>,
    heart: Res<Heart>,
    heard: Res<VoicesHeard>,
    levels: Res<Levels>,
    worries: Res<Worries>,
    run: Res<RunTimer>,
    speedrun: Res<Speedrun>,
    mut focus: ResMut<MenuFocus>,
) {
    focus.0 = 0;
    // The run's time: from the first step to the waking (as the speedrun timer counts it).
    let time = run
        .finished()
        .map(|end| end.game)
        .or(ending.woke_on_tick)
        .map_or_else(|| "-".to_string(), ticks::format);
    // Beside a speedrun's table the results take the right half.
    let (left, width) = if speedrun.0.is_some() {
        (percent(48), percent(52))
    } else {
        (percent(0), percent(100))
    };
    let ink = Color::srgb(0.25, 0.2, 0.35);
    let soft = Color::srgb(0.45, 0.4, 0.55);
    let text = |line: String, size: f32, color: Color| label(line, size, color);
    commands.spawn((
        Name::new("Results"),
        Node {
            position_type: PositionType::Absolute,
            left,
            width,
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: px(12),
            ..default()
        },
        GlobalZIndex(40),
        DespawnOnExit(Menu::Results),
        children![
            text("You woke.".into(), 56.0, ink),
            text(format!("Time to waking  {time}"), 26.0, ink),
            text(format!("Fragments gathered  {} of {}", heart.filled(), heart.panes.len()), 24.0, soft),
            text(format!("Voices heard  {} of {}", heard.0.len(), levels.garden.voices.len()), 24.0, soft),
            text(format!("Worries planted  {} of {}", worries.planted, worries.total), 24.0, soft),
            spacer(24.0),
            text("Begin Again: made in Rust with Bevy; every shape, shader and sound made for this dream.".into(), 18.0, soft),
            text("Words from a dream of kindness. Thank you for walking it.".into(), 18.0, soft),
            spacer(16.0),
        ],
    ))
    .with_children(|results| {
        // A speedrunner's next attempt is one press away; anyone else returns to the title.
        if speedrun.0.is_some() {
            results.spawn(button("Run again", 0)).observe(restart_run);
            results
                .spawn(button("Back to the title", 1))
                .observe(return_to_title);
        } else {
            results
                .spawn(button("Begin again", 0))
                .observe(return_to_title);
        }
    });
}
