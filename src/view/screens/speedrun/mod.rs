//! What a speedrunner sees and touches in a run: the on-screen timer (T toggles it), the live
//! split list with deltas against the personal best, the held-key instant reset; the results
//! table and the ghost live beside this.

pub mod practice;
pub mod results;
pub mod times;

use bevy::prelude::*;

use crate::core::controls::Action;
use crate::core::flow::{AppState, DreamClock};
use crate::core::rng::DreamRng;
use crate::core::settings::Settings;
use crate::core::ticks;
use crate::speedrun::practice::Practice;
use crate::speedrun::records::{LastRun, Records, is_gold, segments};
use crate::speedrun::timer::{ResetRun, RunTimer, SPLITS, Speedrun, SplitTime};
use crate::view::controls::Buttons;
use crate::view::screens::palette::{BEHIND, DIM, GOLD, PANEL, TEXT, layer};
use crate::view::screens::speedrun::times::{figures, format_delta, run_heading, split_delta};
use crate::view::screens::ui::{label, panel};

/// How long the reset key is held before the attempt is thrown away (a tap does nothing).
pub(crate) const RESET_HOLD_SECONDS: f32 = 0.3;

#[derive(Component)]
struct TimerPanel;

/// A line of the timer: game time (big) or real time (small).
#[derive(Component, PartialEq, Eq)]
enum TimerLine {
    Game,
    Real,
}

#[derive(Component)]
struct SplitPanel;

/// One cell of the live split list: row (split) and column (0 name, 1 delta, 2 time).
#[derive(Component, Clone, Copy)]
struct SplitCell {
    row: usize,
    column: usize,
}

#[derive(Component)]
struct SplitFooter;

/// How long the reset key has been held, and when the last reset was asked for (to log how
/// long the fresh attempt took to stand on screen).
#[derive(Resource, Default)]
struct ResetHeld {
    held: f32,
    asked_at: Option<f64>,
    frames_since: u32,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<ResetHeld>()
        .init_resource::<TimerView>()
        .add_plugins((practice::plugin, results::plugin))
        .add_systems(
            OnEnter(AppState::Playing),
            (spawn_timer, spawn_splits, |mut held: ResMut<ResetHeld>| {
                held.frames_since = 0;
            }),
        )
        .add_systems(
            Update,
            (
                (toggle_timer, show_timer).chain(),
                (hold_to_reset, time_reset).chain(),
                show_splits,
            )
                .run_if(in_state(AppState::Playing)),
        );
}

// ---------------------------------------------------------------------------------------
// In the run.

/// Whether the timer is on screen. A speedrun shows it as the settings say; a player not
/// speedrunning sees it only after asking (T).
#[derive(Resource, Default)]
struct TimerView {
    asked: bool,
    shown: bool,
}

fn toggle_timer(
    buttons: Buttons,
    speedrun: Res<Speedrun>,
    mut settings: ResMut<Settings>,
    mut view: ResMut<TimerView>,
) {
    if buttons.just_pressed(&settings.controls, Action::Timer) {
        if speedrun.0.is_some() {
            settings.show_timer = !settings.show_timer;
        } else {
            view.asked = !view.asked;
        }
    }
    view.shown = if speedrun.0.is_some() {
        settings.show_timer
    } else {
        view.asked
    };
}

fn hold_to_reset(
    buttons: Buttons,
    settings: Res<Settings>,
    time: Res<Time<Real>>,
    speedrun: Res<Speedrun>,
    mut held: ResMut<ResetHeld>,
    mut reset: MessageWriter<ResetRun>,
) {
    let holding = buttons.pressed(&settings.controls, Action::ResetRun);
    if !holding || speedrun.0.is_none() {
        held.held = 0.0;
        return;
    }
    let was = held.held;
    held.held += time.delta_secs();
    if was < RESET_HOLD_SECONDS && held.held >= RESET_HOLD_SECONDS {
        reset.write(ResetRun);
        held.asked_at = Some(time.elapsed_secs_f64());
    }
}

/// Logs how long a reset took: from the request to the second frame of the fresh attempt
/// (the first one drawn, with pipelined rendering).
fn time_reset(time: Res<Time<Real>>, mut held: ResMut<ResetHeld>) {
    let Some(asked) = held.asked_at else {
        return;
    };
    held.frames_since += 1;
    if held.frames_since >= 2 {
        info!(
            "fresh attempt on screen {:.0} ms after the reset (after the {RESET_HOLD_SECONDS} s hold)",
            (time.elapsed_secs_f64() - asked) * 1000.0
        );
        held.asked_at = None;
    }
}

fn spawn_timer(mut commands: Commands) {
    commands.spawn((
        Name::new("Run timer"),
        TimerPanel,
        panel(
            Node {
                position_type: PositionType::Absolute,
                top: px(18),
                right: px(22),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::End,
                padding: UiRect::axes(px(14), px(8)),
                ..default()
            },
            PANEL,
        ),
        Visibility::Hidden,
        layer::HUD,
        DespawnOnExit(AppState::Playing),
        children![
            (TimerLine::Game, figures("0:00.000", 40.0, TEXT)),
            (TimerLine::Real, figures("real 0:00.000", 16.0, DIM)),
        ],
    ));
}

fn show_timer(
    view: Res<TimerView>,
    timer: Res<RunTimer>,
    practice: Res<Practice>,
    clock: Res<DreamClock>,
    real: Res<Time<Real>>,
    mut panels: Query<&mut Visibility, With<TimerPanel>>,
    mut lines: Query<(&TimerLine, &mut Text)>,
) {
    let shown = view.shown;
    for mut visibility in &mut panels {
        visibility.set_if_neq(if shown {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
    }
    if !shown {
        return;
    }
    // In practice the big line is the segment's own time; the run's game time goes below.
    let (game, real) = match practice.segment_ticks(&timer, clock.tick) {
        Some(segment) => (
            ticks::format(segment),
            format!("run {}", ticks::format(timer.game_ticks(clock.tick))),
        ),
        None => (
            ticks::format(timer.game_ticks(clock.tick)),
            format!(
                "real {}",
                ticks::format(timer.real_ticks(real.elapsed_secs_f64()))
            ),
        ),
    };
    for (which, mut line) in &mut lines {
        let shown = if *which == TimerLine::Game {
            &game
        } else {
            &real
        };
        if line.0 != *shown {
            line.0.clone_from(shown);
        }
    }
}

/// The split list's heading: the category.
#[derive(Component)]
struct SplitHeading;

fn spawn_splits(mut commands: Commands) {
    commands
        .spawn((
            Name::new("Splits"),
            SplitPanel,
            panel(
                Node {
                    position_type: PositionType::Absolute,
                    top: px(104),
                    right: px(22),
                    width: px(360),
                    flex_direction: FlexDirection::Column,
                    padding: UiRect::all(px(12)),
                    row_gap: px(4),
                    ..default()
                },
                PANEL,
            ),
            Visibility::Hidden,
            layer::HUD,
            DespawnOnExit(AppState::Playing),
        ))
        .with_children(|panel| {
            panel.spawn((SplitHeading, label("", 15.0, DIM)));
            for row in 0..SPLITS.len() {
                panel
                    .spawn(Node {
                        flex_direction: FlexDirection::Row,
                        justify_content: JustifyContent::SpaceBetween,
                        // The delta never runs into the time beside it.
                        column_gap: px(10),
                        ..default()
                    })
                    .with_children(|line| {
                        for (column, width) in [(0, 130.0), (1, 80.0), (2, 90.0)] {
                            line.spawn((
                                Node {
                                    width: px(width),
                                    justify_content: if column == 0 {
                                        JustifyContent::Start
                                    } else {
                                        JustifyContent::End
                                    },
                                    ..default()
                                },
                                children![(SplitCell { row, column }, figures("", 19.0, TEXT))],
                            ));
                        }
                    });
            }
            panel.spawn((SplitFooter, label("", 15.0, DIM)));
        });
}

/// What one row of the split list shows: delta text and colour, time text and colour.
fn split_row(
    row: usize,
    splits: &[SplitTime],
    best: Option<&[SplitTime]>,
    best_segments: &[Option<SplitTime>],
    now: u64,
) -> (String, Color, String, Color) {
    let pb = best.and_then(|b| b.get(row).copied());
    if let Some(done) = splits.get(row) {
        let segment = segments(splits)[row];
        let gold = is_gold(segment, best_segments.get(row).copied().flatten());
        let (delta, color) = match pb {
            Some(pb) => {
                let (delta, mark) = split_delta(done.game, pb.game, gold);
                (delta, mark.over_the_game())
            }
            None => (String::new(), TEXT),
        };
        return (delta, color, ticks::format(done.game), TEXT);
    }
    let current = row == splits.len();
    match pb {
        // While running late for the split ahead, show by how much.
        Some(pb) if current && now > pb.game => (
            format_delta(now as i64 - pb.game as i64),
            BEHIND,
            ticks::format(pb.game),
            DIM,
        ),
        Some(pb) => (String::new(), DIM, ticks::format(pb.game), DIM),
        None => (String::new(), DIM, "-".into(), DIM),
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the list shows the run against its records"
)]
#[expect(
    clippy::type_complexity,
    reason = "cells, heading and footer are told apart by marker"
)]
fn show_splits(
    speedrun: Res<Speedrun>,
    settings: Res<Settings>,
    rng: Res<DreamRng>,
    mut panels: Query<&mut Visibility, With<SplitPanel>>,
    timer: Res<RunTimer>,
    clock: Res<DreamClock>,
    records: Res<Records>,
    last: Res<LastRun>,
    practice: Res<Practice>,
    mut cells: Query<(&SplitCell, &mut Text, &mut TextColor), Without<SplitFooter>>,
    mut footers: Query<
        (&mut Text, Has<SplitHeading>),
        (
            Or<(With<SplitFooter>, With<SplitHeading>)>,
            Without<SplitCell>,
        ),
    >,
) {
    // The list goes with the timer: T hides both.
    let shown = speedrun.0.filter(|_| settings.show_timer);
    for mut visibility in &mut panels {
        visibility.set_if_neq(if shown.is_some() {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
    }
    let Some(category) = shown else {
        return;
    };
    // Once the run is recorded, compare with the best before it, not with itself.
    let record = records.get(category);
    let best = match &last.finish {
        Some(finish) => finish.previous_best.as_ref(),
        None => record.and_then(|r| r.personal_best.as_ref()),
    };
    let empty = vec![None; SPLITS.len()];
    let best_segments = if last.finish.is_some() {
        &empty
    } else {
        record.map_or(&empty, |r| &r.best_segments)
    };
    let golds = last.finish.as_ref().map(|f| f.golds.clone());
    let now = timer.game_ticks(clock.tick);
    for (cell, mut line, mut color) in &mut cells {
        let (delta, delta_color, time, time_color) = split_row(
            cell.row,
            &timer.splits,
            best.map(|b| b.splits.as_slice()),
            best_segments,
            now,
        );
        let gold = golds
            .as_ref()
            .is_some_and(|g| g.get(cell.row) == Some(&true) && best.is_some());
        let (shown, tint) = match cell.column {
            0 => {
                let current = cell.row == timer.splits.len() && timer.finished().is_none();
                let tint = if current { TEXT } else { DIM };
                (SPLITS[cell.row].name().to_string(), tint)
            }
            1 if gold => (delta, GOLD),
            1 => (delta, delta_color),
            _ => (time, time_color),
        };
        if line.0 != shown {
            line.0 = shown;
        }
        color.set_if_neq(TextColor(tint));
    }
    let sum = record
        .and_then(|r| r.sum_of_best())
        .map_or("-".into(), |s| ticks::format(s.game));
    let pb = best.map_or("-".into(), |b| ticks::format(b.time.game));
    // This attempt is counted when its timer starts; until then it is the next one.
    let attempt = record.map_or(0, |r| r.attempts) + u32::from(!timer.started());
    let footer = if practice.0.is_some() {
        format!("Sum of best {sum}   PB {pb}   Practice")
    } else {
        format!("Sum of best {sum}   PB {pb}   Attempt {attempt}")
    };
    let heading = run_heading(category, rng.seed());
    for (mut line, is_heading) in &mut footers {
        let shown = if is_heading { &heading } else { &footer };
        if line.0 != *shown {
            line.0.clone_from(shown);
        }
    }
}
