//! The game's states: which screen is showing. A leaf module (it uses nothing else of the
//! shell), so any module may name a screen without importing the screens themselves.

use bevy::prelude::*;

pub(crate) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
}

/// Which screen is showing.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// Fonts and packs are loading.
    #[default]
    Loading,
    /// The title menu.
    Title,
    /// Choosing a pack for a solo round.
    PackPicker,
    /// A solo round's settings.
    Setup,
    /// A question is open.
    Question,
    /// The answer and who got it.
    Reveal,
    /// The end of a solo round.
    Results,
    /// The best solo rounds so far.
    HighScores,
    /// Sound, motion, display and phone settings.
    Settings,
    /// The party lobby: seats join, the host sets the game up.
    Lobby,
    /// The scores between a party's questions.
    Scoreboard,
    /// The end of a party.
    Podium,
    /// The final's category: every seat stakes points on its one question.
    Wager,
    /// A series stopped for tonight: the standings, and the next evening's plan.
    Intermission,
}

impl Screen {
    /// Every screen, for systems that run on entering any of them.
    pub const ALL: [Screen; 14] = [
        Screen::Loading,
        Screen::Title,
        Screen::PackPicker,
        Screen::Setup,
        Screen::Question,
        Screen::Reveal,
        Screen::Results,
        Screen::HighScores,
        Screen::Settings,
        Screen::Lobby,
        Screen::Scoreboard,
        Screen::Podium,
        Screen::Wager,
        Screen::Intermission,
    ];

    /// Whether this screen shows a game in progress.
    pub fn in_game(self) -> bool {
        GAME_SCREENS.contains(&self)
    }
}

/// The screens that show a game in progress.
pub const GAME_SCREENS: [Screen; 7] = [
    Screen::Question,
    Screen::Reveal,
    Screen::Scoreboard,
    Screen::Results,
    Screen::Podium,
    Screen::Wager,
    Screen::Intermission,
];

/// Run condition: a game's screen is showing.
pub fn in_game_screen(state: Res<State<Screen>>) -> bool {
    state.get().in_game()
}
