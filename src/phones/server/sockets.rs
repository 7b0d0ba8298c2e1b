//! One phone's WebSocket: it joins or resumes first (within the `auth` deadline), then its
//! answers (and its stake on a final) go to the game and its views come back, until it
//! leaves, misbehaves, is replaced by a newer connection of its seat, is removed by the
//! host, falls idle, or stops reading (every send has a deadline).

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message, WebSocket};

use super::Inbound;
use super::hub::{Hub, Share};
use crate::core::command::{Arrangement, SeatAction};
use crate::core::phone::{RateLimit, ToGame, ToPhone};
use crate::core::seat::SeatId;

/// Sends one message within the hub's send deadline; `false` when it failed or the
/// phone stopped reading (its connection is then dropped).
async fn send_within(ws: &mut WebSocket, hub: &Hub, message: Message) -> bool {
    matches!(
        tokio::time::timeout(hub.config.send_deadline, ws.send(message)).await,
        Ok(Ok(()))
    )
}

async fn close(ws: &mut WebSocket, hub: &Hub, code: u16, reason: &'static str) {
    let frame = Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }));
    send_within(ws, hub, frame).await;
}

/// Close codes: policy violation, message too big.
const POLICY: u16 = 1008;

async fn send(ws: &mut WebSocket, hub: &Hub, message: &ToPhone) -> bool {
    send_within(ws, hub, Message::Text(message.to_json().into())).await
}

/// One phone's connection from `ip`, from its first message to its end. `pending` is
/// its place among the sockets that have not said who they are: given back once seated.
pub(super) async fn session(mut ws: WebSocket, hub: &Hub, ip: IpAddr, pending: Share) {
    let first = tokio::time::timeout(hub.config.auth, ws.recv()).await;
    let Ok(Some(Ok(Message::Text(first)))) = first else {
        return close(&mut ws, hub, POLICY, "join or resume first").await;
    };
    // Joined or resumed: a seat, its token, its name and this connection's number.
    let seated = match ToGame::parse(first.as_str()) {
        Some(ToGame::Join { room, name }) => hub
            .join(&room, &name, ip)
            .map(|(seat, token, name, generation)| (seat, token.to_string(), name, generation)),
        Some(ToGame::Resume { token }) => hub
            .resume(&token)
            .map(|(seat, name, generation)| (seat, token, name, generation)),
        _ => return close(&mut ws, hub, POLICY, "join or resume first").await,
    };
    drop(pending);
    let (seat, generation) = match seated {
        Ok((seat, token, name, generation)) => {
            if !send(&mut ws, hub, &ToPhone::Welcome { token, name }).await {
                hub.left(seat, generation);
                return;
            }
            (seat, generation)
        }
        Err(refused) => {
            send(&mut ws, hub, &refused).await;
            return close(&mut ws, hub, POLICY, "refused").await;
        }
    };
    play(&mut ws, hub, seat, generation).await;
    hub.left(seat, generation);
}

/// Why a session ended.
enum End {
    Gone,
    Misbehaved(&'static str),
    Replaced,
    Kicked,
    Idle,
}

async fn play(ws: &mut WebSocket, hub: &Hub, seat: SeatId, generation: u64) {
    let mut views = hub.views.clone();
    views.mark_changed();
    let mut replaced = hub.replaced.subscribe();
    let mut limit = RateLimit::new(
        hub.config.burst,
        hub.config.per_second,
        hub.started.elapsed(),
    );
    let mut last: Option<Arc<str>> = None;
    let mut ping = tokio::time::interval(Duration::from_secs(15));
    ping.tick().await;
    let idle = tokio::time::sleep(hub.config.idle);
    tokio::pin!(idle);
    let end = loop {
        tokio::select! {
            message = ws.recv() => {
                let at = Instant::now();
                let Some(Ok(message)) = message else { break End::Gone };
                idle.as_mut().reset(tokio::time::Instant::now() + hub.config.idle);
                if !limit.allow(at.duration_since(hub.started)) {
                    break End::Misbehaved("too many messages");
                }
                let text = match message {
                    Message::Text(text) => text,
                    Message::Ping(_) | Message::Pong(_) => continue,
                    Message::Close(_) => break End::Gone,
                    Message::Binary(_) => break End::Misbehaved("text only"),
                };
                let action = match ToGame::parse(text.as_str()) {
                    Some(ToGame::Answer { question, option }) => (question, SeatAction::Answer(option)),
                    Some(ToGame::Buzz { question }) => (question, SeatAction::Buzz),
                    Some(ToGame::Order { question, items }) => {
                        let items: Vec<usize> = items.into_iter().map(usize::from).collect();
                        match Arrangement::new(&items) {
                            Some(order) => (question, SeatAction::Order(order)),
                            None => break End::Misbehaved("not an order"),
                        }
                    }
                    Some(ToGame::Number { question, value }) => (question, SeatAction::Number(value)),
                    Some(ToGame::Stake { question, points }) => (question, SeatAction::Stake(points)),
                    Some(ToGame::Ping) => {
                        if !send(ws, hub, &ToPhone::Pong).await {
                            break End::Gone;
                        }
                        continue;
                    }
                    // Joining twice, or anything else: not a phone behaving.
                    _ => break End::Misbehaved("unexpected message"),
                };
                hub.send(Inbound::Act { seat, question: action.0, action: action.1, at });
            }
            changed = views.changed() => {
                if changed.is_err() {
                    break End::Gone; // the server is stopping
                }
                let now = views.borrow_and_update().clone();
                if let Some(view) = now.views.get(&seat)
                    && last.as_ref() != Some(view)
                {
                    if !send_within(ws, hub, Message::Text(view.to_string().into())).await {
                        break End::Gone;
                    }
                    last = Some(view.clone());
                }
            }
            _ = replaced.changed() => {
                if hub.roster().kicked.contains(&seat) {
                    break End::Kicked;
                }
                if !hub.current(seat, generation) {
                    break End::Replaced;
                }
            }
            _ = ping.tick() => {
                if !send_within(ws, hub, Message::Ping(Default::default())).await {
                    break End::Gone;
                }
            }
            () = &mut idle => break End::Idle,
        }
    };
    let (code, reason) = match end {
        End::Gone => return,
        End::Misbehaved(why) => (POLICY, why),
        End::Replaced => (4000, "opened elsewhere"),
        End::Kicked => {
            send(ws, hub, &ToPhone::Kicked).await;
            (4001, "removed by the host")
        }
        End::Idle => (1001, "idle"),
    };
    close(ws, hub, code, reason).await;
}
