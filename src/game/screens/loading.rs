//! The loading screen: shown until the fonts and every pack folder are read.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use crate::game::messages::RoundSystems;

use super::lobby::{self, OpenLobby};
use crate::game::night::{ResumeAtLaunch, ResumeOffer, SessionRequest};
use crate::game::packs::{PackAsset, PackLibrary};
use crate::game::preview::{self, Preview};
use crate::game::states::Screen;
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Loading), spawn)
        // Before the session is carried out in the same frame: a resume or a preview asked
        // for here shows its screen before loading could run again.
        .add_systems(
            Update,
            advance
                .before(RoundSystems::Session)
                .run_if(in_state(Screen::Loading)),
        );
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

/// What start-up was asked to open on, from the command line.
#[derive(SystemParam)]
pub struct StartAt<'w, 's> {
    resume: Option<Res<'w, ResumeAtLaunch>>,
    offer: Res<'w, ResumeOffer>,
    lobby: Option<Res<'w, OpenLobby>>,
    preview: Option<ResMut<'w, Preview>>,
    packs: Res<'w, Assets<PackAsset>>,
    requests: MessageWriter<'w, SessionRequest>,
    commands: Commands<'w, 's>,
}

/// Once fonts and packs are read, opens the first screen, decided here and nowhere else: the
/// night to resume (`party --resume`; the session it asks for shows its screen), else the
/// party lobby (`party [PACK]`), else the previewed pack (`play PATH [--question ID]`), else
/// the title.
pub fn advance(
    library: Res<PackLibrary>,
    fonts: Res<Fonts>,
    server: Res<AssetServer>,
    start: StartAt,
    mut next: ResMut<NextState<Screen>>,
) {
    let font_ready = |h: &Handle<Font>| {
        *h == Handle::default()
            || server.is_loaded_with_dependencies(h)
            || server.load_state(h).is_failed()
    };
    if !(library.ready && font_ready(&fonts.regular) && font_ready(&fonts.bold)) {
        return;
    }
    let StartAt {
        resume,
        offer,
        lobby,
        preview,
        packs,
        mut requests,
        mut commands,
    } = start;
    let first = if resume.is_some() && offer.0.is_some() {
        commands.remove_resource::<ResumeAtLaunch>();
        requests.write(SessionRequest::Resume);
        None
    } else if lobby.is_some() {
        Some(lobby::open_at_start(
            &mut commands,
            preview.as_deref(),
            &library,
            &packs,
        ))
    } else if let Some(mut preview) = preview.filter(|p| !p.opened) {
        preview::first_screen(&mut preview, &library, &packs, &mut commands, &mut requests)
    } else {
        Some(Screen::Title)
    };
    // A session asked for shows its own screen (the night plugin carries it out).
    if let Some(first) = first {
        next.set(first);
    }
}
