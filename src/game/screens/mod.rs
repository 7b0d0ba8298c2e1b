//! The screens of the game, one plugin each, switched by the [`Screen`] state.
//! Each screen spawns its UI on entering and tags it `DespawnOnExit`.

pub mod high_scores;
pub mod loading;
pub mod pack_picker;
pub mod pause;
pub mod question;
pub mod results;
pub mod reveal;
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
}

impl Screen {
    pub const ALL: [Screen; 9] = [
        Screen::Loading,
        Screen::Title,
        Screen::PackPicker,
        Screen::Setup,
        Screen::Question,
        Screen::Reveal,
        Screen::Results,
        Screen::HighScores,
        Screen::Settings,
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
    ));
}
