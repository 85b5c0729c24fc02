//! Staging a beat for its screenshot: the dreamer placed where the beat is seen from, and the
//! dream moved on to that moment through each beat's own ways of staging itself.

use bevy::prelude::*;

use super::request::{Capture, DEFAULT_SEED, Staging};
use crate::cli::args::Beat;
use crate::core::flow::{AppState, DreamClock};
use crate::dream::darkening::Worries;
use crate::dream::ending::{
    DAWN_SCENE_TICKS, Ending, HEART_SCENE_TICKS, SHAWL_SETTLES_BEFORE_END, Scene, ShawlReceived,
};
use crate::dream::lotus::{River, TreesWhisper, stage_all_planted, tree_spot};
use crate::dream::portal::DoorPlan;
use crate::dream::river::{
    FragmentCollected, FragmentPlan, GatheredMemories, Heart, HeartAssembled, SHARDS,
    spawn_fragments,
};
use crate::dream::voices::{Subtitle, VoiceTriggered, VoicesHeard};
use crate::dream::walking::{Dreamer, forward, right};
use crate::level::Levels;
use crate::speedrun::ghost::{Ghost, GhostPoint, GhostTrack};
use crate::speedrun::pilot::yaw_toward;
use crate::speedrun::practice::{Practice, StartPractice};
use crate::speedrun::records::{Records, RecordsPlace};
use crate::speedrun::runs::SealedOnWaking;
use crate::speedrun::timer::{Category, Route, RunTimer, SeedChoice, Speedrun, SplitTime};
use crate::view::world::door::garden_door_place;
use crate::view::world::lotus::{FullyGrown, GrownFor};

/// Staging, before the capture counts its frames.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct StagingSystems;

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(Update, stage_practice.in_set(StagingSystems));
    // Presses the postcard key as the keyboard would, where every Update system sees it.
    app.add_systems(PreUpdate, stage_postcards.after(bevy::input::InputSystems));
    app.add_systems(
        Update,
        (stage_speedrun, stage)
            .chain()
            .in_set(StagingSystems)
            .run_if(in_state(AppState::Playing)),
    );
    app.add_systems(
        Last,
        keep_the_moment_still.after(crate::speedrun::timer::release_loading_hold),
    );
}

/// The heart and the moon are pictured at an exact moment of their scene: once staged, time
/// stays held there (the garden's loading hold would otherwise let it run on when it ends).
fn keep_the_moment_still(
    staging: Res<Staging>,
    capture: Res<Capture>,
    mut time: ResMut<Time<Virtual>>,
) {
    if capture.staged && matches!(staging.beat, Some(Beat::Heart | Beat::Moon)) {
        time.pause();
    }
}

/// What staging touches of the dream.
#[derive(bevy::ecs::system::SystemParam)]
struct Dream<'w> {
    levels: Res<'w, Levels>,
    door: Option<Res<'w, DoorPlan>>,
    worries: ResMut<'w, Worries>,
    river: ResMut<'w, River>,
    plan: Res<'w, FragmentPlan>,
    heart: ResMut<'w, Heart>,
    ending: ResMut<'w, Ending>,
    assembled: MessageWriter<'w, HeartAssembled>,
    time: ResMut<'w, Time<Virtual>>,
    subtitle: ResMut<'w, Subtitle>,
    memories: ResMut<'w, GatheredMemories>,
    trees: ResMut<'w, TreesWhisper>,
    voices: ResMut<'w, VoicesHeard>,
    collected: MessageWriter<'w, FragmentCollected>,
    shawl_given: MessageWriter<'w, ShawlReceived>,
    /// A staged line is heard as well as read, as in the dream.
    spoken: MessageWriter<'w, VoiceTriggered>,
}

/// Puts the dreamer where the beat or `--at` says, once the chapter is built.
fn stage(
    mut commands: Commands,
    staging: Res<Staging>,
    mut capture: ResMut<Capture>,
    mut dreamers: Query<&mut Dreamer>,
    mut dream: Dream,
) {
    if capture.staged {
        return;
    }
    let Ok(mut dreamer) = dreamers.single_mut() else {
        return;
    };
    let staged = match staging.beat {
        Some(beat @ (Beat::CityDark | Beat::Door)) => stage_door(beat, &mut dreamer, &dream),
        Some(Beat::Garden) => {
            // A little way into the meadow, the door just come through standing to one side:
            // the boundless garden is what lay through it.
            let spawn = &dream.levels.garden.spawn;
            let facing = spawn.facing.to_radians();
            let door = garden_door_place(spawn);
            let stand = spawn.at.vec() + forward(facing) * 11.0 + right(facing) * 8.0;
            dreamer.teleport(stand, yaw_toward(door - stand) - 0.6);
            dreamer.pitch = 0.02;
            true
        }
        Some(Beat::City) => {
            // Look up a little, at the towers leaning together against the dusk.
            dreamer.pitch = 0.28;
            true
        }
        Some(Beat::Voice) => {
            // A few steps from a voice flower, facing it: it opens and speaks.
            let voice = &dream.levels.garden.voices[0];
            dreamer.teleport(voice.at.vec() + Vec2::new(0.0, 3.2), 0.0);
            dreamer.pitch = -0.12;
            true
        }
        Some(Beat::Lotus) => {
            stage_lotus(&mut commands, &mut dreamer, &mut dream);
            true
        }
        Some(
            beat @ (Beat::River
            | Beat::Memory
            | Beat::Heart
            | Beat::Moon
            | Beat::Dawn
            | Beat::Results
            | Beat::SpeedrunResults),
        ) => {
            stage_ending(beat, &mut commands, &mut dreamer, &mut dream);
            true
        }
        // Practice stages itself as a player starts it (`stage_practice`).
        Some(Beat::Practice | Beat::Postcards) => false,
        _ => true,
    };
    if !staged {
        return;
    }
    if let Some(pose) = staging.pose {
        dreamer.teleport(Vec2::new(pose.x, pose.z), pose.yaw_degrees.to_radians());
    }
    capture.staged = true;
}

/// The city all but drained of its warmth, looking up at its towers; or the door, just
/// appeared, close to. Waits for the door's plan.
fn stage_door(beat: Beat, dreamer: &mut Dreamer, dream: &Dream) -> bool {
    let Some(plan) = &dream.door else {
        return false;
    };
    let door = &plan.0;
    // Walked far enough for the warmth to drain: at the door beat the next tick opens the
    // door; at the dark city's, a few steps short of that, the chill has all but closed in
    // and no door has appeared yet.
    if let Some(darkening) = dream.levels.city.darkening {
        dreamer.distance_walked = if beat == Beat::Door {
            darkening.distance
        } else {
            darkening.distance * 0.96
        };
    }
    if beat == Beat::Door {
        dreamer.teleport(
            door.position + forward(door.facing) * 9.0,
            door.facing + std::f32::consts::PI,
        );
        dreamer.pitch = 0.12;
    } else {
        // Down the avenue from where the door will be, its back to it: the city itself gone
        // cold, looking up at the towers under the heavy sky as the dusk beat does.
        dreamer.teleport(door.position + forward(door.facing) * 34.0, door.facing);
        dreamer.pitch = 0.36;
    }
    true
}

/// Every worry planted long ago: the trees stand grown around the lotus.
fn stage_lotus(commands: &mut Commands, dreamer: &mut Dreamer, dream: &mut Dream) {
    let Some(lotus) = dream.levels.garden.lotus.clone() else {
        return;
    };
    // The last worry planted is still becoming a tree: cracked open, the sapling rising out of
    // it; the others stand grown.
    let trees = stage_all_planted(commands, &lotus, &mut dream.worries, &mut dream.river);
    for (index, tree) in trees.into_iter().enumerate() {
        if index == 0 {
            commands.entity(tree).insert(GrownFor(1.3));
        } else {
            commands.entity(tree).insert(FullyGrown);
        }
    }
    // Just behind the growing one, looking past it to the lotus: the worry lies cracked open
    // in the foreground, the lotus and the grown trees beyond; near enough that they whisper.
    let centre = lotus.at.vec();
    let tree = tree_spot(centre, lotus.radius, 0, dream.worries.total);
    let out = (tree - centre).normalize_or(Vec2::Y);
    let stand = tree + out * 3.1 + out.perp() * 1.5;
    dreamer.teleport(stand, yaw_toward(centre - stand));
    dreamer.pitch = -0.3;
}

/// The river, heart, moon or dawn: every worry planted, and as far into the ending as the
/// beat is.
fn stage_ending(beat: Beat, commands: &mut Commands, dreamer: &mut Dreamer, dream: &mut Dream) {
    let total = dream.worries.total;
    dream.worries.carried = total;
    dream.worries.planted = total;
    dream.river.awake = true;
    // The trees have whispered already: the dreamer planted them before all this.
    dream.trees.whispered_here = true;
    let water = dream
        .levels
        .garden
        .river
        .as_ref()
        .expect("a garden has a river");
    if beat == Beat::Memory {
        // A shard just gathered from the bank: its pane lit, its memory said.
        let gathered = 0;
        spawn_fragments(commands, &dream.plan, &[gathered]);
        dream.heart.panes = vec![false; dream.plan.0.len()];
        dream.heart.panes[gathered] = true;
        let place = dream.plan.0[gathered].place;
        let memory = dream
            .levels
            .garden
            .fragments
            .as_ref()
            .map(|f| f.candidates[place].memory.clone());
        // It has just come up out of the river into the dreamer's hands.
        dream.collected.write(FragmentCollected {
            index: gathered as u32,
            shard: SHARDS[gathered % SHARDS.len()],
            place,
        });
        let bank = water.path[3].vec() + Vec2::new(0.0, water.width * 0.5 + 1.5);
        if let Some(memory) = memory {
            dream.memories.0.push(memory.clone());
            dream.spoken.write(VoiceTriggered {
                flower: None,
                spoken: memory.clone(),
                position: bank,
                lingers: false,
            });
            dream.subtitle.current = Some(memory);
            dream.subtitle.ticks_left = u32::MAX;
        }
        let downstream = water.path[4].vec();
        dreamer.teleport(bank, yaw_toward(downstream - bank) + 0.25);
        dreamer.pitch = -0.25;
        return;
    }
    if beat == Beat::River {
        spawn_fragments(commands, &dream.plan, &[]);
        // At the water's edge, looking down into it as it flows away east: the memories
        // drifting in it close by (the memory beat stands back on the bank, looking along it).
        let bank = water.path[3].vec() + Vec2::new(0.0, water.width * 0.5 + 0.6);
        let downstream = water.path[4].vec();
        dreamer.teleport(bank, yaw_toward(downstream - bank) + 0.55);
        dreamer.pitch = -0.42;
        return;
    }
    dream.heart.panes = vec![true; dream.plan.0.len()];
    // Every shard gathered: every memory came back, in the plan's order.
    let memories: Vec<_> = dream
        .plan
        .0
        .iter()
        .filter_map(|planned| {
            let fragments = dream.levels.garden.fragments.as_ref()?;
            Some(fragments.candidates.get(planned.place)?.memory.clone())
        })
        .collect();
    dream.memories.0 = memories;
    // By the heart the dreamer has walked the garden and heard every flower's voice.
    dream.voices.0 = dream
        .levels
        .garden
        .voices
        .iter()
        .map(|voice| voice.id.clone())
        .collect();
    dream.assembled.write(HeartAssembled);
    // Stand by the lotus facing north, toward where the moon rests.
    let lotus = dream
        .levels
        .garden
        .lotus
        .as_ref()
        .expect("a garden has a lotus")
        .at
        .vec();
    dreamer.teleport(lotus + Vec2::new(0.0, 8.0), 0.5);
    let (scene, ticks_left, pitch) = match beat {
        // The window whole and its light coming up, before the moon speaks.
        Beat::Heart => (Scene::Heart, HEART_SCENE_TICKS / 10, 0.0),
        // The moon has leant down; the shawl she let go has just settled on the dreamer's
        // shoulders, its rustle still captioned.
        Beat::Moon => (Scene::Moon, SHAWL_SETTLES_BEFORE_END * 2 / 3, 0.12),
        // One tick before the end: the dawn has faded to white and the next tick ends it.
        Beat::Results | Beat::SpeedrunResults => (Scene::Dawn, 1, 0.08),
        _ => (Scene::Dawn, DAWN_SCENE_TICKS / 2, 0.08),
    };
    dreamer.pitch = pitch;
    *dream.ending = Ending::staged(scene, ticks_left, 60 * 150 + 17);
    // What is being said at that moment: the moon's words, then the closing words.
    let said = match scene {
        Scene::Heart => None,
        Scene::Moon => dream.levels.garden.moon.clone(),
        Scene::Dawn => dream.levels.garden.waking.clone(),
    };
    if let Some(said) = said {
        dream.subtitle.current = Some(said);
        dream.subtitle.ticks_left = u32::MAX;
    }
    if beat == Beat::Moon {
        dream.shawl_given.write(ShawlReceived);
    }
    if !matches!(beat, Beat::Results | Beat::SpeedrunResults) {
        // Hold the story still at this moment so the picture shows exactly it.
        dream.time.pause();
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
        // The run is sealed on its waking tick, which staging skips: seal it here so the
        // records keep it and the results show its table.
        commands.insert_resource(SealedOnWaking(Some(0)));
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

/// Practice as a player starts it from the speedrun screen: The River, from the state a run
/// has when the lotus is done; captured a second after the player's hands take over.
fn stage_practice(
    staging: Res<Staging>,
    state: Res<State<AppState>>,
    practice: Res<Practice>,
    clock: Res<DreamClock>,
    mut asked: Local<bool>,
    mut start: MessageWriter<StartPractice>,
    mut capture: ResMut<Capture>,
) {
    if staging.beat != Some(Beat::Practice) || capture.staged {
        return;
    }
    if !*asked {
        if *state.get() == AppState::Title {
            *asked = true;
            start.write(StartPractice {
                category: Category {
                    route: Route::Any,
                    seed: SeedChoice::Set(DEFAULT_SEED),
                },
                segment: 3,
            });
        }
        return;
    }
    let ready = practice.0.as_ref().and_then(|run| run.ready_on_tick);
    if ready.is_some_and(|ready| clock.tick >= ready + 60) {
        capture.staged = true;
    }
}

/// Where the postcards beat has got to.
#[derive(Debug, Default)]
struct PostcardsStaging {
    /// Postcards asked for (by pressing the key).
    asked: usize,
    /// Frames the dreamer has stood at the next postcard's place.
    settled: u32,
    key_down: bool,
    /// Frames the postcards page has been open.
    page_open: u32,
}

/// The postcards beat, played as a player would: three postcards taken in the garden with
/// the Postcard key (each facing another way), back to the title, the Postcards page opened.
#[expect(
    clippy::too_many_arguments,
    reason = "the beat walks through the dream, the title and a page"
)]
fn stage_postcards(
    staging: Res<Staging>,
    state: Res<State<AppState>>,
    menu: Res<State<crate::view::screens::menus::Menu>>,
    levels: Option<Res<Levels>>,
    mut next_menu: ResMut<NextState<crate::view::screens::menus::Menu>>,
    mut keys: ResMut<ButtonInput<KeyCode>>,
    mut dreamers: Query<&mut Dreamer>,
    mut to_title: MessageWriter<crate::core::flow::ReturnToTitle>,
    mut progress: Local<PostcardsStaging>,
    mut capture: ResMut<Capture>,
) {
    use crate::saving::postcards::{list_postcards, postcards_dir};
    use crate::view::screens::menus::Menu;
    const POSTCARDS: usize = 3;
    if staging.beat != Some(Beat::Postcards) || capture.staged {
        return;
    }
    if progress.key_down {
        keys.release(KeyCode::KeyP);
        progress.key_down = false;
    }
    match state.get() {
        AppState::Playing => {
            let kept = list_postcards(&postcards_dir(&crate::saving::data_dir()))
                .0
                .len();
            if progress.asked > kept {
                return; // the last one is being taken
            }
            if progress.asked == POSTCARDS {
                to_title.write(crate::core::flow::ReturnToTitle);
                return;
            }
            let (Ok(mut dreamer), Some(levels)) = (dreamers.single_mut(), levels) else {
                return;
            };
            if progress.settled == 0 {
                let spawn = levels.garden.spawn;
                let turn = std::f32::consts::TAU * progress.asked as f32 / POSTCARDS as f32;
                dreamer.teleport(spawn.at.vec(), spawn.facing.to_radians() + turn);
            }
            progress.settled += 1;
            if progress.settled >= 20 {
                keys.press(KeyCode::KeyP);
                progress.key_down = true;
                progress.asked += 1;
                progress.settled = 0;
            }
        }
        AppState::Title if progress.asked == POSTCARDS => match menu.get() {
            Menu::Title => next_menu.set(Menu::Postcards),
            Menu::Postcards => {
                progress.page_open += 1;
                if progress.page_open >= 3 {
                    capture.staged = true;
                }
            }
            _ => {}
        },
        _ => {}
    }
}
