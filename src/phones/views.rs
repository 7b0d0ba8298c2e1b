//! Each phone's view, sent when it changed: a night's seats see the night, the others a
//! waiting page.

use super::*;

/// Sends each phone its view when it changed (the countdown is counted down by the page:
/// a view is sent again for the time only when it drifts by more than this).
const TIME_DRIFT_MS: u64 = 400;

pub(super) fn publish(
    mut phones: ResMut<Phones>,
    session: Option<Res<Session>>,
    state: Res<State<Screen>>,
    refusals: Res<RecentRefusals>,
    now: Now,
) {
    if phones.server.is_none() {
        return;
    }
    let at = now.now();
    let in_game = state.get().in_game();
    let game = session
        .as_deref()
        .filter(|s| in_game && s.is_party())
        .map(|s| &s.game);
    let show_text = phones.show_text;
    let mut views: Vec<(SeatId, PhoneView)> = Vec::new();
    // A night's phone seats see the night (its roster is the game's), and keep their
    // places under the room's cap for good.
    if let Some(game) = game {
        let mut new = Vec::new();
        let seats = game
            .players()
            .iter()
            .filter(|p| p.seat.device == Device::Phone);
        for seat in seats.map(|p| p.seat.id) {
            if !phones.playing.contains(&seat) {
                new.push(seat);
            }
            if let Some(mut view) = phone::game_view(game, seat, at, show_text) {
                // A press the game turned down says why, at the top of the page.
                if let Some(why) = refusals.of(seat, at) {
                    view.note = format!("✗ {}", why.words());
                }
                views.push((seat, view));
            }
        }
        if !new.is_empty() {
            if let Some(server) = &phones.server {
                server.set_playing(new.iter().copied());
            }
            phones.playing.extend(new);
        }
    }
    // The party's other phones (in the lobby, or joined after the night ended) wait.
    let note = if game.is_some() {
        "You play from the next game"
    } else {
        "Waiting for the host to start"
    };
    let (waiting, players) = &phones.waiting;
    for seat in waiting {
        if !views.iter().any(|(id, _)| *id == seat.id) {
            let view = phone::lobby_view(&seat.name, seat.colour, *players, note);
            views.push((seat.id, view));
        }
    }
    let mut changed = false;
    let mut messages: HashMap<SeatId, Arc<str>> = HashMap::with_capacity(views.len());
    for (seat, view) in &views {
        let remaining = view.question.as_ref().map(|q| q.remaining_ms);
        let paused = view.question.as_ref().is_some_and(|q| q.paused);
        let timeless = without_time(view);
        let fresh = match phones.sent.get(seat) {
            None => true,
            Some(sent) => {
                let expected = sent.remaining.map(|r| {
                    if paused {
                        r
                    } else {
                        r.saturating_sub((at.saturating_sub(sent.at)).as_millis() as u64)
                    }
                });
                sent.view != timeless
                    || match (expected, remaining) {
                        (Some(e), Some(r)) => e.abs_diff(r) > TIME_DRIFT_MS,
                        (e, r) => e.is_some() != r.is_some(),
                    }
            }
        };
        if fresh {
            changed = true;
            let json: Arc<str> = Arc::from(ToPhone::View(Box::new(view.clone())).to_json());
            messages.insert(*seat, json.clone());
            phones.sent.insert(
                *seat,
                Sent {
                    view: timeless,
                    remaining,
                    at,
                    json,
                },
            );
        } else if let Some(sent) = phones.sent.get(seat) {
            messages.insert(*seat, sent.json.clone());
        }
    }
    if !changed {
        return;
    }
    let views = Views { views: messages };
    if let Some(server) = &phones.server {
        server.publish(views);
    }
}

fn without_time(view: &PhoneView) -> PhoneView {
    let mut view = view.clone();
    if let Some(q) = view.question.as_mut() {
        q.remaining_ms = 0;
    }
    view
}
