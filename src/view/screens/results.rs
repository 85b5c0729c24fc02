//! Waking: the results and credits over the white morning, with the way on (a new dream, or
//! for a speedrunner the next attempt).

use bevy::prelude::*;

use crate::core::flow::{BeginDream, Chapter};
use crate::core::settings::Settings;
use crate::core::ticks;
use crate::dream::darkening::Worries;
use crate::dream::ending::Ending;
use crate::dream::river::{GatheredMemories, Heart};
use crate::dream::voices::VoicesHeard;
use crate::level::Levels;
use crate::speedrun::timer::{RunTimer, Speedrun};
use crate::view::screens::menus::navigation::{Chosen, Menu, MenuFocus};
use crate::view::screens::menus::pause::{restart_run, return_to_title};
use crate::view::screens::palette::layer;
use crate::view::screens::ui::{Page, button, label, page_column, spacer};

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
    memories: Res<GatheredMemories>,
    settings: Res<Settings>,
    mut focus: ResMut<MenuFocus>,
) {
    focus.0 = 0;
    // The dream's closing words, as it says them on waking.
    let closing = levels
        .garden
        .waking
        .as_ref()
        .map_or_else(String::new, |waking| waking.line.clone());
    // The run's time: from the first step to the waking (as the speedrun timer counts it), to
    // the millisecond for whoever watched the timer; for a dreamer who did not, how long the
    // dream lasted, in words.
    let woke = run.finished().map(|end| end.game).or(ending.woke_on_tick);
    let time = match woke {
        None => String::new(),
        Some(ticks) if settings.show_timer || speedrun.0.is_some() => {
            format!("Time to waking  {}", ticks::format(ticks))
        }
        Some(ticks) => dream_length(ticks),
    };
    // Beside a speedrun's table the results take the right half.
    let (left, width) = if speedrun.0.is_some() {
        (percent(48), percent(52))
    } else {
        (percent(0), percent(100))
    };
    let ink = Color::srgb(0.25, 0.2, 0.35);
    // Soft, yet dark enough to read easily on the morning's cream.
    let soft = Color::srgb(0.36, 0.31, 0.46);
    // A centred line that wraps within the column.
    let text = |line: String, size: f32, color: Color| {
        (
            label(line, size, color),
            TextLayout::justify(Justify::Center),
            Node {
                max_width: percent(88),
                ..default()
            },
        )
    };
    let tally = format!(
        "{} of {} fragments  \u{00B7}  {} of {} voices  \u{00B7}  {} of {} worries planted",
        heart.filled(),
        heart.panes.len(),
        heard.0.len(),
        levels.garden.voices.len(),
        worries.planted,
        worries.total
    );
    commands
        .spawn((
            Name::new("Results"),
            Page,
            page_column(
                8.0,
                Node {
                    position_type: PositionType::Absolute,
                    left,
                    width,
                    height: percent(100),
                    ..default()
                },
            ),
            layer::RESULTS,
            DespawnOnExit(Menu::Results),
        ))
        .with_children(|results| {
            // Waking first, then the words the dream closed with, carried into the morning.
            results.spawn(text("You woke.".into(), 50.0, ink));
            results.spawn(text(closing, 22.0, ink));
            results.spawn(text(time, 24.0, ink));
            results.spawn(text(tally, 18.0, soft));
            results.spawn(spacer(6.0));
            // What came back from the river, in the order it came (a speedrunner, beside the
            // split table, is told how many).
            match (memories.0.len(), speedrun.0.is_some()) {
                (0, _) => {}
                (count, true) => {
                    results.spawn(text(format!("{count} memories came back"), 16.0, soft));
                }
                (_, false) => {
                    results.spawn(text("What came back".into(), 18.0, ink));
                    for memory in &memories.0 {
                        results.spawn(text(memory.line.clone(), 14.0, soft));
                    }
                }
            }
            results.spawn(spacer(6.0));
            results.spawn(text(
                "Begin Again: made in Rust with Bevy; every shape, shader and sound made for this dream. Words from a dream of kindness. Thank you for walking it.".into(),
                14.0,
                soft,
            ));
            results.spawn(spacer(6.0));
        // A speedrunner's next attempt is one press away; anyone else may begin again at once,
        // as the dream says, or go back to the title.
        if speedrun.0.is_some() {
            results.spawn(button("Run again", 0)).observe(restart_run);
        } else {
            results.spawn(button("Begin again", 0)).observe(begin_again);
        }
        results
            .spawn((button("Back to the title", 1), crate::view::screens::menus::navigation::BackButton))
            .observe(return_to_title);
    });
}

/// Begin again: a new dream, from the city.
pub fn begin_again(_: On<Chosen>, mut begin: MessageWriter<BeginDream>) {
    begin.write(BeginDream {
        chapter: Chapter::City,
    });
}

/// How long a dream lasted, as a dreamer would say it: to the nearest minute.
fn dream_length(ticks: u64) -> String {
    let minutes = (ticks::millis(ticks) + 30_000) / 60_000;
    match minutes {
        0 => "A dream of less than a minute".into(),
        1 => "A dream of about a minute".into(),
        _ => format!("A dream of about {minutes} minutes"),
    }
}

#[cfg(test)]
mod tests {
    use super::dream_length;
    use crate::core::ticks::TICKS_PER_SECOND;

    #[test]
    fn a_dream_lasts_whole_minutes_in_words() {
        let seconds = |s: u64| s * TICKS_PER_SECOND;
        assert_eq!(dream_length(seconds(29)), "A dream of less than a minute");
        assert_eq!(dream_length(seconds(31)), "A dream of about a minute");
        assert_eq!(dream_length(seconds(150)), "A dream of about 3 minutes");
        assert_eq!(dream_length(seconds(149)), "A dream of about 2 minutes");
    }
}
