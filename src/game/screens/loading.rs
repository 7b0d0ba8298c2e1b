//! The loading screen: shown until the fonts and every pack folder are read.

use bevy::prelude::*;

use super::Screen;
use crate::game::packs::PackLibrary;
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Loading), spawn)
        .add_systems(Update, advance.run_if(in_state(Screen::Loading)));
}

fn spawn(mut commands: Commands) {
    commands.spawn((
        widgets::screen_root("Loading screen"),
        DespawnOnExit(Screen::Loading),
        children![widgets::text(
            "Loading…",
            &Handle::default(),
            36.0,
            palette::TEXT_MUTED
        )],
    ));
}

/// Goes to the title once fonts and packs are read ([`crate::game::preview`] may redirect).
pub fn advance(
    library: Res<PackLibrary>,
    fonts: Res<Fonts>,
    server: Res<AssetServer>,
    mut next: ResMut<NextState<Screen>>,
) {
    let font_ready = |h: &Handle<Font>| {
        *h == Handle::default()
            || server.is_loaded_with_dependencies(h)
            || server.load_state(h).is_failed()
    };
    if library.ready && font_ready(&fonts.regular) && font_ready(&fonts.bold) {
        next.set(Screen::Title);
    }
}
