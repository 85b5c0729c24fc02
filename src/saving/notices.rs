//! What the player is told about the files the game keeps.

use bevy::prelude::*;

/// What the player should be told about the files the game keeps: a broken one set aside, one
/// recovered from its last good copy, a value brought into range, a save that failed (the game
/// plays on and the last good file stays). Written to the log as told; shown on screen by the
/// view.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct Notices {
    /// Not yet shown.
    pub pending: Vec<String>,
}

impl Notices {
    pub fn tell(&mut self, notice: impl Into<String>) {
        let notice = notice.into();
        warn!("{notice}");
        self.pending.push(notice);
    }
}
