//! Each phone's view, sent when it changed: a night's seats see the night, the others a
//! waiting page. With pictures on phones, the picture on the TV goes to the server (under
//! a key of its own) and its address into the views.

use super::*;
use crate::core::phone::PhonePicture;
use crate::game::media::MediaCache;
use server::Picture;

/// The picture the server hands out: which question's, which file, under which key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Served {
    question: usize,
    path: String,
    key: String,
}

/// Sends each phone its view when it changed (the countdown is counted down by the page:
/// a view is sent again for the time only when it drifts by more than this).
const TIME_DRIFT_MS: u64 = 400;

pub(super) fn publish(
    mut phones: ResMut<Phones>,
    session: Option<Res<Session>>,
    state: Res<State<Screen>>,
    refusals: Res<RecentRefusals>,
    now: Now,
    cache: Option<Res<MediaCache>>,
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
    // What the server hands out is no change the lobby shows: not marked as one (the
    // lobby redraws its seats on a change of phones).
    let picture = serve_picture(phones.bypass_change_detection(), game, cache.as_deref());
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
                if let Some(picture) = &picture {
                    view.show_picture(picture);
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

/// Hands the server the picture on the TV that phones may show ([`phone::shown_picture`]),
/// once it has loaded, when the host shows pictures on phones; else none. A new picture
/// gets a new key (the old address stops working); the same picture keeps its key (the
/// question's picture at its reveal: the browser has it already). Returns its address.
fn serve_picture(
    phones: &mut Phones,
    game: Option<&crate::core::game::Game>,
    cache: Option<&MediaCache>,
) -> Option<PhonePicture> {
    let wanted = game
        .filter(|_| phones.show_pictures)
        .and_then(phone::shown_picture)
        .and_then(|shown| {
            let ready = cache?.ready(shown.path)?;
            let (bytes, format) = ready.bytes.as_ref()?;
            Some((shown, bytes, format.mime(), ready.size))
        });
    let Some((shown, bytes, mime, size)) = wanted else {
        if phones.picture.take().is_some()
            && let Some(server) = &phones.server
        {
            server.show_picture(None);
        }
        return None;
    };
    let same = phones
        .picture
        .as_ref()
        .is_some_and(|p| p.question == shown.question && p.path == shown.path);
    if !same {
        let key = format!("{:032x}", rand::random::<u128>());
        if let Some(server) = &phones.server {
            server.show_picture(Some(Picture {
                key: key.clone(),
                bytes: bytes.clone(),
                mime,
            }));
        }
        phones.picture = Some(Served {
            question: shown.question,
            path: shown.path.to_string(),
            key,
        });
    }
    let key = &phones.picture.as_ref()?.key;
    Some(PhonePicture {
        url: format!("/picture/{key}"),
        width: size.x,
        height: size.y,
    })
}

fn without_time(view: &PhoneView) -> PhoneView {
    let mut view = view.clone();
    if let Some(q) = view.question.as_mut() {
        q.remaining_ms = 0;
    }
    view
}
