//! A speedrun's results table beside the results on waking: split, time, segment (golds
//! marked), the delta against the personal best before this run, sum of best, the replay.

use bevy::prelude::*;

use crate::core::rng::DreamRng;
use crate::core::ticks;
use crate::speedrun::records::{LastRun, Records, segments};
use crate::speedrun::timer::SPLITS;
use crate::view::screens::menus::navigation::Menu;
use crate::view::screens::palette::layer;
use crate::view::screens::palette::morning::{GOLD, INK, SOFT};
use crate::view::screens::speedrun::times::{run_heading, split_delta};
use crate::view::screens::ui::label;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Menu::Results), show_results_table);
}

/// The table's columns: split, time, segment, delta against the personal best.
const COLUMN_WIDTHS: [f32; 4] = [125.0, 100.0, 120.0, 90.0];

/// The results table, beside the results once the dawn has faded.
fn show_results_table(
    mut commands: Commands,
    rng: Res<DreamRng>,
    last: Res<LastRun>,
    records: Res<Records>,
) {
    let Some(category) = last.category else {
        return;
    };
    let previous = last.finish.as_ref().and_then(|f| f.previous_best.as_ref());
    let headline = match (&last.incomplete, &last.finish) {
        (Some(why), _) => format!("Not counted for {}: {why}", category.name()),
        (None, Some(f)) if f.new_personal_best => "New personal best!".to_string(),
        (None, _) => previous.map_or(String::new(), |pb| {
            format!("Personal best {} stands", ticks::format(pb.time.game))
        }),
    };
    let time = last.splits.last().copied().unwrap_or_default();
    let record = records.get(category);
    let attempts = record.map_or(0, |r| r.attempts);
    let sum = record
        .and_then(|r| r.sum_of_best())
        .map_or("-".into(), |s| ticks::format(s.game));
    let saved = last.run_file.as_ref().map_or_else(
        || "the run could not be saved".to_string(),
        |p| {
            format!(
                "replay saved: {}",
                p.file_name().unwrap_or_default().to_string_lossy()
            )
        },
    );
    commands
        .spawn((
            Name::new("Results table"),
            Node {
                position_type: PositionType::Absolute,
                left: percent(3),
                top: percent(50),
                margin: UiRect::top(px(-230)),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(px(18)),
                row_gap: px(6),
                border_radius: BorderRadius::all(px(10)),
                ..default()
            },
            BackgroundColor(Color::srgba(1.0, 1.0, 1.0, 0.6)),
            layer::RUN_RESULTS,
            DespawnOnExit(Menu::Results),
        ))
        .with_children(|table| {
            table.spawn(label(run_heading(category, rng.seed()), 22.0, INK));
            table.spawn(label(
                format!(
                    "Game time {}   Real time {}",
                    ticks::format(time.game),
                    ticks::format(time.real)
                ),
                20.0,
                INK,
            ));
            table.spawn(label(headline, 20.0, INK));
            row(
                table,
                ["Split", "Time", "Segment", "vs PB"].map(|c| (c.to_string(), SOFT)),
            );
            for cells in split_rows(&last) {
                row(table, cells);
            }
            table.spawn(label(
                format!("* best segment   Sum of best {sum}   Attempt {attempts}"),
                16.0,
                SOFT,
            ));
            table.spawn(label(saved, 15.0, SOFT));
            table.spawn(label(
                "Hold R (or Select) any time for a fresh attempt",
                16.0,
                SOFT,
            ));
        });
}

/// One line of the table, its cells in their columns.
fn row(table: &mut ChildSpawnerCommands, cells: [(String, Color); 4]) {
    table
        .spawn(Node {
            flex_direction: FlexDirection::Row,
            ..default()
        })
        .with_children(|line| {
            for ((cell, color), width) in cells.into_iter().zip(COLUMN_WIDTHS) {
                line.spawn((
                    Node {
                        width: px(width),
                        ..default()
                    },
                    children![label(cell, 18.0, color)],
                ));
            }
        });
}

/// Each split reached: its name, time, segment (a gold one marked) and delta against the
/// personal best before this run.
fn split_rows(last: &LastRun) -> Vec<[(String, Color); 4]> {
    let previous = last.finish.as_ref().and_then(|f| f.previous_best.as_ref());
    let golds = last.finish.as_ref().map(|f| f.golds.as_slice());
    let segment_times = segments(&last.splits);
    SPLITS
        .iter()
        .zip(&last.splits)
        .enumerate()
        .map(|(index, (split, done))| {
            let gold = golds.is_some_and(|g| g.get(index) == Some(&true));
            let delta =
                previous
                    .and_then(|pb| pb.splits.get(index))
                    .map_or((String::new(), INK), |pb| {
                        let (delta, mark) = split_delta(done.game, pb.game, gold);
                        (delta, mark.on_the_morning())
                    });
            let segment = ticks::format(segment_times[index].game);
            let (segment, segment_color) = if gold {
                (format!("{segment} *"), GOLD)
            } else {
                (segment, INK)
            };
            [
                (split.name().to_string(), INK),
                (ticks::format(done.game), INK),
                (segment, segment_color),
                delta,
            ]
        })
        .collect()
}
