//! The screens of the game, one plugin each, switched by the [`Screen`] state.
//! Each screen spawns its UI on entering and tags it `DespawnOnExit`.

pub mod loading;
pub mod title;

use bevy::prelude::*;

/// Which screen is showing.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// Fonts and packs are loading.
    #[default]
    Loading,
    Title,
}

pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_plugins((loading::plugin, title::plugin));
}
