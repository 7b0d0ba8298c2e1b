//! Phones over loopback: the real phone server of a headless game, driven by WebSocket
//! clients on 127.0.0.1 (never any other address). Joining, answering, buzzing, coming
//! back with the seat token, a latecomer, a mixed party of keys and phones in both
//! formats, orders and numbers answered from phones, stakes on a final, pictures on phones,
//! and every kind of hostile input the server must shrug off with the game going on and
//! every score intact.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use defiant_trivia::core::game::{Format, Phase};
use defiant_trivia::core::round::Asked;
use defiant_trivia::core::seat::{Device, SeatId};
use defiant_trivia::game::input::bindings::KEY_GROUPS;
use defiant_trivia::game::round_setup::SetupChoices;
use defiant_trivia::game::screens::lobby::{Lobby, LobbyRow, OpenLobby};
use defiant_trivia::game::screens::title::{ResumeSummary, TitleAction};
use defiant_trivia::game::session::{ChosenPack, Session};
use defiant_trivia::game::states::Screen;
use defiant_trivia::phones::server::ServerConfig;
use defiant_trivia::phones::{PhoneOptions, Phones};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream as TokioTcp;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::common::*;

const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// A headless party in the lobby with phone play on, on a free loopback port.
struct Party {
    app: App,
    rt: tokio::runtime::Runtime,
    addr: SocketAddr,
    room: String,
}

type Ws = WebSocketStream<MaybeTlsStream<TokioTcp>>;

/// A phone: a WebSocket client, and the token it was given.
struct Phone {
    ws: Ws,
    token: String,
}

impl Party {
    /// A party on the shipped pack, with a round code whose first questions are choices
    /// (the pack has orders and numbers too).
    fn new(name: &str) -> Self {
        Self::tuned(name, |_| {})
    }

    /// [`Party::new`] with the server's limits changed by `tune`.
    fn tuned(name: &str, tune: fn(&mut ServerConfig)) -> Self {
        let data = temp_dir(name);
        let mut app = headless_app(&repo().join("quizzes"), &data, false);
        app.insert_resource(OpenLobby)
            .insert_resource(Phones::with_options(PhoneOptions {
                on: true,
                port: Some(0),
                bind: Some(LOOPBACK),
                handshake: Some(Duration::from_secs(2)),
                tune: Some(tune),
                ..default()
            }));
        wait_for_screen(&mut app, Screen::Lobby);
        choices_first(&mut app, 3);
        let phones = app.world().resource::<Phones>();
        let server = phones.server().expect("the phone server runs");
        let addr = server.local_addr();
        assert!(addr.ip().is_loopback());
        let room = server.room().to_string();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        Self {
            app,
            rt,
            addr,
            room,
        }
    }

    /// A party on `tests/packs/kinds.ron` (a choice, an order and a number), played in
    /// the order of a fixed round code, with neither speed nor streak bonus: every right
    /// answer is worth 1000.
    fn with_kinds(name: &str) -> Self {
        let mut party = Self::new(name);
        let pack = defiant_trivia::core::check_file(&repo().join("tests/packs/kinds.ron"))
            .pack
            .expect("the kinds pack is valid");
        let world = party.app.world_mut();
        world.insert_resource(ChosenPack {
            file_name: "kinds.ron".to_string(),
            pack,
        });
        world.resource_mut::<SetupChoices>().seed = 7;
        let mut lobby = world.resource_mut::<Lobby>();
        lobby.speed_bonus = false;
        lobby.streak_bonus = false;
        party.app.update();
        party
    }

    fn url(&self) -> String {
        format!("ws://{}/ws", self.addr)
    }

    /// Runs frames until `done` holds: at most ten (a second of game time), with no
    /// waiting between them. For what the game takes in by itself: keys pressed, and what
    /// the server has already queued for it (a phone's join is queued before its welcome is
    /// sent, a phone's messages before the pong that follows them: see [`Party::barrier`]).
    fn until(&mut self, what: &str, done: impl Fn(&Self) -> bool) {
        for _ in 0..10 {
            if done(self) {
                return;
            }
            self.app.update();
        }
        assert!(done(self), "ten frames and still not: {what}");
    }

    /// Runs frames until `done` holds, for up to five seconds: for what the server's
    /// threads do in their own time (noticing a connection closed).
    fn until_server(&mut self, what: &str, done: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while !done(self) {
            assert!(
                Instant::now() < deadline,
                "five seconds and still not: {what}"
            );
            self.app.update();
            std::thread::yield_now();
        }
    }

    /// Makes sure the game has taken in everything `phone` sent so far: the server answers
    /// a ping only after it has queued the phone's earlier messages for the game, and then
    /// a few frames take them in (the phones' inbox, then the game's commands). Views that
    /// arrive meanwhile are read and dropped.
    fn barrier(&mut self, phone: &mut Phone) {
        self.send(&mut phone.ws, r#"{"type":"ping"}"#);
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match self.next(&mut phone.ws, Duration::from_millis(200)) {
                Some(message) if message["type"] == "pong" => break,
                _ => assert!(Instant::now() < deadline, "no pong within five seconds"),
            }
        }
        frames(&mut self.app, 3);
    }

    /// Open sockets on the phone server, as it counts them.
    fn sockets(&self) -> usize {
        self.app
            .world()
            .resource::<Phones>()
            .server()
            .unwrap()
            .connected()
    }

    fn lobby(&self) -> &Lobby {
        self.app.world().resource::<Lobby>()
    }

    fn session(&self) -> &Session {
        self.app.world().resource::<Session>()
    }

    fn scores(&self) -> Vec<(SeatId, i64)> {
        self.session()
            .game
            .players()
            .iter()
            .map(|p| (p.seat.id, p.stats.score))
            .collect()
    }

    /// Asserts every score is what it was in `before` (a seat that joined since counts
    /// for nothing: its score must be 0).
    fn assert_scores_unchanged(&self, before: &[(SeatId, i64)]) {
        for (seat, score) in self.scores() {
            let was = before
                .iter()
                .find(|(s, _)| *s == seat)
                .map_or(0, |(_, b)| *b);
            assert_eq!(score, was, "{seat:?}'s score changed: {:?}", self.scores());
        }
    }

    /// Opens a WebSocket with the page's own Origin, from a loopback address of its own
    /// (as each phone on a home Wi-Fi has its own address).
    fn open(&self) -> Ws {
        self.open_from(next_source())
    }

    /// Opens a WebSocket with the page's own Origin from `source` (a loopback address).
    fn open_from(&self, source: IpAddr) -> Ws {
        self.try_open_from(source).expect("the WebSocket opens")
    }

    /// Opens a WebSocket from `source`, or the server's refusal.
    fn try_open_from(&self, source: IpAddr) -> Result<Ws, String> {
        let mut request = self.url().into_client_request().unwrap();
        let origin = format!("http://{}", self.addr);
        request
            .headers_mut()
            .insert("Origin", HeaderValue::from_str(&origin).unwrap());
        let addr = self.addr;
        self.rt.block_on(async move {
            let stream = connect_from(source, addr)
                .await
                .map_err(|e| e.to_string())?;
            tokio_tungstenite::client_async(request, MaybeTlsStream::Plain(stream))
                .await
                .map(|(ws, _)| ws)
                .map_err(|e| e.to_string())
        })
    }

    fn send(&self, ws: &mut Ws, text: &str) {
        let _ = self.rt.block_on(ws.send(Message::text(text)));
    }

    /// The next JSON message within `wait`, frames running meanwhile; `None` when the
    /// connection closed or nothing came.
    fn next(&mut self, ws: &mut Ws, wait: Duration) -> Option<Value> {
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline {
            self.app.update();
            let got = self.rt.block_on(async {
                tokio::time::timeout(Duration::from_millis(20), ws.next()).await
            });
            match got {
                Err(_) => continue, // nothing yet
                Ok(None) | Ok(Some(Err(_))) => return None,
                Ok(Some(Ok(Message::Text(t)))) => {
                    return Some(serde_json::from_str(t.as_str()).expect("JSON from the server"));
                }
                Ok(Some(Ok(Message::Close(_)))) => return None,
                Ok(Some(Ok(_))) => continue, // pings
            }
        }
        None
    }

    /// The next JSON message within `wait`, with no frame run (pings skipped); `None` when
    /// the connection closed or nothing came.
    fn read(&self, ws: &mut Ws, wait: Duration) -> Option<Value> {
        self.rt.block_on(async {
            let deadline = tokio::time::Instant::now() + wait;
            loop {
                match tokio::time::timeout_at(deadline, ws.next()).await {
                    Ok(Some(Ok(Message::Text(t)))) => {
                        return Some(serde_json::from_str(t.as_str()).expect("JSON"));
                    }
                    Ok(Some(Ok(Message::Ping(_) | Message::Pong(_)))) => continue,
                    _ => return None,
                }
            }
        })
    }

    /// Waits, with no frame run, until the server has queued for the game everything
    /// `phone` sent so far (it answers a ping only after that).
    fn queued(&self, phone: &mut Phone) {
        self.send(&mut phone.ws, r#"{"type":"ping"}"#);
        let pong = self.read(&mut phone.ws, Duration::from_secs(5));
        assert_eq!(pong.map(|p| p["type"].clone()), Some(json!("pong")));
    }

    /// Reads views until one satisfies `ready`.
    fn view_until(
        &mut self,
        phone: &mut Phone,
        what: &str,
        ready: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(message) = self.next(&mut phone.ws, Duration::from_millis(200))
                && message["type"] == "view"
                && ready(&message)
            {
                return message;
            }
        }
        panic!("no view: {what}");
    }

    /// The phone's view of question `q`'s reveal.
    fn reveal_view(&mut self, phone: &mut Phone, what: &str, q: usize) -> Value {
        self.view_until(phone, what, |v| {
            v["phase"] == "reveal" && v["question"]["index"] == q
        })
    }

    /// Whether the server closed `ws` (or it closes within `wait`).
    fn closed(&mut self, ws: &mut Ws, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline {
            self.app.update();
            match self.rt.block_on(async {
                tokio::time::timeout(Duration::from_millis(20), ws.next()).await
            }) {
                Err(_) => continue,
                Ok(None) | Ok(Some(Err(_))) | Ok(Some(Ok(Message::Close(_)))) => return true,
                Ok(Some(Ok(_))) => continue,
            }
        }
        false
    }

    fn join(&mut self, name: &str) -> Phone {
        self.join_from(next_source(), name)
    }

    fn join_from(&mut self, source: IpAddr, name: &str) -> Phone {
        let mut ws = self.open_from(source);
        let join = json!({"type": "join", "room": self.room.to_lowercase(), "name": name});
        self.send(&mut ws, &join.to_string());
        let welcome = self.next(&mut ws, Duration::from_secs(5)).expect("welcome");
        assert_eq!(welcome["type"], "welcome", "{welcome}");
        let token = welcome["token"].as_str().unwrap().to_string();
        assert_eq!(token.len(), 32);
        Phone { ws, token }
    }

    fn resume(&mut self, token: &str) -> Option<Phone> {
        let mut ws = self.open();
        self.send(
            &mut ws,
            &json!({"type": "resume", "token": token}).to_string(),
        );
        let reply = self.next(&mut ws, Duration::from_secs(5))?;
        (reply["type"] == "welcome").then(|| Phone {
            ws,
            token: token.to_string(),
        })
    }

    fn seat_named(&self, name: &str) -> SeatId {
        self.lobby()
            .seats
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("a seat named {name}"))
            .id
    }

    /// The host's Delete on `seat`'s card in the lobby.
    fn delete_card(&mut self, seat: SeatId) {
        let card = find_by::<defiant_trivia::game::screens::lobby::SeatCard>(&mut self.app, |c| {
            c.0 == seat
        })
        .expect("the seat's card");
        self.app
            .world_mut()
            .resource_mut::<defiant_trivia::game::menu::Focus>()
            .0 = Some(card);
        press_logical(&mut self.app, bevy::input::keyboard::Key::Delete);
    }

    fn click_row(&mut self, row: LobbyRow) {
        let entity = find_by::<LobbyRow>(&mut self.app, |r| *r == row).unwrap();
        click(&mut self.app, entity);
    }

    fn start(&mut self, format: Format) {
        if self.lobby().format != format {
            self.click_row(LobbyRow::Format);
        }
        self.click_row(LobbyRow::Start);
        wait_for_screen(&mut self.app, Screen::Question);
        update_until(&mut self.app, "the first question", |app| {
            app.world().resource::<Session>().game.phase() == Phase::Question
        });
    }

    fn question(&self) -> usize {
        self.session().game.current_index()
    }

    fn correct(&self) -> usize {
        self.session().game.current().correct
    }

    /// The open question's items in their right order (as shown, 0-based), on an order.
    fn right_order(&self) -> Vec<usize> {
        match &self.session().game.current().asked {
            Asked::Order { right, .. } => right.clone(),
            other => panic!("not an order question: {other:?}"),
        }
    }

    fn score_of(&self, seat: SeatId) -> i64 {
        self.session().game.player(seat).unwrap().stats.score
    }

    /// From the reveal on to the next question (through the scoreboard), with the host's
    /// Enter.
    fn next_question(&mut self) {
        let from = self.question();
        for _ in 0..10 {
            if self.session().game.phase() == Phase::Question && self.question() != from {
                return;
            }
            press(&mut self.app, KeyCode::Enter);
            frames(&mut self.app, 2);
        }
        panic!("no next question after {from}");
    }
}

/// A raw WebSocket upgrade request for `/ws` naming `host`, with `origin` if given.
fn upgrade_request(host: &str, origin: Option<&str>) -> String {
    let origin = origin.map_or(String::new(), |o| format!("Origin: {o}\r\n"));
    format!(
        "GET /ws HTTP/1.1\r\nHost: {host}\r\n{origin}Connection: Upgrade\r\n\
         Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    )
}

/// A loopback source address of its own for each phone: 127.0.1.2 and on (never any other
/// network). The server counts its shares per address, as a home Wi-Fi gives each phone
/// its own address; the tests' own attackers use 127.0.9.x.
fn next_source() -> IpAddr {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed) % (100 * 250);
    IpAddr::V4(Ipv4Addr::new(
        127,
        0,
        1 + (n / 250) as u8,
        2 + (n % 250) as u8,
    ))
}

/// A TCP connection to `addr` from the loopback address `source`.
async fn connect_from(source: IpAddr, addr: SocketAddr) -> std::io::Result<TokioTcp> {
    assert!(source.is_loopback() && addr.ip().is_loopback());
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source, 0))?;
    socket.connect(addr).await
}

/// Raw HTTP on loopback: the status line of a request, or `None` when the server closed
/// the connection without one.
fn http(addr: SocketAddr, request: &str) -> Option<String> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).to_string();
    (!text.is_empty()).then_some(text)
}

mod host;
mod hostile;
mod jam;
mod pictures;
mod play;
mod resume;
mod rounds;
mod wager;
