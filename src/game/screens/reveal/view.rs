//! What the reveal says as it opens and while it shows: its sound (right or wrong), and
//! the line beside the continue button (its own countdown, or a preview's hint and error).

use bevy::prelude::*;

use super::{AutoText, PreviewError};
use crate::game::audio::Sfx;
use crate::game::clock::Now;
use crate::game::messages::GameEvent;
use crate::game::preview::{self, Preview};
use crate::game::session::{SOLO, Session};

pub(super) fn cue(session: Res<Session>, mut sfx: MessageWriter<Sfx>) {
    let game = &session.game;
    let right = if session.is_party() {
        game.players()
            .iter()
            .any(|p| game.last_result(p.seat.id).is_some_and(|r| r.correct))
    } else {
        game.last_result(SOLO).is_some_and(|r| r.correct)
    };
    sfx.write(if right { Sfx::Correct } else { Sfx::Wrong });
}

/// The line beside the continue button: the reveal's own countdown, or a preview's hint
/// and error.
pub(super) fn auto_text(
    session: Res<Session>,
    preview: Option<Res<Preview>>,
    now: Now,
    mut events: MessageReader<GameEvent>,
    mut texts: Query<&mut Text, (With<AutoText>, Without<PreviewError>)>,
    mut errors: Query<&mut Text, (With<PreviewError>, Without<AutoText>)>,
) {
    events.clear();
    let game = &session.game;
    let (hint, error) = if let Some(id) = &session.preview {
        preview::reveal_lines(preview.as_deref(), id)
    } else if game.is_paused() {
        ("Paused".to_string(), String::new())
    } else if let Some(left) = game.reveal_remaining(now.now()) {
        let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
        (
            format!("Enter to continue · continues by itself in {secs} s"),
            String::new(),
        )
    } else {
        ("Enter to continue".to_string(), String::new())
    };
    for mut text in &mut texts {
        if text.0 != hint {
            text.0.clone_from(&hint);
        }
    }
    for mut text in &mut errors {
        if text.0 != error {
            text.0.clone_from(&error);
        }
    }
}
