//! The continue button: the host's Next, or a previewed question shown again as its file
//! is saved now.

use bevy::prelude::*;

use super::ContinueButton;
use crate::core::command::{Command, HostAction};
use crate::game::clock::Now;
use crate::game::menu::Activate;
use crate::game::messages::GameCommand;
use crate::game::night::SessionRequest;
use crate::game::session::{ChosenPack, Session};

pub(super) fn continue_on_activate(
    mut activated: MessageReader<Activate>,
    buttons: Query<(), With<ContinueButton>>,
    session: Res<Session>,
    chosen: Option<Res<ChosenPack>>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
    mut requests: MessageWriter<SessionRequest>,
) {
    for Activate(entity) in activated.read() {
        if !buttons.contains(*entity) {
            continue;
        }
        // A previewed question is shown again, as its file is saved now (not while
        // paused: the core refuses Next then, and the preview waits the same way).
        if let (Some(id), Some(chosen)) = (session.preview.clone(), chosen.as_deref())
            && !session.game.is_paused()
            && let Ok(again) = Session::preview(chosen, &id)
        {
            requests.write(SessionRequest::Begin(
                Box::new(again),
                crate::game::input::bindings::Bindings::default(),
            ));
            return;
        }
        out.write(GameCommand(Command::Host {
            action: HostAction::Next,
            at: now.now(),
        }));
        return;
    }
}
