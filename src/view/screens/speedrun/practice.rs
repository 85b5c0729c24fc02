//! What practice looks like: a veil while the dream hurries to the segment's start (and
//! silence: the sounds of a minute played in a moment are not played), the segment's own
//! timer, and each practised segment's time against the practice best.

use bevy::app::RunFixedMainLoopSystems;
use bevy::prelude::*;

use crate::core::flow::{AppState, DreamClock};
use crate::core::ticks;
use crate::dream::darkening::Footstep;
use crate::dream::ending::Awoke;
use crate::dream::river::{FragmentCollected, ReachedIn};
use crate::dream::voices::VoiceTriggered;
use crate::speedrun::bests::SegmentPractised;
use crate::speedrun::practice::{Practice, PracticeBests, RouteFrom};
use crate::speedrun::timer::SPLITS;
use crate::view::screens::palette::{BEHIND, DIM, GOLD, TEXT, layer};
use crate::view::screens::speedrun::times::format_delta;
use crate::view::screens::ui::{label, page, panel};

/// How long a practised segment's result stays on screen.
const RESULT_SECONDS: f32 = 8.0;

#[derive(Component)]
struct HurryVeil;

#[derive(Component)]
struct PracticePanel;

/// The panel's lines: what is practised, and the last segment's result.
#[derive(Component, Clone, Copy, PartialEq, Eq)]
enum PracticeLine {
    Heading,
    Result,
}

/// The last segment practised, and for how long more it is shown.
#[derive(Resource, Default)]
struct LastPractised {
    result: Option<(SegmentPractised, f32)>,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<LastPractised>()
        .add_systems(OnEnter(AppState::Playing), spawn_practice_panel)
        .add_systems(
            RunFixedMainLoop,
            hush_the_hurry.in_set(RunFixedMainLoopSystems::AfterFixedMainLoop),
        )
        .add_systems(
            Update,
            (veil_the_hurry, show_practice).run_if(in_state(AppState::Playing)),
        );
}

/// While the dream hurries (and on the frame it arrives), what it did on the way is not
/// heard: a minute of footsteps, voices and chimes would sound at once. (Only messages no
/// logic reads after the fixed ticks; the way through the door is hushed where it sounds.)
fn hush_the_hurry(
    practice: Res<Practice>,
    clock: Res<DreamClock>,
    mut footsteps: ResMut<Messages<Footstep>>,
    mut voices: ResMut<Messages<VoiceTriggered>>,
    mut fragments: ResMut<Messages<FragmentCollected>>,
    mut reached: ResMut<Messages<ReachedIn>>,
    mut awoke: ResMut<Messages<Awoke>>,
) {
    let Some(run) = &practice.0 else {
        return;
    };
    if run.ready_on_tick.is_some_and(|ready| ready != clock.tick) {
        return;
    }
    footsteps.clear();
    voices.clear();
    fragments.clear();
    reached.clear();
    awoke.clear();
}

fn veil_the_hurry(
    mut commands: Commands,
    practice: Res<Practice>,
    veils: Query<Entity, With<HurryVeil>>,
) {
    let hurrying = practice.0.as_ref().filter(|run| run.hurrying());
    match (hurrying, veils.iter().next()) {
        (Some(run), None) => {
            let way = match run.route_from {
                RouteFrom::PersonalBest => "along your personal best",
                RouteFrom::Pilot => "along the pilot's way",
            };
            commands.spawn((
                HurryVeil,
                Name::new("Practice veil"),
                page(14.0, Color::srgb(0.03, 0.02, 0.08)),
                layer::PRACTICE_VEIL,
                DespawnOnExit(AppState::Playing),
                children![
                    label(
                        format!("Practice: {}", SPLITS[run.segment].name()),
                        44.0,
                        TEXT
                    ),
                    label(
                        format!("the dream hurries to where it begins, {way}"),
                        20.0,
                        DIM
                    ),
                ],
            ));
        }
        (None, Some(veil)) => commands.entity(veil).despawn(),
        _ => {}
    }
}

fn spawn_practice_panel(mut commands: Commands) {
    commands.spawn((
        Name::new("Practice"),
        PracticePanel,
        panel(
            Node {
                // Under the split list, clear of the subtitles.
                position_type: PositionType::Absolute,
                top: px(345),
                right: px(22),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::End,
                padding: UiRect::axes(px(14), px(8)),
                row_gap: px(4),
                ..default()
            },
            Color::srgba(0.02, 0.02, 0.06, 0.55),
        ),
        Visibility::Hidden,
        layer::HUD,
        DespawnOnExit(AppState::Playing),
        children![
            (PracticeLine::Heading, label("", 17.0, DIM)),
            (PracticeLine::Result, label("", 22.0, TEXT)),
        ],
    ));
}

fn show_practice(
    practice: Res<Practice>,
    bests: Option<Res<PracticeBests>>,
    time: Res<Time<Real>>,
    mut last: ResMut<LastPractised>,
    mut practised: MessageReader<SegmentPractised>,
    mut panels: Query<&mut Visibility, With<PracticePanel>>,
    mut lines: Query<(&PracticeLine, &mut Text, &mut TextColor)>,
) {
    if let Some(done) = practised.read().last() {
        last.result = Some((*done, RESULT_SECONDS));
    }
    if let Some((_, left)) = last.result.as_mut() {
        *left -= time.delta_secs();
        if *left <= 0.0 {
            last.result = None;
        }
    }
    let Some(run) = practice.0.as_ref().filter(|run| !run.hurrying()) else {
        last.result = None;
        for mut visibility in &mut panels {
            visibility.set_if_neq(Visibility::Hidden);
        }
        return;
    };
    for mut visibility in &mut panels {
        visibility.set_if_neq(Visibility::Inherited);
    }
    let best = bests
        .as_ref()
        .and_then(|b| b.best(run.category, run.segment))
        .map_or("no practice best yet".into(), |b| {
            format!("practice best {}", ticks::format(b))
        });
    let heading = format!(
        "Practice: {}  |  {best}  |  hold R to begin it again",
        SPLITS[run.segment].name()
    );
    let (result, tint) = match last.result {
        Some((done, _)) => {
            let name = SPLITS[done.segment].name();
            let time = ticks::format(done.ticks);
            match done.best_before {
                Some(before) if done.ticks < before => (
                    format!(
                        "{name} {time}  new practice best ({})",
                        format_delta(done.ticks as i64 - before as i64)
                    ),
                    GOLD,
                ),
                Some(before) => (
                    format!(
                        "{name} {time}  ({})",
                        format_delta(done.ticks as i64 - before as i64)
                    ),
                    BEHIND,
                ),
                None => (format!("{name} {time}  first practice time"), GOLD),
            }
        }
        None => (String::new(), TEXT),
    };
    for (line, mut text, mut color) in &mut lines {
        let (shown, shade) = match line {
            PracticeLine::Heading => (&heading, DIM),
            PracticeLine::Result => (&result, tint),
        };
        if text.0 != *shown {
            text.0.clone_from(shown);
        }
        color.set_if_neq(TextColor(shade));
    }
}
