//! The game being played: the pack it came from, its settings and code, the seats, and
//! the core [`Game`]. The round controller ([`super::controller`]) is the only thing that
//! changes the game; screens read it.

use std::sync::atomic::{AtomicU64, Ordering};

use bevy::prelude::*;

use super::states::Screen;

use crate::core::game::{Game, GameError, Modifier, Phase, RoundKind, Rules, Stats};
use crate::core::night::{Night, NightHeader};
use crate::core::plan::RoundPlan;
use crate::core::round_code;
use crate::core::seat::{Device, Seat, SeatId, Team};
use crate::core::{Pack, RoundSettings};

/// Name of the single player of a solo round.
pub const SOLO_PLAYER: &str = "You";
/// The seat of a solo round.
pub const SOLO: SeatId = SeatId(0);

/// The pack chosen in the pack picker, and its current content.
#[derive(Resource, Debug, Clone)]
pub struct ChosenPack {
    /// Key for the high-score table.
    pub file_name: String,
    pub pack: Pack,
}

/// A game in progress, solo or party: one engine.
#[derive(Resource, Debug, Clone)]
pub struct Session {
    /// This game's id (a restart is a new game), see [`super::messages::ShownPhase`].
    pub id: u64,
    /// Everything the game was built from (the questions as asked among it): edits to
    /// the pack file do not disturb it, and it heads the night's journal.
    pub header: NightHeader,
    /// The pack's file name (the high-score key) and title.
    pub pack_file: String,
    pub pack_title: String,
    pub settings: RoundSettings,
    pub rules: Rules,
    /// The seats and teams the game started with.
    pub seats: Vec<Seat>,
    pub teams: Vec<Team>,
    pub game: Game,
    /// Rebuilt from its journal after a crash, and not yet gone on (the pause says so).
    pub resumed: bool,
    /// The id of the question being previewed (`play PATH --question ID`): the game is
    /// that one question, shown again after each reveal instead of ending.
    pub preview: Option<String>,
}

impl Session {
    /// A solo round: one seat that every key, the mouse and any gamepad drive.
    pub fn new(chosen: &ChosenPack, settings: RoundSettings) -> Result<Self, GameError> {
        Self::build(
            chosen,
            chosen.pack.clone(),
            settings,
            Rules::solo(),
            vec![solo_seat()],
            Vec::new(),
            None,
        )
    }

    /// A party game.
    pub fn party(
        chosen: &ChosenPack,
        settings: RoundSettings,
        rules: Rules,
        seats: Vec<Seat>,
        teams: Vec<Team>,
    ) -> Result<Self, GameError> {
        Self::build(
            chosen,
            chosen.pack.clone(),
            settings,
            rules,
            seats,
            teams,
            None,
        )
    }

    /// A party night in the rounds of `plan` (each its own format, count, time, category,
    /// difficulty and points), picked with `settings`' seed and chapter limit; a `series`
    /// ends each evening on a round's scoreboard, to go on another evening.
    #[allow(clippy::too_many_arguments)]
    pub fn planned(
        chosen: &ChosenPack,
        settings: RoundSettings,
        rules: Rules,
        plan: &[RoundPlan],
        series: bool,
        seats: Vec<Seat>,
        teams: Vec<Team>,
    ) -> Result<Self, String> {
        let header = NightHeader::planned(
            &chosen.file_name,
            &chosen.pack,
            settings,
            rules,
            plan,
            series,
            seats,
            teams,
        )
        .map_err(|e| e.to_string())?;
        let game = header.game().map_err(|e| e.to_string())?;
        Ok(Self::of(header, game, None))
    }

    /// A one-question round of `question` for previewing it, its answers freshly shuffled.
    pub fn preview(chosen: &ChosenPack, question: &str) -> Result<Self, GameError> {
        let mut pack = chosen.pack.clone();
        pack.questions.retain(|q| q.id == question);
        let settings = RoundSettings {
            question_count: None,
            seed: round_code::fresh_seed(),
            ..RoundSettings::default()
        };
        let rules = Rules {
            // The reveal of a preview waits for the author.
            reveal_for: None,
            ..Rules::solo()
        };
        Self::build(
            chosen,
            pack,
            settings,
            rules,
            vec![solo_seat()],
            Vec::new(),
            Some(question.to_string()),
        )
    }

    fn build(
        chosen: &ChosenPack,
        pack: Pack,
        settings: RoundSettings,
        rules: Rules,
        seats: Vec<Seat>,
        teams: Vec<Team>,
        preview: Option<String>,
    ) -> Result<Self, GameError> {
        let mut header = NightHeader::new(&chosen.file_name, &pack, settings, rules, seats, teams);
        // A preview's pack is the one question: the title is the whole pack's.
        header.pack_title = chosen.pack.title.clone();
        let game = header.game()?;
        Ok(Self::of(header, game, preview))
    }

    /// The session of a game built from `header`, in the state `game` is in.
    fn of(header: NightHeader, game: Game, preview: Option<String>) -> Self {
        Self {
            id: next_session_id(),
            pack_file: header.pack_file.clone(),
            pack_title: header.pack_title.clone(),
            settings: header.settings.clone(),
            rules: header.rules.clone(),
            seats: header.seats.clone(),
            teams: header.teams.clone(),
            header,
            game,
            preview,
            resumed: false,
        }
    }

    /// A night rebuilt from its journal, as it was when it stopped.
    pub fn resumed(night: Night) -> Self {
        Self {
            resumed: true,
            ..Self::of(night.header, night.game, None)
        }
    }

    /// The same game again from the start: same questions, settings, code and seats.
    pub fn restarted(&self) -> Self {
        let game = self
            .header
            .game()
            .expect("a game that was built once builds again");
        Self {
            id: next_session_id(),
            game,
            resumed: false,
            ..self.clone()
        }
    }

    /// Whether this is a party (more than the solo seat, or a party's rules).
    pub fn is_party(&self) -> bool {
        self.seats.iter().any(|s| s.device != Device::Solo)
    }

    /// The solo seat's totals (the first seat's, in a party).
    pub fn solo_stats(&self) -> &Stats {
        &self.game.players()[0].stats
    }

    /// Where the game is, for the screen's top line: `Question 2 of 10`, or for a preview
    /// `Preview of \`id\``.
    pub fn progress(&self) -> String {
        let game = &self.game;
        let round = game.round();
        match (&self.preview, round.kind) {
            (Some(id), _) => format!("Preview of `{id}`"),
            (None, RoundKind::Final) => "The final".to_string(),
            (None, RoundKind::Tiebreak) => "Sudden death".to_string(),
            (None, RoundKind::Regular) if game.in_rounds() => format!(
                "{}  ·  Question {} of {}",
                crate::core::phone::round_line(game),
                game.current_index() - round.first + 1,
                round.len
            ),
            (None, RoundKind::Regular) => format!(
                "Question {} of {}",
                game.current_index() + 1,
                game.questions().len()
            ),
        }
    }

    /// How the current question is played, for a party's top bar: "Buzz-in", "Everyone
    /// answers · double points".
    pub fn format_label(&self) -> String {
        let game = &self.game;
        let mut label = game.format_now().label().to_string();
        if game.round().modifier == Modifier::Double {
            label.push_str(" · double points");
        }
        label
    }

    pub fn code(&self) -> String {
        round_code::encode(self.settings.seed)
    }
}

fn solo_seat() -> Seat {
    Seat {
        id: SOLO,
        name: SOLO_PLAYER.to_string(),
        colour: 0,
        device: Device::Solo,
        team: None,
    }
}

/// The top-right line of a solo round screen: the player's score and streak.
pub fn standing(stats: &Stats) -> String {
    format!("Score {}   ·   Streak ×{}", stats.score, stats.streak)
}

/// A session's id, so that a new game of the same shape still opens its screens afresh.
static SESSIONS: AtomicU64 = AtomicU64::new(0);

/// A fresh session id.
pub fn next_session_id() -> u64 {
    SESSIONS.fetch_add(1, Ordering::Relaxed) + 1
}

/// The screen that shows `session`'s game in its phase (none before it starts).
pub fn screen_of(session: &Session) -> Option<Screen> {
    Some(match session.game.phase() {
        Phase::Ready => return None,
        Phase::Question => Screen::Question,
        Phase::Reveal => Screen::Reveal,
        // A round's end is the scoreboard with the round's winner.
        Phase::Scoreboard | Phase::RoundEnd => Screen::Scoreboard,
        Phase::Wager => Screen::Wager,
        Phase::Intermission => Screen::Intermission,
        Phase::Finished if session.is_party() => Screen::Podium,
        Phase::Finished => Screen::Results,
    })
}
