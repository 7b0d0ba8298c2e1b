//! The screens of the game, one plugin each, switched by the [`Screen`] state.
//! Each screen spawns its UI on entering and tags it `DespawnOnExit`.

pub mod high_scores;
pub mod loading;
pub mod lobby;
pub mod pack_picker;
pub mod pause;
pub mod podium;
pub mod question;
pub mod results;
pub mod reveal;
pub mod scoreboard;
pub mod settings;
pub mod setup;
pub mod title;

use bevy::prelude::*;

use super::menu;

/// Which screen is showing.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// Fonts and packs are loading.
    #[default]
    Loading,
    Title,
    PackPicker,
    Setup,
    Question,
    Reveal,
    Results,
    HighScores,
    Settings,
    /// The party lobby: seats join, the host sets the game up.
    Lobby,
    /// The scores between a party's questions.
    Scoreboard,
    /// The end of a party.
    Podium,
}

impl Screen {
    pub const ALL: [Screen; 12] = [
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
    ];
}

pub fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    for screen in Screen::ALL {
        app.add_systems(OnEnter(screen), menu::forget_stale_input);
    }
    app.add_plugins((
        loading::plugin,
        title::plugin,
        pack_picker::plugin,
        setup::plugin,
        question::plugin,
        pause::plugin,
        reveal::plugin,
        results::plugin,
        high_scores::plugin,
        settings::plugin,
        lobby::plugin,
        scoreboard::plugin,
        podium::plugin,
    ));
}
