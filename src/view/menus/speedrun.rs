//! The title's speedrun screen: the category (Any% or 100%), the seed rule and number, the
//! category's personal best, sum of best and attempts, and Start run.

use bevy::prelude::*;

use super::title::open_page;
use super::{CameFrom, Chosen, Menu, MenuFocus, Stepped};
use crate::core::ticks;
use crate::speedrun::records::{Records, RecordsPlace};
use crate::speedrun::timer::{Category, Route, SeedChoice, StartSpeedrun};
use crate::view::speedrun::{BEHIND, DIM, INK};
use crate::view::ui::{MenuButton, button, label, page, spacer};

pub fn plugin(app: &mut App) {
    app.init_resource::<SpeedrunChoice>()
        .add_systems(OnEnter(Menu::Speedrun), show_speedrun_screen)
        .add_systems(Update, type_the_seed.run_if(in_state(Menu::Speedrun)));
}

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

/// The seed number's row, which digits typed while it has the focus go into.
#[derive(Component)]
struct SeedNumberRow;

/// Focus lands on Start run.
const START_RUN: usize = 3;

fn show_speedrun_screen(
    mut commands: Commands,
    mut focus: ResMut<MenuFocus>,
    came_from: Res<CameFrom>,
    choice: Res<SpeedrunChoice>,
    records: Res<Records>,
    place: Res<RecordsPlace>,
) {
    focus.arrive(*came_from, Menu::Speedrun, START_RUN);
    let category = choice.category();
    let record = records.get(category);
    let best = record
        .and_then(|r| r.personal_best.as_ref())
        .map_or("no personal best yet".to_string(), |pb| {
            format!("personal best {}", ticks::format(pb.time.game))
        });
    let attempts = record.map_or(0, |r| r.attempts);
    let sum = record
        .and_then(|r| r.sum_of_best())
        .map_or(String::new(), |s| {
            format!("  |  sum of best {}", ticks::format(s.game))
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
            page(12.0, Color::srgba(0.02, 0.01, 0.06, 0.45)),
            GlobalZIndex(20),
            DespawnOnExit(Menu::Speedrun),
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
            screen.spawn(spacer(12.0));
            screen.spawn(label(explained, 18.0, DIM));
            let route = format!("Category: {}", choice.route.label());
            screen.spawn(button(&route, 0)).observe(change(|choice| {
                choice.route = match choice.route {
                    Route::Any => Route::Full,
                    Route::Full => Route::Any,
                };
            }));
            screen
                .spawn(button(seed_rule, 1))
                .observe(change(|choice| choice.set_seed = !choice.set_seed));
            screen
                .spawn((button(&seed_number, 2), SeedNumberRow))
                .observe(change(|choice| choice.set_seed = true))
                .observe(step_seed);
            screen.spawn(button("Start run", START_RUN)).observe(start_run);
            screen
                .spawn(button("Back", START_RUN + 1))
                .observe(open_page(Menu::Title));
            screen.spawn(label(
                "Type digits or press Left/Right on the seed number.  In a run: hold R (or Select) to reset, T shows the timer.",
                16.0,
                DIM,
            ));
        });
}

/// An observer that changes the choice; the screen is drawn again to show it.
fn change(
    edit: impl Fn(&mut SpeedrunChoice) + Send + Sync + 'static,
) -> impl Fn(On<Chosen>, ResMut<SpeedrunChoice>, ResMut<NextState<Menu>>) {
    move |_: On<Chosen>, mut choice: ResMut<SpeedrunChoice>, mut next: ResMut<NextState<Menu>>| {
        edit(&mut choice);
        next.set(Menu::Speedrun);
    }
}

fn step_seed(
    stepped: On<Stepped>,
    mut choice: ResMut<SpeedrunChoice>,
    mut next: ResMut<NextState<Menu>>,
) {
    choice.set_seed = true;
    choice.seed = if stepped.direction > 0 {
        choice.seed.saturating_add(1)
    } else {
        choice.seed.saturating_sub(1)
    };
    next.set(Menu::Speedrun);
}

fn start_run(_: On<Chosen>, choice: Res<SpeedrunChoice>, mut start: MessageWriter<StartSpeedrun>) {
    start.write(StartSpeedrun(choice.category()));
}

/// Digits typed on the seed number set it; Backspace takes the last one off.
fn type_the_seed(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<MenuFocus>,
    rows: Query<&MenuButton, With<SeedNumberRow>>,
    mut choice: ResMut<SpeedrunChoice>,
    mut next: ResMut<NextState<Menu>>,
) {
    if !rows.iter().any(|row| row.order == focus.0) {
        return;
    }
    const DIGITS: [KeyCode; 10] = [
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
    let before = *choice;
    for (value, key) in DIGITS.iter().enumerate() {
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
    if *choice != before {
        next.set(Menu::Speedrun);
    }
}
