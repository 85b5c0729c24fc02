//! What serde cannot check: that a level can make a playable dream. The format version;
//! every number finite and in range (sizes, counts, radii, widths, distances); unique ids;
//! words present and short enough to read; every sound a level names one of the game's own,
//! inside `assets/`; everything inside the bounds; what each kind of level needs; and that
//! everything required can be reached on foot from the spawn. Limits keep `check` itself
//! quick and small on any input: nothing is measured on a grid before the sizes are sound.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use bevy::math::Vec2;

use super::limits;
use super::nav::NavGrid;
use super::problem::{Locator, Problem, Step};
use super::types::*;
use super::validator::Validator;

/// Checks everything serde cannot: versions, numbers, ids, words, sounds, bounds and
/// reachability.
pub(crate) fn validate(level: &LevelDef, path: &Path, text: &str) -> Vec<Problem> {
    let mut v = Validator {
        path,
        locator: Locator { text },
        problems: Vec::new(),
        seen: HashMap::new(),
    };
    v.header(level);
    // Bounds first: everything else is measured against them.
    let bounds = v.bounds(level);
    let bounds = bounds.as_ref();
    let spawn_ok = v.spawn(level, bounds);
    let mut ids = HashSet::new();
    let obstacles_ok = v.obstacles(level, bounds, &mut ids);
    v.doors(level, bounds, &mut ids);
    v.darkening(level);
    v.voices(level, bounds, &mut ids);
    v.lotus(level, bounds);
    v.words(level);
    v.fragrances(level, bounds);
    v.river(level, bounds);
    v.fragments(level, bounds);
    v.parts_of_its_kind(level);
    // Reachability only makes sense once the geometry itself is sound (and the grid it needs
    // is of a size the limits allow).
    if v.problems.is_empty() && bounds.is_some() && spawn_ok && obstacles_ok {
        check_reachability(level, &mut v);
    }
    v.problems
}

impl Validator<'_> {
    fn header(&mut self, level: &LevelDef) {
        if level.version != LEVEL_FORMAT_VERSION {
            self.report(
                &[Step::Key("version")],
                format!(
                    "level format version {} is not one this game reads (it reads version {})",
                    level.version, LEVEL_FORMAT_VERSION
                ),
            );
        }
        self.text(
            &[Step::Key("name")],
            "name",
            &level.name,
            limits::NAME_CHARS,
        );
    }

    fn bounds(&mut self, level: &LevelDef) -> Option<Bounds> {
        let min_ok = self.point(
            &[Step::Key("bounds"), Step::Key("min")],
            "bounds.min",
            level.bounds.min,
        );
        let max_ok = self.point(
            &[Step::Key("bounds"), Step::Key("max")],
            "bounds.max",
            level.bounds.max,
        );
        if !(min_ok && max_ok) {
            return None;
        }
        let size = level.bounds.size();
        let (least, most) = limits::BOUNDS_SPAN;
        if size.x < least || size.y < least || size.x > most || size.y > most {
            self.report(
                &[Step::Key("bounds")],
                format!(
                    "bounds must span from {least} to {most} m each way, with max greater \
                     than min; these span {} by {} m",
                    size.x, size.y
                ),
            );
            return None;
        }
        Some(level.bounds)
    }

    fn spawn(&mut self, level: &LevelDef, bounds: Option<&Bounds>) -> bool {
        let steps = [Step::Key("spawn")];
        let ok = self.point(&steps, "spawn.at", level.spawn.at)
            & self.within(&steps, "spawn.facing", level.spawn.facing, (-720.0, 720.0));
        self.inside(bounds, &steps, "the spawn", level.spawn.at);
        ok
    }

    fn obstacles(
        &mut self,
        level: &LevelDef,
        bounds: Option<&Bounds>,
        ids: &mut HashSet<String>,
    ) -> bool {
        let mut all_ok = true;
        if level.obstacles.len() > limits::OBSTACLES {
            self.report(
                &[Step::Key("obstacles")],
                format!(
                    "{} obstacles: a level holds at most {}",
                    level.obstacles.len(),
                    limits::OBSTACLES
                ),
            );
            return false;
        }
        for obstacle in &level.obstacles {
            let nth = self.occurrence("obstacles", &obstacle.id);
            let steps = [Step::Key("obstacles"), Step::Str(&obstacle.id, nth)];
            let field = |key| [steps[0], steps[1], Step::Key(key)];
            self.unique_id(ids, &steps, &obstacle.id);
            let ok = self.point(&steps, "at", obstacle.at)
                & self.within(
                    &field("width"),
                    "footprint.width",
                    obstacle.footprint.width,
                    limits::FOOTPRINT,
                )
                & self.within(
                    &field("depth"),
                    "footprint.depth",
                    obstacle.footprint.depth,
                    limits::FOOTPRINT,
                )
                & self.within(&field("height"), "height", obstacle.height, limits::HEIGHT)
                & self.point(&field("lean"), "lean", obstacle.lean)
                & self.within(&field("turn"), "turn", obstacle.turn, (-360.0, 360.0));
            all_ok &= ok;
            if !ok {
                continue;
            }
            let what = format!("obstacle \"{}\"", obstacle.id);
            self.inside(bounds, &steps, &what, obstacle.at);
            if obstacle.lean.vec().length() > obstacle.height * 0.5 {
                self.report(
                    &field("lean"),
                    format!("{what} leans further than half its height"),
                );
            }
        }
        all_ok
    }

    fn doors(&mut self, level: &LevelDef, bounds: Option<&Bounds>, ids: &mut HashSet<String>) {
        if level.kind == LevelKind::City {
            self.count(
                &[Step::Key("doors")],
                "door candidates",
                level.doors.len(),
                limits::DOORS,
            );
        }
        for door in &level.doors {
            let nth = self.occurrence("doors", &door.id);
            let steps = [Step::Key("doors"), Step::Str(&door.id, nth)];
            self.unique_id(ids, &steps, &door.id);
            if self.point(&steps, "at", door.at)
                & self.within(&steps, "facing", door.facing, (-720.0, 720.0))
            {
                let what = format!("door \"{}\"", door.id);
                self.inside(bounds, &steps, &what, door.at);
            }
        }
    }

    /// The city's warmth: a distance to drain over, a floor it drains to, worries that cling.
    fn darkening(&mut self, level: &LevelDef) {
        if let Some(darkening) = level.darkening {
            let steps = [Step::Key("darkening")];
            self.within(
                &steps,
                "darkening.distance",
                darkening.distance,
                limits::DARKENING_DISTANCE,
            );
            self.within(
                &steps,
                "darkening.floor",
                darkening.floor,
                limits::WARMTH_FLOOR,
            );
        }
        if level.kind == LevelKind::City {
            let (least, most) = limits::WORRIES;
            if level.worries < least || level.worries > most {
                self.report(
                    &[Step::Key("worries")],
                    format!(
                        "{} worries: from {least} to {most} cling in a city",
                        level.worries
                    ),
                );
            }
        }
    }

    fn voices(&mut self, level: &LevelDef, bounds: Option<&Bounds>, ids: &mut HashSet<String>) {
        if level.kind == LevelKind::Garden {
            self.count(
                &[Step::Key("voices")],
                "voice flowers",
                level.voices.len(),
                limits::VOICES,
            );
        }
        for voice in &level.voices {
            let nth = self.occurrence("voices", &voice.id);
            let steps = [Step::Key("voices"), Step::Str(&voice.id, nth)];
            self.unique_id(ids, &steps, &voice.id);
            if self.point(&steps, "at", voice.at) {
                let what = format!("voice flower \"{}\"", voice.id);
                self.inside(bounds, &steps, &what, voice.at);
            }
            self.spoken(&steps, &voice.spoken());
        }
    }

    fn lotus(&mut self, level: &LevelDef, bounds: Option<&Bounds>) {
        let Some(lotus) = &level.lotus else {
            return;
        };
        let steps = [Step::Key("lotus")];
        if self.point(&steps, "lotus.at", lotus.at)
            & self.within(&steps, "lotus.radius", lotus.radius, limits::LOTUS_RADIUS)
        {
            self.inside(bounds, &steps, "the lotus", lotus.at);
            if let Some(bounds) = bounds
                && lotus.radius * 4.0 > bounds.size().min_element()
            {
                self.report(
                    &steps,
                    "the lotus is too large for the level: leave room around it to walk",
                );
            }
        }
        self.spoken(&[Step::Key("lotus"), Step::Key("whisper")], &lotus.whisper);
    }

    /// The moon's words and the waking lines.
    fn words(&mut self, level: &LevelDef) {
        for (key, spoken) in [("moon", &level.moon), ("waking", &level.waking)] {
            if let Some(spoken) = spoken {
                self.spoken(&[Step::Key(key)], spoken);
            }
        }
    }

    fn fragrances(&mut self, level: &LevelDef, bounds: Option<&Bounds>) {
        self.count(
            &[Step::Key("fragrances")],
            "fragrances",
            level.fragrances.len(),
            (0, limits::FRAGRANCES),
        );
        for fragrance in &level.fragrances {
            let nth = self.occurrence("fragrances", &fragrance.name);
            let steps = [Step::Key("fragrances"), Step::Str(&fragrance.name, nth)];
            self.text(
                &steps,
                "fragrance name",
                &fragrance.name,
                limits::NAME_CHARS,
            );
            let (r, g, b) = fragrance.color;
            let colour_ok = [r, g, b]
                .into_iter()
                .all(|c| c.is_finite() && (0.0..=4.0).contains(&c));
            if !colour_ok {
                self.report(
                    &steps,
                    format!("color ({r}, {g}, {b}) must be three numbers from 0 to 4"),
                );
            }
            if self.point(&steps, "at", fragrance.at)
                & self.within(&steps, "radius", fragrance.radius, limits::FRAGRANCE_RADIUS)
            {
                let what = format!("fragrance \"{}\"", fragrance.name);
                self.inside(bounds, &steps, &what, fragrance.at);
            }
        }
    }

    fn river(&mut self, level: &LevelDef, bounds: Option<&Bounds>) {
        let Some(river) = &level.river else {
            return;
        };
        let width_steps = [Step::Key("river"), Step::Key("width")];
        if self.within(
            &width_steps,
            "river.width",
            river.width,
            limits::RIVER_WIDTH,
        ) && let Some(bounds) = bounds
            && river.width * 4.0 > bounds.size().min_element()
        {
            self.report(
                &width_steps,
                "the river is too wide for the level: it would leave no banks to walk",
            );
        }
        let (least, most) = limits::RIVER_POINTS;
        if river.path.len() < least || river.path.len() > most {
            self.report(
                &[Step::Key("river"), Step::Key("path")],
                format!(
                    "a river path needs from {least} to {most} points, found {}",
                    river.path.len()
                ),
            );
            return;
        }
        for (index, point) in river.path.iter().enumerate() {
            let steps = [Step::Key("river"), Step::Key("path"), Step::Item(index)];
            if self.point(&steps, "river point", *point) {
                self.inside(bounds, &steps, &format!("river point {index}"), *point);
            }
        }
    }

    fn fragments(&mut self, level: &LevelDef, bounds: Option<&Bounds>) {
        let Some(fragments) = &level.fragments else {
            return;
        };
        let (least, most) = limits::FRAGMENTS;
        if fragments.count < least || fragments.count > most {
            self.report(
                &[Step::Key("fragments"), Step::Key("count")],
                format!(
                    "fragments.count must be from {least} to {most} (the heart has seven panes), \
                     found {}",
                    fragments.count
                ),
            );
        }
        let candidates = fragments.candidates.len();
        if (candidates as u64) < u64::from(fragments.count) || candidates > limits::CANDIDATES {
            self.report(
                &[Step::Key("fragments"), Step::Key("candidates")],
                format!(
                    "{} fragments are asked for from {candidates} candidate places: give at \
                     least as many places, and at most {}",
                    fragments.count,
                    limits::CANDIDATES
                ),
            );
            return;
        }
        for (index, place) in fragments.candidates.iter().enumerate() {
            let steps = [
                Step::Key("fragments"),
                Step::Key("candidates"),
                Step::Item(index),
            ];
            if self.point(&steps, "fragment candidate", place.at) {
                let what = format!("fragment candidate {index}");
                self.inside(bounds, &steps, &what, place.at);
            }
            let memory = [steps[0], steps[1], steps[2], Step::Key("memory")];
            self.spoken(&memory, &place.memory);
            let lines = limits::subtitle_lines(&place.memory.line, limits::SUBTITLE_LINE_CHARS);
            if lines > limits::MEMORY_LINES {
                self.report(
                    &[
                        memory[0],
                        memory[1],
                        memory[2],
                        memory[3],
                        Step::Key("line"),
                    ],
                    format!(
                        "a memory must fit in {} subtitle lines of {} characters; this one \
                         takes {lines}",
                        limits::MEMORY_LINES,
                        limits::SUBTITLE_LINE_CHARS
                    ),
                );
            }
        }
    }

    /// What a city and a garden each cannot do without.
    fn parts_of_its_kind(&mut self, level: &LevelDef) {
        let kind = [Step::Key("kind")];
        match level.kind {
            LevelKind::City => {
                if level.darkening.is_none() {
                    self.report(
                        &kind,
                        "a city needs a `darkening`: how far the warmth drains",
                    );
                }
            }
            LevelKind::Garden => {
                let missing = [
                    (level.lotus.is_none(), "a garden needs a `lotus`"),
                    (level.river.is_none(), "a garden needs a `river`"),
                    (level.fragments.is_none(), "a garden needs `fragments`"),
                    (
                        level.moon.is_none() || level.waking.is_none(),
                        "a garden needs the `moon`'s words and the `waking` lines",
                    ),
                ];
                for (absent, message) in missing {
                    if absent {
                        self.report(&kind, message);
                    }
                }
            }
        }
    }
}

fn check_reachability(level: &LevelDef, v: &mut Validator) {
    let grid = NavGrid::new(level);
    let spawn = level.spawn.at.vec();
    if !grid.is_walkable(spawn) {
        v.report(
            &[Step::Key("spawn")],
            "the spawn is inside an obstacle or too close to the edge to stand on",
        );
        return;
    }
    let reached = grid.flood_from(spawn);
    let mut require = |steps: &[Step], what: String, at: Vec2, reach: f32| {
        if !grid.reaches(&reached, at, reach) {
            v.report(steps, format!("{what} cannot be reached from the spawn"));
        }
    };
    for door in &level.doors {
        // The dreamer must be able to stand in the doorway itself to walk through it.
        require(
            &[Step::Key("doors"), Step::Str(&door.id, 0)],
            format!("door \"{}\"", door.id),
            door.at.vec(),
            0.5,
        );
    }
    for voice in &level.voices {
        require(
            &[Step::Key("voices"), Step::Str(&voice.id, 0)],
            format!("voice flower \"{}\"", voice.id),
            voice.at.vec(),
            REACH_DISTANCE * 2.0,
        );
    }
    if let Some(lotus) = &level.lotus {
        require(
            &[Step::Key("lotus")],
            "the lotus".into(),
            lotus.at.vec(),
            lotus.radius + REACH_DISTANCE,
        );
    }
    if let Some(river) = &level.river {
        for (index, point) in river.path.iter().enumerate() {
            require(
                &[Step::Key("river"), Step::Key("path"), Step::Item(index)],
                format!("river point {index}"),
                point.vec(),
                river.width * 0.5 + REACH_DISTANCE,
            );
        }
    }
    if let Some(fragments) = &level.fragments {
        for (index, place) in fragments.candidates.iter().enumerate() {
            require(
                &[
                    Step::Key("fragments"),
                    Step::Key("candidates"),
                    Step::Item(index),
                ],
                format!("fragment candidate {index}"),
                place.at.vec(),
                REACH_DISTANCE,
            );
        }
    }
}
