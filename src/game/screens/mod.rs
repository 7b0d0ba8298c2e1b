//! The screens of the game, one plugin each, switched by the
//! [`Screen`](super::states::Screen) state. Each screen spawns its UI on entering and tags
//! it `DespawnOnExit`.

pub(crate) mod high_scores;
pub mod intermission;
pub(crate) mod loading;
pub mod lobby;
pub mod pack_picker;
pub mod pause;
pub mod podium;
pub mod question;
pub(crate) mod results;
pub(crate) mod reveal;
pub mod scoreboard;
pub(crate) mod settings;
pub mod setup;
pub mod title;
pub mod wager;

use bevy::prelude::*;

pub(crate) fn plugin(app: &mut App) {
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
        wager::plugin,
        intermission::plugin,
    ));
}
