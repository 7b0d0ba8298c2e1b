//! The round being played: the pack it came from, its settings and code, the core
//! [`Round`], and the players. Screens read and drive it; the rules stay in the core.

use std::time::Duration;

use bevy::prelude::*;

use super::display::RedrawRate;
use crate::core::round::Player;
use crate::core::round_code;
use crate::core::{Pack, Round, RoundError, RoundSettings};

/// Name of the single player of a solo round.
pub const SOLO_PLAYER: &str = "You";

/// The pack chosen in the pack picker, and its current content.
#[derive(Resource, Debug, Clone)]
pub struct ChosenPack {
    /// Key for the high-score table.
    pub file_name: String,
    pub pack: Pack,
}

/// A round in progress.
#[derive(Resource, Debug, Clone)]
pub struct Session {
    /// The pack's file name (the high-score key) and title.
    pub pack_file: String,
    pub pack_title: String,
    /// The pack as it was when the round started: edits to the file do not disturb it.
    pub pack: Pack,
    pub settings: RoundSettings,
    pub round: Round,
    /// The id of the question being previewed (`play PATH --question ID`): the round is
    /// that one question, shown again after each reveal instead of ending.
    pub preview: Option<String>,
}

impl Session {
    pub fn new(chosen: &ChosenPack, settings: RoundSettings) -> Result<Self, RoundError> {
        let round = Round::new(&chosen.pack, &settings, vec![SOLO_PLAYER.to_string()])?;
        Ok(Self {
            pack_file: chosen.file_name.clone(),
            pack_title: chosen.pack.title.clone(),
            pack: chosen.pack.clone(),
            settings,
            round,
            preview: None,
        })
    }

    /// A one-question round of `question` for previewing it, its answers freshly shuffled.
    pub fn preview(chosen: &ChosenPack, question: &str) -> Result<Self, RoundError> {
        let mut pack = chosen.pack.clone();
        pack.questions.retain(|q| q.id == question);
        let settings = RoundSettings {
            question_count: None,
            seconds_per_question: None,
            categories: Vec::new(),
            difficulties: Vec::new(),
            seed: round_code::fresh_seed(),
        };
        let round = Round::new(&pack, &settings, vec![SOLO_PLAYER.to_string()])?;
        Ok(Self {
            pack_file: chosen.file_name.clone(),
            pack_title: chosen.pack.title.clone(),
            pack,
            settings,
            round,
            preview: Some(question.to_string()),
        })
    }

    /// The same round again from the start: same pack, settings and code.
    pub fn restarted(&self) -> Self {
        let round = Round::new(&self.pack, &self.settings, vec![SOLO_PLAYER.to_string()])
            .expect("a round that was built once builds again");
        Self {
            round,
            ..self.clone()
        }
    }

    /// Where the round is, for the screen's top line: `Question 2 of 10`, or for a preview
    /// `Preview of \`id\``.
    pub fn progress(&self) -> String {
        match &self.preview {
            Some(id) => format!("Preview of `{id}`"),
            None => format!(
                "Question {} of {}",
                self.round.current_index() + 1,
                self.round.questions().len()
            ),
        }
    }

    pub fn code(&self) -> String {
        round_code::encode(self.settings.seed)
    }
}

/// The top-right line of a round screen: the player's score and streak.
pub fn standing(player: &Player) -> String {
    format!("Score {}   ·   Streak ×{}", player.score, player.streak)
}

/// The game clock the round runs on: virtual time since start-up.
pub fn now(time: &Time) -> Duration {
    time.elapsed()
}

/// Asks the window to redraw every `every` while something moves on screen.
pub fn animate(rate: &mut RedrawRate, every: Duration) {
    rate.0 = Some(every);
}

/// Back to redrawing only on input: an idle screen costs next to nothing.
pub fn stay_idle(mut rate: ResMut<RedrawRate>) {
    rate.0 = None;
}
