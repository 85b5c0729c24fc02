//! The validator's hands: it reports a problem at its place in the level's text, and checks the
//! kinds of value every section has (finite numbers in range, points inside the bounds, unique
//! ids, words short enough to read, sounds that are the game's own).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::limits;
use super::problem::{Locator, Problem, Step};
use super::types::*;
use crate::core::assets::asset_exists;

pub(super) struct Validator<'a> {
    pub(super) path: &'a Path,
    pub(super) locator: Locator<'a>,
    pub(super) problems: Vec<Problem>,
    /// How often each (section, id) has been seen, so a problem points at its own copy.
    pub(super) seen: HashMap<(&'static str, String), usize>,
}

impl Validator<'_> {
    pub(super) fn report(&mut self, steps: &[Step], message: impl Into<String>) {
        let (line, col) = self.locator.find(steps);
        self.problems.push(Problem {
            file: self.path.to_owned(),
            line,
            col,
            message: message.into(),
        });
    }

    pub(super) fn finite(&mut self, steps: &[Step], name: &str, value: f32) -> bool {
        if value.is_finite() {
            true
        } else {
            self.report(
                steps,
                format!("{name} must be a finite number, not {value}"),
            );
            false
        }
    }

    /// A number within `min..=max`.
    pub(super) fn within(
        &mut self,
        steps: &[Step],
        name: &str,
        value: f32,
        (min, max): (f32, f32),
    ) -> bool {
        if !self.finite(steps, name, value) {
            return false;
        }
        if value < min || value > max {
            self.report(
                steps,
                format!("{name} must be from {min} to {max}, found {value}"),
            );
            return false;
        }
        true
    }

    pub(super) fn point(&mut self, steps: &[Step], name: &str, point: Point) -> bool {
        let far = (-limits::COORDINATE, limits::COORDINATE);
        let x = self.within(steps, &format!("{name}.x"), point.x, far);
        let z = self.within(steps, &format!("{name}.z"), point.z, far);
        x && z
    }

    /// A count within `min..=max`.
    pub(super) fn count(
        &mut self,
        steps: &[Step],
        what: &str,
        count: usize,
        (min, max): (usize, usize),
    ) {
        if count < min || count > max {
            self.report(
                steps,
                format!("{count} {what}: a level holds from {min} to {max}"),
            );
        }
    }

    /// Which appearance of `id` within `section` this is (0 for the first).
    pub(super) fn occurrence(&mut self, section: &'static str, id: &str) -> usize {
        let count = self.seen.entry((section, id.to_owned())).or_default();
        *count += 1;
        *count - 1
    }

    pub(super) fn unique_id(&mut self, ids: &mut HashSet<String>, steps: &[Step], id: &str) {
        if id.trim().is_empty() {
            self.report(steps, "an id must not be empty");
        } else if id.chars().count() > limits::NAME_CHARS {
            self.report(
                steps,
                format!("the id is longer than {} characters", limits::NAME_CHARS),
            );
        } else if !ids.insert(id.to_owned()) {
            self.report(steps, format!("the id \"{id}\" is used twice"));
        }
    }

    pub(super) fn inside(&mut self, bounds: Option<&Bounds>, steps: &[Step], what: &str, p: Point) {
        if let Some(bounds) = bounds
            && !bounds.contains(p.vec(), 0.0)
        {
            self.report(
                steps,
                format!(
                    "{what} at ({}, {}) lies outside the bounds ({}, {})..({}, {})",
                    p.x, p.z, bounds.min.x, bounds.min.z, bounds.max.x, bounds.max.z
                ),
            );
        }
    }

    /// Words to show: present, printable, at most `most` characters.
    pub(super) fn text(&mut self, steps: &[Step], name: &str, value: &str, most: usize) {
        if value.trim().is_empty() {
            self.report(steps, format!("{name} must not be empty"));
        } else if value.chars().count() > most {
            self.report(steps, format!("{name} is longer than {most} characters"));
        } else if value.chars().any(char::is_control) {
            self.report(steps, format!("{name} holds a control character"));
        }
    }

    /// A sound the level names: a plain relative path to one of the game's own Ogg files.
    pub(super) fn sound(&mut self, steps: &[Step], path: &str) {
        let leaves = path.starts_with('/')
            || path.contains('\\')
            || path.contains(':')
            || path
                .split('/')
                .any(|part| part == ".." || part == "." || part.is_empty());
        if path.trim().is_empty() {
            self.report(steps, "audio must not be empty");
        } else if leaves {
            self.report(
                steps,
                format!(
                    "audio \"{}\" must be a plain path inside assets/ (no .., no leading /)",
                    path.escape_debug()
                ),
            );
        } else if !path.ends_with(".ogg") {
            self.report(
                steps,
                format!("audio \"{path}\" must be an Ogg file (.ogg)"),
            );
        } else if !asset_exists(path) {
            self.report(
                steps,
                format!("audio \"{path}\" is not one of the game's sounds (assets/{path})"),
            );
        }
    }

    /// A spoken line under `at`: who says it, what, and its sound.
    pub(super) fn spoken(&mut self, at: &[Step], spoken: &Spoken) {
        let under = |key| [at, &[Step::Key(key)]].concat();
        self.text(
            &under("speaker"),
            "speaker",
            &spoken.speaker,
            limits::NAME_CHARS,
        );
        self.text(&under("line"), "line", &spoken.line, limits::LINE_CHARS);
        self.sound(&under("audio"), &spoken.audio);
    }
}
