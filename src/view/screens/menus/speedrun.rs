//! The title's speedrun screen: the category (Any% or 100%), the seed rule and number, the
//! category's personal best, sum of best and attempts; Start run, practise a segment, and
//! race a verified run's ghost.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use crate::core::ticks;
use crate::level::LevelsSource;
use crate::speedrun::practice::{PracticeBests, StartPractice};
use crate::speedrun::race::{Race, race_files, races_dir, rival_from_file};
use crate::speedrun::records::{Records, RecordsPlace};
use crate::speedrun::timer::{Category, Route, SPLITS, SeedChoice, StartSpeedrun};
use crate::view::screens::menus::navigation::open_page;
use crate::view::screens::menus::navigation::{CameFrom, Chosen, Menu, MenuFocus, Stepped};
use crate::view::screens::palette::{BEHIND, DIM, TEXT};
use crate::view::screens::ui::{MenuButton, button, label, menu_page, spacer};

pub fn plugin(app: &mut App) {
    app.init_resource::<SpeedrunChoice>()
        .init_resource::<RaceChoice>()
        .add_systems(Startup, race_from_the_command_line)
        .add_systems(OnEnter(Menu::Speedrun), show_speedrun_screen)
        .add_systems(Update, type_the_seed.run_if(in_state(Menu::Speedrun)));
}

/// The category chosen on the speedrun screen.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SpeedrunChoice {
    pub route: Route,
    pub set_seed: bool,
    pub seed: u64,
    /// The segment Practise starts (an index into the splits).
    pub practice_segment: usize,
}

impl Default for SpeedrunChoice {
    fn default() -> Self {
        Self {
            route: Route::Any,
            set_seed: false,
            seed: 1,
            practice_segment: 0,
        }
    }
}

impl SpeedrunChoice {
    /// Chooses `category`'s route and seed (a rival's, to race it on its own seed).
    pub(crate) fn choose(&mut self, category: Category) {
        self.route = category.route;
        if let SeedChoice::Set(seed) = category.seed {
            self.set_seed = true;
            self.seed = seed;
        }
    }

    pub(crate) fn category(&self) -> Category {
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
const PRACTISE: usize = 4;
const RACE: usize = 5;

/// What the race row offers: the personal best's ghost, or a run file from `races/` in the
/// data folder (verified when chosen), and why the last one chosen was refused.
#[derive(Resource, Debug, Default)]
pub(crate) struct RaceChoice {
    /// 0: the personal best; n: the n-th file of `files`.
    pub index: usize,
    pub files: Vec<std::path::PathBuf>,
    pub refused: Option<String>,
}

/// `--ghost RUN.ron`: the screen opens on the rival's category.
fn race_from_the_command_line(race: Res<Race>, mut choice: ResMut<SpeedrunChoice>) {
    if let Some(rival) = &race.0 {
        choice.choose(rival.category);
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the screen shows the category, its records, practice and the race"
)]
fn show_speedrun_screen(
    mut commands: Commands,
    mut focus: ResMut<MenuFocus>,
    came_from: Res<CameFrom>,
    choice: Res<SpeedrunChoice>,
    records: Res<Records>,
    place: Res<RecordsPlace>,
    practice_bests: Option<Res<PracticeBests>>,
    race: Res<Race>,
    race_choice: Res<RaceChoice>,
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
    let segment = choice.practice_segment.min(SPLITS.len() - 1);
    let practise = format!("Practise: {}", SPLITS[segment].name());
    let practice_best = practice_bests
        .as_ref()
        .and_then(|b| b.best(category, segment))
        .map_or("no practice best".to_string(), |b| {
            format!("practice best {}", ticks::format(b))
        });
    let pb_segment = record
        .and_then(|r| r.best_segments.get(segment).copied().flatten())
        .map_or(String::new(), |b| {
            format!("  |  best segment in a run {}", ticks::format(b.game))
        });
    let practice_note =
        format!("{practice_best}{pb_segment}  (practice never touches your records)");
    let race_row = match &race.0 {
        Some(rival) if rival.category != category => format!(
            "Race: {} is {}: choose it again",
            rival.name,
            rival.category.name()
        ),
        Some(rival) => format!("Race: {} ({})", rival.name, ticks::format(rival.time_ticks)),
        None => "Race: personal best".to_string(),
    };
    commands
        .spawn((
            menu_page(10.0),
            DespawnOnExit(Menu::Speedrun),
        ))
        .with_children(|screen| {
            screen.spawn(label("Speedrun to waking", 52.0, TEXT));
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
                .spawn(button(&practise, PRACTISE))
                .observe(start_practice)
                .observe(step_practice);
            screen.spawn(label(practice_note, 16.0, DIM));
            screen
                .spawn(button(&race_row, RACE))
                .observe(choose_race)
                .observe(step_race);
            if let Some(refused) = &race_choice.refused {
                screen.spawn(label(format!("refused: {refused}"), 16.0, BEHIND));
            }
            screen
                .spawn((button("Back", RACE + 1), crate::view::screens::menus::navigation::BackButton))
                .observe(open_page(Menu::Title));
            screen.spawn(label(
                "Left/Right change the seed, segment and race; digits type a seed.  In a run: hold R (Select) to reset, T for the timer.",
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

fn start_practice(
    _: On<Chosen>,
    choice: Res<SpeedrunChoice>,
    mut start: MessageWriter<StartPractice>,
) {
    start.write(StartPractice {
        category: choice.category(),
        segment: choice.practice_segment.min(SPLITS.len() - 1),
    });
}

fn step_practice(
    stepped: On<Stepped>,
    mut choice: ResMut<SpeedrunChoice>,
    mut next: ResMut<NextState<Menu>>,
) {
    let count = SPLITS.len() as i32;
    choice.practice_segment =
        (choice.practice_segment as i32 + stepped.direction).rem_euclid(count) as usize;
    next.set(Menu::Speedrun);
}

/// What the race row's observers read and change.
#[derive(SystemParam)]
struct RaceRow<'w> {
    place: Res<'w, RecordsPlace>,
    race_choice: ResMut<'w, RaceChoice>,
    race: ResMut<'w, Race>,
    levels: Res<'w, LevelsSource>,
    choice: ResMut<'w, SpeedrunChoice>,
    next: ResMut<'w, NextState<Menu>>,
}

impl RaceRow<'_> {
    /// Looks in `races/` again for run files.
    fn look_for_files(&mut self) {
        self.race_choice.files = race_files(&races_dir(&self.place.dir));
    }

    /// Verifies the chosen file; a rival sets the category to its route and seed. The
    /// screen is drawn again to show it.
    fn pick(&mut self) {
        self.race_choice.refused = None;
        self.race.0 = None;
        let chosen = self
            .race_choice
            .index
            .checked_sub(1)
            .and_then(|i| self.race_choice.files.get(i));
        if let Some(path) = chosen {
            match rival_from_file(&self.levels, path) {
                Ok(rival) => {
                    self.choice.choose(rival.category);
                    self.race.0 = Some(rival);
                }
                Err(why) => self.race_choice.refused = Some(why),
            }
        }
        self.next.set(Menu::Speedrun);
    }
}

/// Left/Right on the race row: the next run file in `races/` (or the personal best again).
fn step_race(stepped: On<Stepped>, mut row: RaceRow) {
    row.look_for_files();
    let options = row.race_choice.files.len() as i32 + 1;
    row.race_choice.index =
        (row.race_choice.index as i32 + stepped.direction).rem_euclid(options) as usize;
    row.pick();
}

/// Choosing the race row looks for run files again and verifies the one shown.
fn choose_race(_: On<Chosen>, mut row: RaceRow) {
    row.look_for_files();
    if row.race_choice.files.is_empty() {
        row.race_choice.refused = Some(format!(
            "no run files to race in {}",
            races_dir(&row.place.dir).display()
        ));
        row.next.set(Menu::Speedrun);
        return;
    }
    if row.race_choice.index == 0 {
        row.race_choice.index = 1;
    }
    row.pick();
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
