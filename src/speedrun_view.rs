//! What a speedrunner sees and touches: the speedrun screen on the title (category and seed),
//! the on-screen timer (T toggles it), the live split list with deltas against the personal
//! best, the results table, the ghost of the personal best, and the held-key instant reset.

use bevy::input::gamepad::{Gamepad, GamepadButton};
use bevy::light::NotShadowCaster;
use bevy::prelude::*;

use crate::autoplay::format_ticks;
use crate::flow::{AppState, Chapter, DreamClock};
use crate::menus::{MenuAction, MenuFocus, button, label};
use crate::records::{Ghost, LastRun, Records, RecordsPlace, segments};
use crate::settings::Settings;
use crate::speedrun::{
    Category, ResetRun, Route, RunTimer, SPLITS, SeedChoice, Speedrun, SplitTime, StartSpeedrun,
};
use crate::walking::EYE_HEIGHT;

/// How long the reset key is held before the attempt is thrown away (a tap does nothing).
pub const RESET_HOLD_SECONDS: f32 = 0.3;

const INK: Color = Color::srgb(0.93, 0.92, 1.0);
const DIM: Color = Color::srgba(0.85, 0.84, 0.95, 0.6);
const AHEAD: Color = Color::srgb(0.45, 0.95, 0.55);
const BEHIND: Color = Color::srgb(1.0, 0.45, 0.45);
const GOLD: Color = Color::srgb(1.0, 0.82, 0.3);
const PANEL: Color = Color::srgba(0.02, 0.02, 0.06, 0.55);

/// The category chosen on the speedrun screen.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeedrunChoice {
    pub route: Route,
    pub set_seed: bool,
    pub seed: u64,
}

impl Default for SpeedrunChoice {
    fn default() -> Self {
        Self {
            route: Route::Any,
            set_seed: false,
            seed: 1,
        }
    }
}

impl SpeedrunChoice {
    pub fn category(&self) -> Category {
        Category {
            route: self.route,
            seed: if self.set_seed {
                SeedChoice::Set(self.seed)
            } else {
                SeedChoice::Random
            },
        }
    }
}

/// The speedrun screen is showing (on the title).
#[derive(Component)]
struct SpeedrunScreen;

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

#[derive(Component)]
struct ResultsTable;

#[derive(Component)]
struct GhostFigure;

/// How long the reset key has been held, and when the last reset was asked for (to log how
/// long the fresh attempt took to stand on screen).
#[derive(Resource, Default)]
struct ResetHeld {
    held: f32,
    asked_at: Option<f64>,
    frames_since: u32,
}

pub struct SpeedrunViewPlugin;

impl Plugin for SpeedrunViewPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<SpeedrunChoice>()
            .init_resource::<ResetHeld>()
            .init_resource::<TimerView>()
            .add_systems(
                OnEnter(AppState::Playing),
                (
                    spawn_timer,
                    spawn_splits,
                    spawn_ghost,
                    |mut held: ResMut<ResetHeld>| {
                        held.frames_since = 0;
                    },
                ),
            )
            .add_systems(
                Update,
                (
                    speedrun_screen_actions
                        .after(crate::menus::press)
                        .run_if(in_state(AppState::Title)),
                    (
                        (toggle_timer, show_timer).chain(),
                        (hold_to_reset, time_reset).chain(),
                        show_splits,
                        walk_ghost,
                        show_results_table,
                    )
                        .run_if(in_state(AppState::Playing)),
                ),
            );
    }
}

// ---------------------------------------------------------------------------------------
// The speedrun screen.

/// Opens the speedrun screen in place of the title's buttons.
pub fn open_speedrun_screen(
    commands: &mut Commands,
    choice: &SpeedrunChoice,
    records: &Records,
    place: &RecordsPlace,
) {
    let category = choice.category();
    let record = records.get(category);
    let best = record
        .and_then(|r| r.personal_best.as_ref())
        .map_or("no personal best yet".to_string(), |pb| {
            format!("personal best {}", format_ticks(pb.time.game))
        });
    let attempts = record.map_or(0, |r| r.attempts);
    let sum = record
        .and_then(|r| r.sum_of_best())
        .map_or(String::new(), |s| {
            format!("  |  sum of best {}", format_ticks(s.game))
        });
    let seed_rule = if choice.set_seed {
        "Seed: set"
    } else {
        "Seed: random"
    };
    let seed_number = if choice.set_seed {
        format!("Seed number: {}", choice.seed)
    } else {
        "Seed number: -".into()
    };
    let explained = match (choice.route, choice.set_seed) {
        (Route::Any, false) => "The shortest way to waking; a new seed every attempt.",
        (Route::Any, true) => {
            "The shortest way to waking; the same door and fragments every attempt."
        }
        (Route::Full, false) => {
            "Every voice heard, every worry planted, every fragment; a new seed every attempt."
        }
        (Route::Full, true) => {
            "Every voice, worry and fragment; the same door and fragments every attempt."
        }
    };
    commands
        .spawn((
            SpeedrunScreen,
            Node {
                position_type: PositionType::Absolute,
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                justify_content: JustifyContent::Center,
                row_gap: px(12),
                ..default()
            },
            BackgroundColor(Color::srgba(0.02, 0.01, 0.06, 0.45)),
            GlobalZIndex(20),
            DespawnOnExit(AppState::Title),
        ))
        .with_children(|screen| {
            screen.spawn(label("Speedrun to waking", 52.0, INK));
            screen.spawn(label(
                format!("{}  |  {best}  |  {attempts} attempts{sum}", category.name()),
                20.0,
                DIM,
            ));
            if let Some(problem) = &place.problem {
                screen.spawn(label(problem.clone(), 16.0, BEHIND));
            }
            screen.spawn(Node {
                height: px(12),
                ..default()
            });
            screen.spawn(label(explained, 18.0, DIM));
            let route = format!("Category: {}", choice.route.label());
            screen.spawn(button(&route, MenuAction::SpeedrunRoute, 0));
            screen.spawn(button(seed_rule, MenuAction::SpeedrunSeedRule, 1));
            screen.spawn(button(&seed_number, MenuAction::SpeedrunSeedNumber, 2));
            screen.spawn(button("Start run", MenuAction::SpeedrunStart, 3));
            screen.spawn(button("Back", MenuAction::SpeedrunBack, 4));
            screen.spawn(label(
                "Type digits or press Left/Right on the seed number.  In a run: hold R (or Select) to reset, T shows the timer.",
                16.0,
                DIM,
            ));
        });
}

#[expect(
    clippy::too_many_arguments,
    reason = "the screen reads its keys and rebuilds itself"
)]
fn speedrun_screen_actions(
    mut commands: Commands,
    mut actions: MessageReader<crate::menus::MenuPressed>,
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    mut focus: ResMut<MenuFocus>,
    screens: Query<Entity, With<SpeedrunScreen>>,
    title_menus: Query<Entity, With<crate::menus::TitleMenu>>,
    mut again: MessageWriter<crate::menus::ShowTitleMenu>,
    buttons: Query<&crate::menus::MenuButton>,
    records: Res<Records>,
    place: Res<RecordsPlace>,
    mut choice: ResMut<SpeedrunChoice>,
    mut start: MessageWriter<StartSpeedrun>,
) {
    let before = *choice;
    let mut close = false;
    for action in actions.read() {
        match action.0 {
            MenuAction::Speedrun => {
                for menu in &title_menus {
                    commands.entity(menu).despawn();
                }
                focus.0 = 3;
                open_speedrun_screen(&mut commands, &choice, &records, &place);
            }
            MenuAction::SpeedrunRoute => {
                choice.route = match choice.route {
                    Route::Any => Route::Full,
                    Route::Full => Route::Any,
                };
            }
            MenuAction::SpeedrunSeedRule => choice.set_seed = !choice.set_seed,
            MenuAction::SpeedrunSeedNumber => choice.set_seed = true,
            MenuAction::SpeedrunStart => {
                start.write(StartSpeedrun(choice.category()));
            }
            MenuAction::SpeedrunBack => close = true,
            _ => {}
        }
    }
    // Typing on the seed number sets it.
    let on_seed = buttons
        .iter()
        .any(|b| b.order == focus.0 && b.action == MenuAction::SpeedrunSeedNumber);
    if on_seed && !screens.is_empty() {
        let digits = [
            KeyCode::Digit0,
            KeyCode::Digit1,
            KeyCode::Digit2,
            KeyCode::Digit3,
            KeyCode::Digit4,
            KeyCode::Digit5,
            KeyCode::Digit6,
            KeyCode::Digit7,
            KeyCode::Digit8,
            KeyCode::Digit9,
        ];
        for (value, key) in digits.iter().enumerate() {
            if keys.just_pressed(*key) {
                choice.set_seed = true;
                choice.seed = choice
                    .seed
                    .checked_mul(10)
                    .and_then(|s| s.checked_add(value as u64))
                    .unwrap_or(choice.seed);
            }
        }
        if keys.just_pressed(KeyCode::Backspace) {
            choice.seed /= 10;
        }
        let pad = |button| gamepads.iter().any(|g| g.just_pressed(button));
        if keys.just_pressed(KeyCode::ArrowRight) || pad(GamepadButton::DPadRight) {
            choice.set_seed = true;
            choice.seed = choice.seed.saturating_add(1);
        }
        if keys.just_pressed(KeyCode::ArrowLeft) || pad(GamepadButton::DPadLeft) {
            choice.set_seed = true;
            choice.seed = choice.seed.saturating_sub(1);
        }
    }
    if close || *choice != before {
        for screen in &screens {
            commands.entity(screen).despawn();
        }
        if close {
            again.write(crate::menus::ShowTitleMenu {
                focus_on: MenuAction::Speedrun,
            });
        } else {
            open_speedrun_screen(&mut commands, &choice, &records, &place);
        }
    }
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
    keys: Res<ButtonInput<KeyCode>>,
    speedrun: Res<Speedrun>,
    mut settings: ResMut<Settings>,
    mut view: ResMut<TimerView>,
) {
    if keys.just_pressed(KeyCode::KeyT) {
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
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    time: Res<Time<Real>>,
    speedrun: Res<Speedrun>,
    mut held: ResMut<ResetHeld>,
    mut reset: MessageWriter<ResetRun>,
) {
    let holding =
        keys.pressed(KeyCode::KeyR) || gamepads.iter().any(|g| g.pressed(GamepadButton::Select));
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

fn text(line: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    label(line, size, color)
}

fn spawn_timer(mut commands: Commands) {
    commands.spawn((
        Name::new("Run timer"),
        TimerPanel,
        Node {
            position_type: PositionType::Absolute,
            top: px(18),
            right: px(22),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::End,
            padding: UiRect::axes(px(14), px(8)),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BackgroundColor(PANEL),
        Visibility::Hidden,
        GlobalZIndex(30),
        DespawnOnExit(AppState::Playing),
        children![
            (TimerLine::Game, text("0:00.000", 40.0, INK)),
            (TimerLine::Real, text("real 0:00.000", 16.0, DIM)),
        ],
    ));
}

fn show_timer(
    view: Res<TimerView>,
    timer: Res<RunTimer>,
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
    let game = format_ticks(timer.game_ticks(clock.tick));
    let real = format!(
        "real {}",
        format_ticks(timer.real_ticks(real.elapsed_secs_f64()))
    );
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
            Node {
                position_type: PositionType::Absolute,
                top: px(104),
                right: px(22),
                width: px(330),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(px(12)),
                row_gap: px(4),
                border_radius: BorderRadius::all(px(8)),
                ..default()
            },
            BackgroundColor(PANEL),
            Visibility::Hidden,
            GlobalZIndex(30),
            DespawnOnExit(AppState::Playing),
        ))
        .with_children(|panel| {
            panel.spawn((SplitHeading, text("", 15.0, DIM)));
            for row in 0..SPLITS.len() {
                panel
                    .spawn(Node {
                        flex_direction: FlexDirection::Row,
                        justify_content: JustifyContent::SpaceBetween,
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
                                children![(SplitCell { row, column }, text("", 19.0, INK))],
                            ));
                        }
                    });
            }
            panel.spawn((SplitFooter, text("", 15.0, DIM)));
        });
}

/// The category, and the seed drawn when it is random: a run worth keeping can be practised
/// again on its seed.
fn run_heading(category: Category, seed: u64) -> String {
    match category.seed {
        SeedChoice::Random => format!("{}  seed {seed}", category.name()),
        SeedChoice::Set(_) => category.name(),
    }
}

/// A signed difference of ticks as +s.mmm or -m:ss.mmm.
pub fn format_delta(ticks: i64) -> String {
    let sign = if ticks < 0 { '-' } else { '+' };
    let magnitude = ticks.unsigned_abs();
    let shown = format_ticks(magnitude);
    let shown = shown.strip_prefix("0:").unwrap_or(&shown);
    let shown = if magnitude < 600 {
        shown.trim_start_matches('0')
    } else {
        shown
    };
    let shown = if shown.starts_with('.') {
        format!("0{shown}")
    } else {
        shown.to_string()
    };
    format!("{sign}{shown}")
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
        let gold = best_segments
            .get(row)
            .copied()
            .flatten()
            .is_none_or(|b| segment.game < b.game);
        let (delta, color) = match pb {
            Some(pb) => {
                let d = done.game as i64 - pb.game as i64;
                let color = if gold && best.is_some() {
                    GOLD
                } else if d <= 0 {
                    AHEAD
                } else {
                    BEHIND
                };
                (format_delta(d), color)
            }
            None => (String::new(), INK),
        };
        return (delta, color, format_ticks(done.game), INK);
    }
    let current = row == splits.len();
    match pb {
        // While running late for the split ahead, show by how much.
        Some(pb) if current && now > pb.game => (
            format_delta(now as i64 - pb.game as i64),
            BEHIND,
            format_ticks(pb.game),
            DIM,
        ),
        Some(pb) => (String::new(), DIM, format_ticks(pb.game), DIM),
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
    rng: Res<crate::rng::DreamRng>,
    mut panels: Query<&mut Visibility, With<SplitPanel>>,
    timer: Res<RunTimer>,
    clock: Res<DreamClock>,
    records: Res<Records>,
    last: Res<LastRun>,
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
                let tint = if current { INK } else { DIM };
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
        .map_or("-".into(), |s| format_ticks(s.game));
    let pb = best.map_or("-".into(), |b| format_ticks(b.time.game));
    // This attempt is counted when its timer starts; until then it is the next one.
    let attempt = record.map_or(0, |r| r.attempts) + u32::from(!timer.started());
    let footer = format!("Sum of best {sum}   PB {pb}   Attempt {attempt}");
    let heading = run_heading(category, rng.seed());
    for (mut line, is_heading) in &mut footers {
        let shown = if is_heading { &heading } else { &footer };
        if line.0 != *shown {
            line.0.clone_from(shown);
        }
    }
}

/// The results table, beside the results once the dawn has faded.
fn show_results_table(
    mut commands: Commands,
    rng: Res<crate::rng::DreamRng>,
    ending: Res<crate::ending::Ending>,
    last: Res<LastRun>,
    records: Res<Records>,
    existing: Query<(), With<ResultsTable>>,
) {
    let Some(category) = last.category else {
        return;
    };
    if !ending.finished || !existing.is_empty() {
        return;
    }
    let previous = last.finish.as_ref().and_then(|f| f.previous_best.as_ref());
    let golds = last.finish.as_ref().map(|f| f.golds.clone());
    let ink = Color::srgb(0.22, 0.18, 0.32);
    let soft = Color::srgb(0.42, 0.38, 0.52);
    let headline = match (&last.incomplete, &last.finish) {
        (Some(why), _) => format!("Not counted for {}: {why}", category.name()),
        (None, Some(f)) if f.new_personal_best => "New personal best!".to_string(),
        (None, _) => previous.map_or(String::new(), |pb| {
            format!("Personal best {} stands", format_ticks(pb.time.game))
        }),
    };
    let time = last.splits.last().copied().unwrap_or_default();
    let attempts = records.get(category).map_or(0, |r| r.attempts);
    let sum = records
        .get(category)
        .and_then(|r| r.sum_of_best())
        .map_or("-".into(), |s| format_ticks(s.game));
    let saved = last.run_file.as_ref().map_or_else(
        || "the run could not be saved".to_string(),
        |p| {
            format!(
                "replay saved: {}",
                p.file_name().unwrap_or_default().to_string_lossy()
            )
        },
    );
    let segment_times = segments(&last.splits);
    commands
        .spawn((
            Name::new("Results table"),
            ResultsTable,
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
            GlobalZIndex(45),
            DespawnOnExit(AppState::Playing),
        ))
        .with_children(|table| {
            table.spawn(text(run_heading(category, rng.seed()), 22.0, ink));
            table.spawn(text(
                format!(
                    "Game time {}   Real time {}",
                    format_ticks(time.game),
                    format_ticks(time.real)
                ),
                20.0,
                ink,
            ));
            table.spawn(text(headline, 20.0, ink));
            let columns = ["Split", "Time", "Segment", "vs PB"];
            let widths = [125.0, 100.0, 120.0, 90.0];
            let row = |table: &mut ChildSpawnerCommands, cells: [(String, Color); 4]| {
                table
                    .spawn(Node {
                        flex_direction: FlexDirection::Row,
                        ..default()
                    })
                    .with_children(|line| {
                        for ((cell, color), width) in cells.into_iter().zip(widths) {
                            line.spawn((
                                Node {
                                    width: px(width),
                                    ..default()
                                },
                                children![text(cell, 18.0, color)],
                            ));
                        }
                    });
            };
            row(table, columns.map(|c| (c.to_string(), soft)));
            for (index, split) in SPLITS.iter().enumerate() {
                let Some(done) = last.splits.get(index) else {
                    continue;
                };
                let gold = golds.as_ref().is_some_and(|g| g.get(index) == Some(&true));
                let delta = previous.and_then(|pb| pb.splits.get(index)).map_or(
                    (String::new(), ink),
                    |pb| {
                        let d = done.game as i64 - pb.game as i64;
                        let color = if gold {
                            Color::srgb(0.75, 0.55, 0.05)
                        } else if d <= 0 {
                            Color::srgb(0.1, 0.55, 0.2)
                        } else {
                            Color::srgb(0.7, 0.15, 0.15)
                        };
                        (format_delta(d), color)
                    },
                );
                let segment = format_ticks(segment_times[index].game);
                let segment = if gold {
                    format!("{segment} *")
                } else {
                    segment
                };
                row(
                    table,
                    [
                        (split.name().to_string(), ink),
                        (format_ticks(done.game), ink),
                        (
                            segment,
                            if gold {
                                Color::srgb(0.75, 0.55, 0.05)
                            } else {
                                ink
                            },
                        ),
                        delta,
                    ],
                );
            }
            table.spawn(text(
                format!("* best segment   Sum of best {sum}   Attempt {attempts}"),
                16.0,
                soft,
            ));
            table.spawn(text(saved, 15.0, soft));
            table.spawn(text(
                "Hold R (or Select) any time for a fresh attempt",
                16.0,
                soft,
            ));
        });
}

// ---------------------------------------------------------------------------------------
// The ghost.

fn spawn_ghost(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    // Always there, hidden until a personal best's track has it walk.
    let material = materials.add(StandardMaterial {
        base_color: Color::srgba(0.75, 0.85, 1.0, 0.22),
        emissive: LinearRgba::rgb(0.25, 0.35, 0.6),
        alpha_mode: AlphaMode::Blend,
        unlit: true,
        ..default()
    });
    let body = meshes.add(Capsule3d::new(0.26, 1.0));
    let head = meshes.add(Sphere::new(0.17));
    commands.spawn((
        Name::new("Ghost of the personal best"),
        GhostFigure,
        Transform::default(),
        Visibility::Hidden,
        DespawnOnExit(AppState::Playing),
        children![
            (
                Mesh3d(body),
                MeshMaterial3d(material.clone()),
                NotShadowCaster,
                Transform::from_xyz(0.0, 0.78, 0.0),
            ),
            (
                Mesh3d(head),
                MeshMaterial3d(material),
                NotShadowCaster,
                Transform::from_xyz(0.0, EYE_HEIGHT - 0.05, 0.0),
            ),
        ],
    ));
}

fn walk_ghost(
    ghost: Res<Ghost>,
    settings: Res<Settings>,
    timer: Res<RunTimer>,
    clock: Res<DreamClock>,
    chapter: Option<Res<State<Chapter>>>,
    mut figures: Query<(&mut Transform, &mut Visibility), With<GhostFigure>>,
) {
    let garden = chapter.is_some_and(|c| *c.get() == Chapter::Garden);
    let place = match &ghost.0 {
        Some(track) if timer.started() && settings.ghost => {
            track.at(timer.game_ticks(clock.tick), garden)
        }
        _ => None,
    };
    for (mut transform, mut visibility) in &mut figures {
        match place {
            Some((at, yaw)) => {
                transform.translation = Vec3::new(at.x, 0.0, at.y);
                transform.rotation = Quat::from_rotation_y(yaw);
                visibility.set_if_neq(Visibility::Inherited);
            }
            None => {
                visibility.set_if_neq(Visibility::Hidden);
            }
        }
    }
}
