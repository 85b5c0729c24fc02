//! `begin-again screenshot`: stages the world at a level, a place or a beat of the story,
//! renders a few frames, saves one to PNG and exits — how the game is seen without a person.

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use crate::DesktopOptions;
use crate::cli::{Beat, LevelChoice, Pose, ScreenshotArgs};
use crate::darkening::Worries;
use crate::ending::{DAWN_SCENE_TICKS, Ending, SHAWL_SETTLES_BEFORE_END, Scene};
use crate::flow::{AfterLoading, AppState, Chapter, DreamClock};
use crate::garden::FullyGrown;
use crate::input::InputSource;
use crate::level::Levels;
use crate::lotus::{River, WorryTree, tree_spot};
use crate::portal::DoorPlan;
use crate::records::{Ghost, GhostPoint, GhostTrack, Records, RecordsPlace};
use crate::river::{Fragment, FragmentPlan, Heart, HeartAssembled, SHARDS};
use crate::speedrun::{Category, Route, RunTimer, SeedChoice, Speedrun, SplitTime};
use crate::walking::{Dreamer, forward};

/// A frame this dark on average is treated as a failed render.
const BLACK_FRAME_LUMA: f32 = 2.0;
/// Seed used when none is given, so screenshots are repeatable.
const DEFAULT_SEED: u64 = 1;

/// What to stage and where to save it.
#[derive(Resource, Debug, Clone)]
pub struct Staging {
    pub beat: Option<Beat>,
    pub pose: Option<Pose>,
    pub out: PathBuf,
    pub frames: u32,
}

impl Staging {
    fn chapter(&self, level: Option<LevelChoice>) -> Chapter {
        match (self.beat, level) {
            (
                Some(
                    Beat::Title
                    | Beat::SpeedrunMenu
                    | Beat::Settings
                    | Beat::City
                    | Beat::CityDark
                    | Beat::Door,
                ),
                _,
            ) => Chapter::City,
            (Some(_), _) | (None, Some(LevelChoice::Garden)) => Chapter::Garden,
            (None, _) => Chapter::City,
        }
    }
}

/// Where the capture stands.
#[derive(Resource, Debug, Default)]
struct Progress {
    staged: bool,
    frames_rendered: u32,
    requested: bool,
}

pub fn run(args: &ScreenshotArgs, seed: Option<u64>) -> ExitCode {
    // Staged beats save blooms, progress and runs: never into the player's own folder.
    crate::saving::use_data_dir(std::env::temp_dir().join("begin-again-screenshot"));
    let staging = Staging {
        beat: args.beat,
        pose: args.at,
        out: args.out.clone(),
        frames: args.frames.max(1),
    };
    let chapter = staging.chapter(args.level);
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty())
        && let Err(error) = std::fs::create_dir_all(parent)
    {
        eprintln!("{}: cannot create the folder: {error}", parent.display());
        return ExitCode::FAILURE;
    }
    let options = DesktopOptions {
        seed: Some(seed.unwrap_or(DEFAULT_SEED)),
        window_size: args.size,
        synchronous_pipelines: true,
        after_loading: if matches!(
            args.beat,
            Some(Beat::Title | Beat::SpeedrunMenu | Beat::Settings)
        ) {
            AfterLoading::Title
        } else {
            AfterLoading::Dream(chapter)
        },
    };
    let mut app = crate::desktop_app(&options);
    app.insert_resource(staging)
        .insert_resource(InputSource::replay(Vec::new()))
        .init_resource::<Progress>()
        .add_systems(
            Update,
            (stage_speedrun, stage, capture)
                .chain()
                .run_if(in_state(AppState::Playing)),
        )
        .add_systems(
            Update,
            (open_title_page, mark_staged, capture)
                .chain()
                .run_if(in_state(AppState::Title)),
        )
        .add_systems(Update, leave_if_broken.run_if(in_state(AppState::Broken)));
    crate::cli::exit_code(&app.run())
}

/// The title needs no staging.
fn mark_staged(mut progress: ResMut<Progress>) {
    progress.staged = true;
}

/// Puts the dreamer where the beat or `--at` says, once the chapter is built.
#[expect(
    clippy::too_many_arguments,
    reason = "staging sets up whatever the beat needs"
)]
fn stage(
    mut commands: Commands,
    staging: Res<Staging>,
    levels: Res<Levels>,
    plan: Option<Res<DoorPlan>>,
    mut worries: ResMut<Worries>,
    mut river: ResMut<River>,
    mut progress: ResMut<Progress>,
    mut dreamers: Query<&mut Dreamer>,
    mut ending: EndingStage,
    mut time: ResMut<Time<Virtual>>,
) {
    if progress.staged {
        return;
    }
    let Ok(mut dreamer) = dreamers.single_mut() else {
        return;
    };
    if matches!(staging.beat, Some(Beat::CityDark | Beat::Door)) {
        let Some(plan) = plan else {
            return;
        };
        let door = &plan.0;
        // Walked far enough for the warmth to drain: the next tick opens the door.
        if let Some(darkening) = levels.city.darkening {
            dreamer.distance_walked = darkening.distance;
        }
        let (distance, pitch) = if staging.beat == Some(Beat::Door) {
            (9.0, 0.12)
        } else {
            (34.0, 0.22)
        };
        dreamer.teleport(
            door.position + forward(door.facing) * distance,
            door.facing + std::f32::consts::PI,
        );
        dreamer.pitch = pitch;
    }
    if staging.beat == Some(Beat::Voice) {
        // A few steps from a voice flower, facing it: it opens and speaks.
        let voice = &levels.garden.voices[0];
        let stand = voice.at.vec() + Vec2::new(0.0, 3.2);
        dreamer.teleport(stand, 0.0);
        dreamer.pitch = -0.12;
    }
    if staging.beat == Some(Beat::Lotus)
        && let Some(lotus) = &levels.garden.lotus
    {
        // Every worry planted long ago: the trees stand grown around the lotus.
        let total = worries.total;
        worries.carried = total;
        worries.planted = total;
        river.awake = true;
        for index in 0..total {
            commands.spawn((
                WorryTree {
                    index,
                    position: tree_spot(lotus.at.vec(), lotus.radius, index, total),
                    planted_on_tick: 0,
                },
                FullyGrown,
                DespawnOnExit(AppState::Playing),
            ));
        }
        let stand = lotus.at.vec() + Vec2::new(3.0, 12.0);
        dreamer.teleport(stand, crate::autopilot::yaw_toward(lotus.at.vec() - stand));
        dreamer.pitch = -0.05;
    }
    if let Some(
        beat @ (Beat::River
        | Beat::Heart
        | Beat::Moon
        | Beat::Dawn
        | Beat::Results
        | Beat::SpeedrunResults),
    ) = staging.beat
    {
        stage_ending(
            beat,
            &mut commands,
            &levels,
            &mut worries,
            &mut river,
            &mut dreamer,
            &mut ending,
        );
        if !matches!(beat, Beat::River | Beat::Results | Beat::SpeedrunResults) {
            // Hold the story still at this moment so the picture shows exactly it.
            time.pause();
        }
    }
    if staging.beat == Some(Beat::City) {
        // Look up a little, at the towers leaning together against the dusk.
        dreamer.pitch = 0.28;
    }
    if let Some(pose) = staging.pose {
        dreamer.teleport(Vec2::new(pose.x, pose.z), pose.yaw_degrees.to_radians());
    }
    progress.staged = true;
}

/// What staging the ending touches.
#[derive(bevy::ecs::system::SystemParam)]
struct EndingStage<'w> {
    plan: Res<'w, FragmentPlan>,
    heart: ResMut<'w, Heart>,
    ending: ResMut<'w, Ending>,
    assembled: MessageWriter<'w, HeartAssembled>,
}

/// Stages the river, heart, moon or dawn: every worry planted, and as far into the ending
/// as the beat is.
fn stage_ending(
    beat: Beat,
    commands: &mut Commands,
    levels: &Levels,
    worries: &mut Worries,
    river: &mut River,
    dreamer: &mut Dreamer,
    stage: &mut EndingStage,
) {
    worries.carried = worries.total;
    worries.planted = worries.total;
    river.awake = true;
    let water = levels.garden.river.as_ref().expect("a garden has a river");
    if beat == Beat::River {
        for (index, &position) in stage.plan.0.iter().enumerate() {
            commands.spawn((
                Fragment {
                    index: index as u32,
                    position,
                    shard: SHARDS[index % SHARDS.len()],
                },
                DespawnOnExit(AppState::Playing),
            ));
        }
        // On the bank, looking along the water as it flows east.
        let bank = water.path[3].vec() + Vec2::new(0.0, water.width * 0.5 + 1.5);
        let downstream = water.path[4].vec();
        dreamer.teleport(bank, crate::autopilot::yaw_toward(downstream - bank) + 0.25);
        dreamer.pitch = -0.25;
        return;
    }
    stage.heart.panes = vec![true; stage.plan.0.len()];
    stage.assembled.write(HeartAssembled);
    // Stand by the lotus facing north, toward where the moon rests.
    let lotus = levels
        .garden
        .lotus
        .as_ref()
        .expect("a garden has a lotus")
        .at
        .vec();
    dreamer.teleport(lotus + Vec2::new(0.0, 8.0), 0.5);
    let (scene, ticks_left, pitch) = match beat {
        Beat::Heart => (Scene::Heart, 1, 0.0),
        Beat::Moon => (Scene::Moon, SHAWL_SETTLES_BEFORE_END - 1, 0.25),
        // One tick before the end: the dawn has faded to white and the next tick ends it.
        Beat::Results | Beat::SpeedrunResults => (Scene::Dawn, 1, 0.08),
        _ => (Scene::Dawn, DAWN_SCENE_TICKS / 2, 0.08),
    };
    dreamer.pitch = pitch;
    *stage.ending = Ending {
        scene: Some(scene),
        ticks_left,
        shawl: scene != Scene::Heart,
        woke_on_tick: (scene == Scene::Dawn).then_some(60 * 150 + 17),
        finished: false,
    };
}

fn capture(mut commands: Commands, staging: Res<Staging>, mut progress: ResMut<Progress>) {
    if !progress.staged || progress.requested {
        return;
    }
    progress.frames_rendered += 1;
    if progress.frames_rendered < staging.frames {
        return;
    }
    progress.requested = true;
    let out = staging.out.clone();
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
            exit.write(save(&captured.image, &out));
        },
    );
}

/// Saves the frame; a frame that is black, or that cannot be saved, is a failure.
fn save(image: &Image, out: &PathBuf) -> AppExit {
    let rgb = match image.clone().try_into_dynamic() {
        Ok(dynamic) => dynamic.to_rgb8(),
        Err(error) => {
            error!("the captured frame could not be read: {error}");
            return AppExit::from_code(3);
        }
    };
    if let Err(error) = rgb.save_with_format(out, image::ImageFormat::Png) {
        error!("{}: cannot save the screenshot: {error}", out.display());
        return AppExit::from_code(3);
    }
    let pixels = (rgb.width() * rgb.height()).max(1) as f32;
    let luma: f32 = rgb
        .pixels()
        .map(|p| 0.2126 * f32::from(p[0]) + 0.7152 * f32::from(p[1]) + 0.0722 * f32::from(p[2]))
        .sum::<f32>()
        / pixels;
    info!(
        "screenshot saved to {} (mean brightness {luma:.1} of 255)",
        out.display()
    );
    if luma < BLACK_FRAME_LUMA {
        error!(
            "{}: the frame is black (mean brightness {luma:.2})",
            out.display()
        );
        return AppExit::from_code(4);
    }
    AppExit::Success
}

/// Opens the title's speedrun screen or settings page, as a press of its button would.
fn open_title_page(
    staging: Res<Staging>,
    mut opened: Local<bool>,
    mut pressed: MessageWriter<crate::menus::MenuPressed>,
) {
    let action = match staging.beat {
        Some(Beat::SpeedrunMenu) => crate::menus::MenuAction::Speedrun,
        Some(Beat::Settings) => crate::menus::MenuAction::Settings,
        _ => return,
    };
    if !*opened {
        *opened = true;
        pressed.write(crate::menus::MenuPressed(action));
    }
}

/// Personal bests to measure a staged run against: slower overall, with some faster segments.
fn staged_records(category: Category) -> Records {
    let mut records = Records::new();
    for _ in 0..11 {
        records.count_attempt(category);
    }
    let split_times = |game: [u64; 6]| -> Vec<SplitTime> {
        game.iter()
            .map(|&g| SplitTime {
                game: g,
                real: g + 95,
            })
            .collect()
    };
    records.record_finish(
        category,
        &split_times([2620, 2740, 4380, 8410, 8462, 8466]),
        DEFAULT_SEED,
        "staged-slower.ron",
    );
    records.record_finish(
        category,
        &split_times([2600, 2700, 4200, 8300, 8350, 8360]),
        DEFAULT_SEED,
        "staged.ron",
    );
    records
}

/// A speedrun part way (splits) or just woken (results), against staged personal bests;
/// anything it saves goes to a folder of its own, never the player's.
#[expect(
    clippy::too_many_arguments,
    reason = "staging sets up the whole speedrun"
)]
fn stage_speedrun(
    mut commands: Commands,
    staging: Res<Staging>,
    mut done: Local<bool>,
    mut clock: ResMut<DreamClock>,
    mut timer: ResMut<RunTimer>,
    mut ghost: ResMut<Ghost>,
    real: Res<Time<Real>>,
    mut dreamers: Query<&mut Dreamer>,
) {
    let beat = staging.beat;
    if *done || !matches!(beat, Some(Beat::Splits | Beat::SpeedrunResults)) {
        return;
    }
    let Ok(mut dreamer) = dreamers.single_mut() else {
        return;
    };
    *done = true;
    let category = Category {
        route: Route::Any,
        seed: SeedChoice::Set(DEFAULT_SEED),
    };
    commands.insert_resource(Speedrun(Some(category)));
    commands.insert_resource(staged_records(category));
    commands.insert_resource(RecordsPlace {
        dir: crate::saving::data_dir(),
        problem: None,
    });
    let at = |game: u64, real_extra: u64| SplitTime {
        game,
        real: game + real_extra,
    };
    clock.tick = 5000;
    timer.origin = Some(200);
    timer.real_origin = Some(real.elapsed_secs_f64() - 4800.0 / 60.0 - 1.7);
    if beat == Some(Beat::SpeedrunResults) {
        timer.splits = vec![
            at(2500, 90),
            at(2640, 95),
            at(4300, 98),
            at(8230, 99),
            at(8280, 101),
            at(8284, 102),
        ];
        return;
    }
    timer.splits = vec![at(2500, 90), at(2640, 95), at(4300, 98)];
    // The dreamer at the garden's spawn; the ghost of the best run a little ahead.
    dreamer.pitch = -0.05;
    let ahead = dreamer.position + forward(dreamer.yaw) * 5.0 + Vec2::new(1.6, 0.0);
    ghost.0 = Some(GhostTrack {
        points: (0..100)
            .map(|i| GhostPoint {
                tick: 4600 + i * 4,
                garden: true,
                x: ahead.x,
                z: ahead.y,
                yaw: dreamer.yaw,
            })
            .collect(),
    });
}

fn leave_if_broken(mut exit: MessageWriter<AppExit>) {
    exit.write(AppExit::from_code(2));
}
