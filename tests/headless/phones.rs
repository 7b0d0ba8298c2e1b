//! Phones over loopback: the real phone server of a headless game, driven by WebSocket
//! clients on 127.0.0.1 (never any other address). Joining, answering, buzzing, coming
//! back with the seat token, a latecomer, a mixed party of keys and phones in both
//! formats, orders and numbers answered from phones, and every kind of hostile input the
//! server must shrug off with the game going on and every score intact.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use defiant_trivia::core::game::{Format, Phase};
use defiant_trivia::core::round::Asked;
use defiant_trivia::core::seat::{Device, SeatId};
use defiant_trivia::game::input::bindings::KEY_GROUPS;
use defiant_trivia::game::screens::lobby::{Lobby, LobbyRow, OpenLobby};
use defiant_trivia::game::screens::setup::SetupChoices;
use defiant_trivia::game::screens::title::{ResumeSummary, TitleAction};
use defiant_trivia::game::session::{ChosenPack, Session};
use defiant_trivia::game::states::Screen;
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
        let data = temp_dir(name);
        let mut app = headless_app(&repo().join("quizzes"), &data, false);
        app.insert_resource(OpenLobby)
            .insert_resource(Phones::with_options(PhoneOptions {
                on: true,
                port: Some(0),
                bind: Some(LOOPBACK),
                handshake: Some(Duration::from_secs(2)),
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

    /// Opens a WebSocket with the page's own Origin.
    fn open(&self) -> Ws {
        let mut request = self.url().into_client_request().unwrap();
        let origin = format!("http://{}", self.addr);
        request
            .headers_mut()
            .insert("Origin", HeaderValue::from_str(&origin).unwrap());
        let (ws, _) = self
            .rt
            .block_on(tokio_tungstenite::connect_async(request))
            .expect("the WebSocket opens");
        ws
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
        let mut ws = self.open();
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

#[test]
fn two_keys_and_three_phones_play_an_everyone_answers_round() {
    let mut party = Party::new("phones-mixed");
    // Two keyboard seats join with their buzz keys.
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz, KEY_GROUPS[1].buzz]);
    party.until("two key seats", |p| p.lobby().seats.len() == 2);
    // Three phones join; two type the same name.
    let mut ana = party.join("Ana");
    let mut ana2 = party.join("  ana ");
    let mut bo = party.join("Bo\u{202E}b");
    party.until("five seats", |p| p.lobby().seats.len() == 5);
    let seats = &party.lobby().seats;
    assert_eq!(seats.len(), 5, "{seats:?}");
    assert_eq!(
        seats.iter().filter(|s| s.device == Device::Phone).count(),
        3
    );
    let ana_seat = party.seat_named("Ana");
    let ana2_seat = party.seat_named("ana 2");
    let bo_seat = party.seat_named("Bob");
    let lobby_view = party.view_until(&mut ana2, "lobby", |v| {
        v["phase"] == "lobby" && v["players"] == 5
    });
    assert_eq!(lobby_view["name"], "ana 2");
    assert_eq!(lobby_view["players"], 5);

    // Everyone answers: the phones see the question with no right answer in it.
    party.start(Format::EveryoneAnswers);
    let q = party.question();
    let right = party.correct();
    let wrong = (right + 1) % party.session().game.current().options.len();
    let view = party.view_until(&mut ana, "a question", |v| v["you"] == "choose");
    assert_eq!(view["question"]["index"], q);
    let text = view.to_string();
    assert!(!text.contains(&party.session().game.current().explanation));
    // Keys: group 0 right, group 1 wrong; phones: Ana right, ana 2 wrong, Bob right.
    press_together(
        &mut party.app,
        &[KEY_GROUPS[0].answers[right], KEY_GROUPS[1].answers[wrong]],
    );
    for (phone, option) in [(&mut ana, right), (&mut ana2, wrong)] {
        party.send(
            &mut phone.ws,
            &json!({"type": "answer", "question": q, "option": option}).to_string(),
        );
    }
    let locked = party.view_until(&mut ana, "locked in", |v| v["you"] == "locked");
    assert_eq!(locked["locked"], right);
    assert_eq!(
        party.session().game.phase(),
        Phase::Question,
        "Bob has not answered"
    );
    party.send(
        &mut bo.ws,
        &json!({"type": "answer", "question": q, "option": right}).to_string(),
    );
    let reveal = party.view_until(&mut bo, "the reveal", |v| v["phase"] == "reveal");
    assert_eq!(reveal["result"]["correct"], true);
    assert_eq!(reveal["result"]["right"], right);
    let bob_score = party.session().game.player(bo_seat).unwrap().stats.score;
    assert!(bob_score > 0);
    assert_eq!(reveal["score"], bob_score);
    let ana2_reveal = party.view_until(&mut ana2, "ana 2's reveal", |v| v["phase"] == "reveal");
    assert_eq!(ana2_reveal["result"]["correct"], false);
    assert_eq!(ana2_reveal["score"], 0);

    // The keyboard seats were scored by the same rules.
    let keys: Vec<i64> = party
        .session()
        .game
        .players()
        .iter()
        .filter(|p| matches!(p.seat.device, Device::Keys(_)))
        .map(|p| p.stats.score)
        .collect();
    assert_eq!(keys.len(), 2);
    assert!(keys[0] > 0 && keys[1] == 0, "{keys:?}");
    let ana_score = party.session().game.player(ana_seat).unwrap().stats.score;
    assert!(ana_score > 0);
    assert_eq!(
        party.session().game.player(ana2_seat).unwrap().stats.score,
        0
    );
}

#[test]
fn a_phone_comes_back_to_the_same_seat_and_score_after_a_drop() {
    let mut party = Party::new("phones-reconnect");
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz]);
    let mut ana = party.join("Ana");
    party.until("two seats", |p| p.lobby().seats.len() == 2);
    let ana_seat = party.seat_named("Ana");
    party.start(Format::EveryoneAnswers);
    let q = party.question();
    let right = party.correct();
    party.view_until(&mut ana, "question", |v| v["you"] == "choose");
    party.send(
        &mut ana.ws,
        &json!({"type": "answer", "question": q, "option": right}).to_string(),
    );
    press_together(&mut party.app, &[KEY_GROUPS[0].answers[right]]);
    let reveal = party.view_until(&mut ana, "reveal", |v| v["phase"] == "reveal");
    let score = reveal["score"].as_i64().unwrap();
    assert!(score > 0);

    // The connection drops: away on the TV, seat and score kept.
    let token = ana.token.clone();
    drop(ana);
    update_until(&mut party.app, "Ana away", |app| {
        app.world()
            .resource::<Session>()
            .game
            .player(ana_seat)
            .unwrap()
            .away
    });
    // A wrong token is refused; the seat is still held.
    assert!(party.resume("0123456789abcdef0123456789abcdef").is_none());
    assert!(party.resume(&token[..31]).is_none());
    // Back with her token: the same seat, the same score, the current state.
    let mut back = party.resume(&token).expect("resumed");
    let view = party.view_until(&mut back, "caught up", |v| v["phase"] == "reveal");
    assert_eq!(view["name"], "Ana");
    assert_eq!(view["score"], score);
    update_until(&mut party.app, "Ana back", |app| {
        !app.world()
            .resource::<Session>()
            .game
            .player(ana_seat)
            .unwrap()
            .away
    });
    // A second connection with the same token replaces the first, which is closed.
    let mut again = party.resume(&token).expect("resumed twice");
    assert!(party.closed(&mut back.ws, Duration::from_secs(5)));
    party.view_until(&mut again, "the new connection sees the game", |v| {
        v["score"] == score
    });
    assert_eq!(
        party.session().game.player(ana_seat).unwrap().stats.score,
        score
    );
    assert!(!party.session().game.player(ana_seat).unwrap().away);

    // A phone joining during a question waits for the next one.
    // On to the next question (through the scoreboard).
    for _ in 0..10 {
        if party.session().game.phase() == Phase::Question {
            break;
        }
        press(&mut party.app, KeyCode::Enter);
        frames(&mut party.app, 2);
    }
    assert_eq!(party.session().game.phase(), Phase::Question);
    assert_eq!(party.question(), 1);
    let mut late = party.join("Late");
    let view = party.view_until(&mut late, "waiting", |v| v["you"] == "waiting");
    assert_eq!(view["phase"], "question");
    let late_seat = party.seat_named("Late");
    let q = party.question();
    party.send(
        &mut late.ws,
        &json!({"type": "answer", "question": q, "option": 0}).to_string(),
    );
    party.barrier(&mut late);
    assert_eq!(
        party.session().game.player(late_seat).unwrap().stats.score,
        0
    );
    assert!(!party.session().game.has_answered(late_seat));
}

#[test]
fn buzz_in_with_phones_and_keys() {
    let mut party = Party::new("phones-buzz");
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz, KEY_GROUPS[1].buzz]);
    let mut ana = party.join("Ana");
    let mut bo = party.join("Bo");
    let mut cy = party.join("Cy");
    party.until("five seats", |p| p.lobby().seats.len() == 5);
    let ana_seat = party.seat_named("Ana");
    party.start(Format::BuzzIn);
    // Reading time: a phone buzzing now is a false start and is locked out for a while.
    let q = party.question();
    let right = party.correct();
    let view = party.view_until(&mut cy, "reading", |v| v["you"] == "reading");
    assert_eq!(view["question"]["buzz_in"], true);
    party.send(
        &mut cy.ws,
        &json!({"type": "buzz", "question": q}).to_string(),
    );
    party.view_until(&mut cy, "false start", |v| v["you"] == "locked_out");
    // Buzzing opens; Ana buzzes first and answers right.
    party.view_until(&mut ana, "buzzing open", |v| v["you"] == "buzz");
    party.send(
        &mut ana.ws,
        &json!({"type": "buzz", "question": q}).to_string(),
    );
    party.view_until(&mut ana, "answer now", |v| v["you"] == "answer");
    party.view_until(&mut bo, "someone else answers", |v| v["you"] == "other");
    // A key buzz now changes nothing.
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz]);
    party.send(
        &mut ana.ws,
        &json!({"type": "answer", "question": q, "option": right}).to_string(),
    );
    let reveal = party.view_until(&mut ana, "reveal", |v| v["phase"] == "reveal");
    assert_eq!(reveal["result"]["correct"], true);
    assert!(reveal["score"].as_i64().unwrap() > 0);
    assert_eq!(reveal["rank"], 1);
    assert_eq!(
        party.session().game.player(ana_seat).unwrap().stats.score,
        reveal["score"].as_i64().unwrap()
    );
    // Bob's view says he was not the one.
    let bo_view = party.view_until(&mut bo, "Bob's reveal", |v| v["phase"] == "reveal");
    assert_eq!(bo_view["score"], 0);
}

#[test]
fn hostile_phones_lose_their_connection_and_the_game_goes_on() {
    let mut party = Party::new("phones-hostile");
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz]);
    let mut ana = party.join("Ana");
    party.until("two seats", |p| p.lobby().seats.len() == 2);
    party.start(Format::EveryoneAnswers);
    let q = party.question();
    let right = party.correct();
    party.view_until(&mut ana, "question", |v| v["you"] == "choose");
    let before = party.scores();
    let same = |party: &Party| {
        party.scores().iter().all(|(seat, score)| {
            before
                .iter()
                .find(|(s, _)| s == seat)
                .map_or(*score == 0, |(_, b)| b == score)
        })
    };

    // Malformed JSON, a host command, a message naming another seat, a binary frame,
    // joining twice: each closes that connection, and nothing changes.
    for bad in [
        "{not json",
        r#"{"type":"host","action":"End"}"#,
        r#"{"type":"answer","question":0,"option":0,"seat":0}"#,
        r#"{"type":"join","room":"ABCD","name":"Again"}"#,
    ] {
        let mut phone = party.join("Mallory");
        party.send(&mut phone.ws, bad);
        assert!(
            party.closed(&mut phone.ws, Duration::from_secs(5)),
            "{bad} closes the connection"
        );
    }
    {
        let mut phone = party.join("Binary");
        let _ = party
            .rt
            .block_on(phone.ws.send(Message::Binary(vec![0u8; 16].into())));
        assert!(party.closed(&mut phone.ws, Duration::from_secs(5)));
    }
    // A 1 MiB message.
    {
        let mut phone = party.join("Big");
        let big = format!(
            r#"{{"type":"answer","question":{q},"option":0,"x":"{}"}}"#,
            "x".repeat(1 << 20)
        );
        party.send(&mut phone.ws, &big);
        assert!(party.closed(&mut phone.ws, Duration::from_secs(5)));
    }
    // A flood: more messages than the rate allows.
    {
        let mut phone = party.join("Flood");
        for _ in 0..200 {
            party.send(&mut phone.ws, r#"{"type":"ping"}"#);
        }
        assert!(party.closed(&mut phone.ws, Duration::from_secs(5)));
    }
    // Out-of-range options, a stale question and a double answer count for nothing.
    party.send(
        &mut ana.ws,
        &json!({"type": "answer", "question": q, "option": 9}).to_string(),
    );
    party.send(
        &mut ana.ws,
        &json!({"type": "answer", "question": q + 5, "option": right}).to_string(),
    );
    party.barrier(&mut ana);
    assert!(same(&party));
    assert_eq!(party.session().game.phase(), Phase::Question);

    // Foreign Host and Origin headers: refused before any WebSocket opens.
    let upgrade = |host: &str, origin: &str| {
        format!(
            "GET /ws HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nConnection: Upgrade\r\n\
             Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
        )
    };
    let addr = party.addr;
    let own = format!("http://{addr}");
    let rebinding = http(
        addr,
        &upgrade("evil.example:7878", "http://evil.example:7878"),
    )
    .unwrap();
    assert!(rebinding.starts_with("HTTP/1.1 421"), "{rebinding}");
    let foreign = http(addr, &upgrade(&addr.to_string(), "http://evil.example")).unwrap();
    assert!(foreign.starts_with("HTTP/1.1 403"), "{foreign}");
    let ok = http(addr, &upgrade(&addr.to_string(), &own)).unwrap();
    assert!(ok.starts_with("HTTP/1.1 101"), "{ok}");
    // The page: only the embedded file; no path reaches the disk.
    let page = http(
        addr,
        &format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
    .unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("Content-Security-Policy") || page.contains("content-security-policy"));
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/page.html",
        "/src/phones/page.html",
    ] {
        let r = http(
            addr,
            &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
        )
        .unwrap_or_default();
        assert!(!r.starts_with("HTTP/1.1 200"), "{path}: {r}");
        assert!(!r.contains("[package]"));
    }
    let page = http(
        addr,
        "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    assert!(page.starts_with("HTTP/1.1 421"), "{page}");

    // A slow client that never finishes its headers is cut off.
    let mut slow = TcpStream::connect(addr).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 256];
    let read = slow.read(&mut buf);
    assert!(
        matches!(read, Ok(0)) && started.elapsed() < Duration::from_secs(5),
        "the slow client is disconnected"
    );
    // A WebSocket that never says who it is is closed too.
    let mut silent = party.open();
    assert!(party.closed(&mut silent, Duration::from_secs(5)));

    // Ana's page pings now and then, as the real page does every 15 s.
    party.send(&mut ana.ws, r#"{"type":"ping"}"#);
    // 64 connections at most: the 65th is refused, the party goes on.
    let mut open = Vec::new();
    for _ in 0..63 {
        open.push(party.open());
    }
    party.until_server("64 sockets open", |p| p.sockets() >= 64);
    assert_eq!(party.sockets(), 64);
    let refused = http(addr, &upgrade(&addr.to_string(), &own)).unwrap();
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
    drop(open);
    party.until_server("the 63 sockets closed", |p| p.sockets() == 1);

    // Through it all: Ana still plays, and every score is what it was (the hostile
    // phones' own seats joined and scored nothing).
    assert!(same(&party), "{:?}", party.scores());
    party.send(
        &mut ana.ws,
        &json!({"type": "answer", "question": q, "option": right}).to_string(),
    );
    party.view_until(&mut ana, "Ana locked in", |v| v["you"] == "locked");
    press_together(&mut party.app, &[KEY_GROUPS[0].answers[right]]);
    let reveal = party.view_until(&mut ana, "reveal", |v| v["phase"] == "reveal");
    assert!(reveal["score"].as_i64().unwrap() > 0);
}

#[test]
fn phones_answer_an_order_and_a_number_and_score_by_their_rules() {
    let mut party = Party::with_kinds("phones-kinds");
    let mut ana = party.join("Ana");
    let mut bo = party.join("Bo");
    let mut cy = party.join("Cy");
    party.until("three seats", |p| p.lobby().seats.len() == 3);
    let (ana_seat, bo_seat, cy_seat) = (
        party.seat_named("Ana"),
        party.seat_named("Bo"),
        party.seat_named("Cy"),
    );
    let seats = [ana_seat, bo_seat, cy_seat];
    // A buzz-in party: its orders and numbers are everyone-answers questions all the same.
    party.start(Format::BuzzIn);
    assert_eq!(party.session().game.questions().len(), 3);
    let mut done = Vec::new();
    for _ in 0..3 {
        let q = party.question();
        let before: Vec<i64> = seats.iter().map(|&s| party.score_of(s)).collect();
        let gained = |party: &Party| -> Vec<i64> {
            seats
                .iter()
                .zip(&before)
                .map(|(&s, b)| party.score_of(s) - b)
                .collect()
        };
        match party.session().game.current().asked.clone() {
            Asked::Order { right, .. } => {
                // Every phone is asked to tap the items: no reading time, no buzzer.
                let view = party.view_until(&mut ana, "the order", |v| {
                    v["question"]["index"] == q && v["you"] == "choose"
                });
                let question = &view["question"];
                assert_eq!(question["kind"], "order", "{view}");
                assert_eq!(question["buzz_in"], false);
                assert_eq!(question["options"], 4);
                assert_eq!(question["first"], "Closest");
                assert_eq!(question["last"], "Farthest");
                let text = view.to_string();
                assert!(
                    !text.contains("right") && !text.contains("Mercury"),
                    "no answer before the reveal: {text}"
                );
                assert_eq!(right.len(), 4);
                let mut swapped = right.clone();
                swapped.swap(2, 3);
                let reversed: Vec<usize> = right.iter().rev().copied().collect();
                // Ana puts them right, Bo swaps the last two, Cy reverses them.
                for (phone, items) in [(&mut ana, &right), (&mut bo, &swapped)] {
                    party.send(
                        &mut phone.ws,
                        &json!({"type": "order", "question": q, "items": items}).to_string(),
                    );
                }
                let locked =
                    party.view_until(&mut ana, "Ana's order locked in", |v| v["you"] == "locked");
                assert_eq!(locked["locked_order"], json!(right));
                assert_eq!(locked["locked"], Value::Null);
                assert_eq!(party.session().game.phase(), Phase::Question, "Cy thinks");
                party.send(
                    &mut cy.ws,
                    &json!({"type": "order", "question": q, "items": reversed}).to_string(),
                );
                let reveal = party.reveal_view(&mut bo, "Bo's reveal", q);
                let r = &reveal["result"];
                assert_eq!(r["kind"], "order");
                assert_eq!((&r["correct"], &r["partly"]), (&json!(false), &json!(true)));
                assert_eq!(r["points"], 250, "two of four in place: a quarter");
                assert_eq!(r["right_order"], json!(right));
                assert_eq!(r["given_order"], json!(swapped));
                assert_eq!(r["right_text"], "Mercury → Venus → Earth → Mars");
                let letters: Vec<String> = swapped
                    .iter()
                    .map(|&i| char::from(b'A' + i as u8).to_string())
                    .collect();
                assert_eq!(r["given"], letters.join(", "));
                assert_eq!(r["right"], Value::Null);
                let cy_view = party.reveal_view(&mut cy, "Cy's reveal", q);
                assert_eq!(
                    (&cy_view["result"]["correct"], &cy_view["result"]["partly"]),
                    (&json!(false), &json!(false))
                );
                let ana_view = party.reveal_view(&mut ana, "Ana's reveal", q);
                assert_eq!(ana_view["result"]["correct"], true);
                assert_eq!(gained(&party), [1000, 250, 0]);
                done.push("order");
            }
            Asked::Number { .. } => {
                let view = party.view_until(&mut bo, "the number", |v| {
                    v["question"]["index"] == q && v["you"] == "choose"
                });
                let question = &view["question"];
                assert_eq!(question["kind"], "number", "{view}");
                assert_eq!(question["buzz_in"], false);
                assert_eq!(
                    (&question["unit"], &question["decimals"]),
                    (&json!("days"), &json!(0))
                );
                assert!(!view.to_string().contains("687"), "{view}");
                // 687 days, within 10: Ana is 3 off (right, and closest: all of it); Bo
                // is 13 off (alone 87/90 of it, but not closest: at most half); Cy is
                // past the limit of 100 off (nothing).
                for (phone, value) in [
                    (&mut ana, json!(690)),
                    (&mut bo, json!(700.0)),
                    (&mut cy, json!(-800)),
                ] {
                    party.send(
                        &mut phone.ws,
                        &json!({"type": "number", "question": q, "value": value}).to_string(),
                    );
                }
                let reveal = party.reveal_view(&mut ana, "Ana's reveal", q);
                let r = &reveal["result"];
                assert_eq!(r["kind"], "number");
                assert_eq!((&r["correct"], &r["partly"]), (&json!(true), &json!(false)));
                assert_eq!(r["right_text"], "687 days");
                assert_eq!(r["given"], "690 days");
                let bo_view = party.reveal_view(&mut bo, "Bo's reveal", q);
                let r = &bo_view["result"];
                assert_eq!(
                    (&r["correct"], &r["partly"], &r["points"]),
                    (&json!(false), &json!(true), &json!(500))
                );
                let cy_view = party.reveal_view(&mut cy, "Cy's reveal", q);
                assert_eq!(cy_view["result"]["given"], "-800 days");
                assert_eq!(cy_view["result"]["points"], 0);
                assert_eq!(gained(&party), [1000, 500, 0]);
                done.push("number");
            }
            Asked::Choice => {
                // A choice in a buzz-in party stays buzz-in: Cy buzzes and answers right.
                let right = party.correct();
                party.view_until(&mut cy, "buzzing open", |v| {
                    v["question"]["index"] == q && v["you"] == "buzz"
                });
                party.send(
                    &mut cy.ws,
                    &json!({"type": "buzz", "question": q}).to_string(),
                );
                party.view_until(&mut cy, "answer now", |v| v["you"] == "answer");
                party.send(
                    &mut cy.ws,
                    &json!({"type": "answer", "question": q, "option": right}).to_string(),
                );
                let reveal = party.reveal_view(&mut cy, "Cy's reveal", q);
                assert_eq!(reveal["result"]["kind"], "choice");
                assert_eq!(reveal["result"]["right"], right);
                assert_eq!(gained(&party), [0, 0, 1000]);
                done.push("choice");
            }
        }
        if party.question() + 1 < 3 {
            party.next_question();
        }
    }
    done.sort();
    assert_eq!(done, ["choice", "number", "order"]);
    let scores: Vec<i64> = seats.iter().map(|&s| party.score_of(s)).collect();
    assert_eq!(scores, [2000, 750, 1000]);
}

#[test]
fn a_phone_sending_a_bad_order_or_number_loses_its_connection_and_nothing_else_changes() {
    let mut party = Party::with_kinds("phones-kinds-hostile");
    let mut ana = party.join("Ana");
    let mut bo = party.join("Bo");
    party.until("two seats", |p| p.lobby().seats.len() == 2);
    party.start(Format::EveryoneAnswers);
    // On to the order question (answering the others on the way).
    while !matches!(party.session().game.current().asked, Asked::Order { .. }) {
        let q = party.question();
        party.view_until(&mut ana, "a question", |v| {
            v["question"]["index"] == q && v["you"] == "choose"
        });
        let answer = match party.session().game.current().asked {
            Asked::Number { .. } => json!({"type": "number", "question": q, "value": 1}),
            _ => json!({"type": "answer", "question": q, "option": 0}),
        };
        party.send(&mut ana.ws, &answer.to_string());
        party.send(&mut bo.ws, &answer.to_string());
        party.reveal_view(&mut ana, "the reveal", q);
        party.next_question();
    }
    let q = party.question();
    let right = party.right_order();
    party.view_until(&mut ana, "the order", |v| {
        v["question"]["index"] == q && v["you"] == "choose"
    });
    let before = party.scores();
    let same = |party: &Party| {
        party.scores().iter().all(|(seat, score)| {
            before
                .iter()
                .find(|(s, _)| s == seat)
                .map_or(*score == 0, |(_, b)| b == score)
        })
    };
    let q = q as u64;
    for bad in [
        // An item twice, seven items, an item that cannot be, items as text.
        format!(r#"{{"type":"order","question":{q},"items":[0,0,1,2]}}"#),
        format!(r#"{{"type":"order","question":{q},"items":[0,1,2,3,4,5,6]}}"#),
        format!(r#"{{"type":"order","question":{q},"items":[0,1,2,9]}}"#),
        format!(r#"{{"type":"order","question":{q},"items":"0,1,2,3"}}"#),
        format!(r#"{{"type":"order","question":{q},"items":["A","B","C","D"]}}"#),
        // Not a number: NaN, infinity (1e999 overflows), text, too big.
        format!(r#"{{"type":"number","question":{q},"value":NaN}}"#),
        format!(r#"{{"type":"number","question":{q},"value":1e999}}"#),
        format!(r#"{{"type":"number","question":{q},"value":"1992"}}"#),
        format!(r#"{{"type":"number","question":{q},"value":1e300}}"#),
    ] {
        let mut phone = party.join("Mallory");
        party.send(&mut phone.ws, &bad);
        assert!(
            party.closed(&mut phone.ws, Duration::from_secs(5)),
            "{bad} closes the connection"
        );
    }
    // Well-formed but not an answer to this question: three of the four items, a number
    // for an order, a choice for an order. Nothing counts, and the connection stays.
    for wrong in [
        json!({"type": "order", "question": q, "items": [2, 0, 1]}),
        json!({"type": "number", "question": q, "value": 3}),
        json!({"type": "answer", "question": q, "option": 1}),
    ] {
        party.send(&mut ana.ws, &wrong.to_string());
    }
    party.barrier(&mut ana);
    assert!(same(&party), "{:?}", party.scores());
    assert_eq!(party.session().game.phase(), Phase::Question);
    let ana_seat = party.seat_named("Ana");
    assert!(!party.session().game.has_answered(ana_seat));
    // Ana still plays: her order counts, once.
    party.send(
        &mut ana.ws,
        &json!({"type": "order", "question": q, "items": right}).to_string(),
    );
    party.view_until(&mut ana, "Ana locked in", |v| v["you"] == "locked");
    // The hostile seats are away (their connections closed): the question closes once Bo
    // has answered too.
    let mut reversed = right.clone();
    reversed.reverse();
    party.send(
        &mut bo.ws,
        &json!({"type": "order", "question": q, "items": reversed}).to_string(),
    );
    let reveal = party.reveal_view(&mut ana, "the reveal", q as usize);
    assert_eq!(reveal["result"]["correct"], true);
    assert_eq!(
        party.score_of(ana_seat),
        before.iter().find(|(s, _)| *s == ana_seat).unwrap().1 + 1000
    );
}

#[test]
fn the_host_kicks_renames_and_locks_the_room() {
    let mut party = Party::new("phones-host");
    let mut ana = party.join("Ana");
    let mut bo = party.join("Bo");
    party.until("two seats", |p| p.lobby().seats.len() == 2);
    let ana_seat = party.seat_named("Ana");
    // The host console (F7) shows the join address and room, and locks and opens the room.
    press_logical(&mut party.app, bevy::input::keyboard::Key::F7);
    let console_join = |app: &mut App| {
        let mut texts = app.world_mut().query::<&Text>();
        texts
            .iter(app.world())
            .map(|t| t.0.clone())
            .find(|t| t.starts_with("Phones join at http://"))
            .unwrap_or_default()
    };
    let line = console_join(&mut party.app);
    assert!(line.contains(&format!("room {}", party.room)), "{line}");
    assert!(
        line.contains("2 connected") && line.ends_with("room open"),
        "{line}"
    );
    use defiant_trivia::game::console::view::ConsoleAction;
    let lock = find_by::<ConsoleAction>(&mut party.app, |a| *a == ConsoleAction::LockRoom).unwrap();
    click(&mut party.app, lock);
    assert!(
        party
            .app
            .world()
            .resource::<defiant_trivia::phones::Phones>()
            .locked
    );
    assert!(console_join(&mut party.app).ends_with("room locked"));
    let open = find_by::<ConsoleAction>(&mut party.app, |a| *a == ConsoleAction::LockRoom).unwrap();
    click(&mut party.app, open);
    assert!(
        !party
            .app
            .world()
            .resource::<defiant_trivia::phones::Phones>()
            .locked
    );
    // Lock the room: no new seat, but Bo comes back.
    party.click_row(LobbyRow::PhoneRoom);
    let mut ws = party.open();
    let join = json!({"type": "join", "room": party.room, "name": "Cy"});
    party.send(&mut ws, &join.to_string());
    let refused = party.next(&mut ws, Duration::from_secs(5)).unwrap();
    assert_eq!(refused["type"], "refused");
    let token = bo.token.clone();
    let bo_seat = party.seat_named("Bo");
    drop(bo);
    party.until_server("Bo's page gone", |p| {
        !p.app
            .world()
            .resource::<Phones>()
            .connected
            .contains(&bo_seat)
    });
    bo = party
        .resume(&token)
        .expect("a seated phone comes back into a locked room");
    party.view_until(&mut bo, "Bo's view", |v| v["name"] == "Bo");
    party.click_row(LobbyRow::PhoneRoom);
    // A wrong room code is refused.
    let mut ws = party.open();
    party.send(
        &mut ws,
        &json!({"type": "join", "room": "QQQQ", "name": "Dee"}).to_string(),
    );
    assert_eq!(
        party.next(&mut ws, Duration::from_secs(5)).unwrap()["type"],
        "refused"
    );

    // Kick Ana from her card (Delete): her phone is told and closed, her name stays out.
    let card = find_by::<defiant_trivia::game::screens::lobby::SeatCard>(&mut party.app, |c| {
        c.0 == ana_seat
    })
    .unwrap();
    party
        .app
        .world_mut()
        .resource_mut::<defiant_trivia::game::menu::Focus>()
        .0 = Some(card);
    press_logical(&mut party.app, bevy::input::keyboard::Key::Delete);
    party.until("Ana's seat removed", |p| {
        p.lobby().seats.iter().all(|s| s.id != ana_seat)
    });
    let mut kicked = false;
    for _ in 0..20 {
        match party.next(&mut ana.ws, Duration::from_millis(200)) {
            Some(m) if m["type"] == "kicked" => {
                kicked = true;
                break;
            }
            Some(_) => continue,
            None => break,
        }
    }
    assert!(kicked, "Ana's phone is told");
    assert!(party.resume(&ana.token).is_none(), "her token is dead");
    let mut ws = party.open();
    party.send(
        &mut ws,
        &json!({"type": "join", "room": party.room, "name": "ANA"}).to_string(),
    );
    let refused = party.next(&mut ws, Duration::from_secs(5)).unwrap();
    assert_eq!(refused["type"], "refused");
    assert_eq!(refused["retry"], false);
}

#[test]
fn a_taken_port_is_a_clear_message_not_a_panic() {
    use defiant_trivia::phones::server::{PhoneServer, ServerConfig, StartError};
    let taken = std::net::TcpListener::bind((LOOPBACK, 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let config = ServerConfig::new(LOOPBACK, port, "ABCD".to_string());
    let error = PhoneServer::start(config, std::sync::Arc::new(|| {})).unwrap_err();
    assert!(matches!(error, StartError::PortTaken { port: p } if p == port));
    let message = error.to_string();
    assert!(
        message.contains(&port.to_string()) && message.contains("in use"),
        "{message}"
    );
    // The game shows it in the lobby and plays on without phones.
    let data = temp_dir("phones-port");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    app.insert_resource(OpenLobby)
        .insert_resource(Phones::with_options(PhoneOptions {
            on: true,
            port: Some(port),
            bind: Some(LOOPBACK),
            ..default()
        }));
    wait_for_screen(&mut app, Screen::Lobby);
    let phones = app.world().resource::<Phones>();
    assert!(!phones.running());
    assert!(
        phones
            .error
            .as_deref()
            .is_some_and(|e| e.contains("in use"))
    );
    drop(taken);
}

/// A crash cannot take the night: a party with two key groups and phones is played and its
/// `App` dropped mid-question; a new `App` on the same data folder offers the night on the
/// title, resumes it from the journal (the same question, scores, answers and undo
/// history, paused), and every phone finds its seat again with its token on the same port.
#[test]
fn a_party_resumes_from_its_journal_with_its_phones() {
    let mut party = Party::new("night-resume");
    let data = party
        .app
        .world()
        .resource::<defiant_trivia::game::persist::DataDir>()
        .0
        .clone();
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz, KEY_GROUPS[1].buzz]);
    party.until("two key seats", |p| p.lobby().seats.len() == 2);
    let mut ana = party.join("Ana");
    let mut bo = party.join("Bo");
    party.until("four seats", |p| p.lobby().seats.len() == 4);
    let ana_seat = party.seat_named("Ana");
    let bo_seat = party.seat_named("Bo");
    party.start(Format::EveryoneAnswers);

    // Question 1: keys 0 and Ana right, keys 1 and Bo wrong.
    let q = party.question();
    let right = party.correct();
    let wrong = (right + 1) % party.session().game.current().options.len();
    party.view_until(&mut ana, "question 1", |v| v["you"] == "choose");
    press_together(
        &mut party.app,
        &[KEY_GROUPS[0].answers[right], KEY_GROUPS[1].answers[wrong]],
    );
    for (phone, option) in [(&mut ana, right), (&mut bo, wrong)] {
        party.send(
            &mut phone.ws,
            &json!({"type": "answer", "question": q, "option": option}).to_string(),
        );
    }
    party.reveal_view(&mut ana, "reveal 1", q);
    party.next_question();

    // Question 2: a latecomer joins (waiting), Ana and keys 1 answer, then the crash.
    let cy = party.join("Cy");
    party.until("Cy seated", |p| {
        p.lobby().seats.iter().any(|s| s.name == "Cy")
    });
    let cy_seat = party.seat_named("Cy");
    let q2 = party.question();
    let right = party.correct();
    party.view_until(&mut ana, "question 2", |v| v["you"] == "choose");
    party.send(
        &mut ana.ws,
        &json!({"type": "answer", "question": q2, "option": right}).to_string(),
    );
    press_together(&mut party.app, &[KEY_GROUPS[1].answers[right]]);
    party.view_until(&mut ana, "Ana locked in", |v| v["you"] == "locked");
    let keys_1 = seat_of(&party.app, Device::Keys(1));
    party.until("keys 1 and Cy in the game", |p| {
        let game = &p.session().game;
        game.has_answered(keys_1) && game.player(cy_seat).is_some()
    });
    let live = party.session().game.clone();
    assert_eq!(live.phase(), Phase::Question);
    assert!(live.has_answered(ana_seat));
    assert!(live.player(cy_seat).is_some());
    let port = party.addr.port();
    let tokens = [
        (ana_seat, ana.token.clone()),
        (bo_seat, bo.token.clone()),
        (cy_seat, cy.token.clone()),
    ];
    let Party { app, rt, room, .. } = party;
    drop(app); // the crash: nothing is saved on the way out but what the journal holds
    drop((ana, bo, cy));

    // A new game on the same data folder: the title offers the night.
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    app.insert_resource(Phones::with_options(PhoneOptions {
        bind: Some(LOOPBACK),
        handshake: Some(Duration::from_secs(2)),
        ..default()
    }));
    wait_for_screen(&mut app, Screen::Title);
    update_until(&mut app, "the resume button", |app| {
        find_by::<TitleAction>(app, |a| *a == TitleAction::Resume).is_some()
    });
    let summary = {
        let mut texts = app
            .world_mut()
            .query_filtered::<&Text, With<ResumeSummary>>();
        texts.iter(app.world()).next().map(|t| t.0.clone())
    };
    let summary = summary.expect("a line says which night");
    assert!(
        summary.contains("question 2 of") && summary.contains("5 players"),
        "{summary}"
    );
    let resume = find_by::<TitleAction>(&mut app, |a| *a == TitleAction::Resume).unwrap();
    click(&mut app, resume);
    wait_for_screen(&mut app, Screen::Question);
    let mut party = Party {
        app,
        rt,
        addr: SocketAddr::new(LOOPBACK, port),
        room,
    };
    party.until("the phone server back", |p| {
        p.app.world().resource::<Phones>().server().is_some()
    });

    // The same night, paused on the same question with the time that was left.
    let game = party.session().game.clone();
    assert!(game.is_paused());
    assert_eq!(game.current_index(), live.current_index());
    assert_eq!(game.questions(), live.questions());
    // The time left as of the journal's last record: at most a heartbeat before the end.
    let (left, live_left) = (
        game.remaining(Duration::ZERO),
        live.remaining(live.advanced_to()),
    );
    assert!(
        left >= live_left && left <= live_left + defiant_trivia::game::night::HEARTBEAT,
        "{left:?} left, {live_left:?} live"
    );
    assert_eq!(game.undo_label(), live.undo_label());
    for player in live.players() {
        let id = player.seat.id;
        let back = game.player(id).expect("every seat is back");
        assert_eq!(back.stats, player.stats, "{}", player.seat.name);
        assert_eq!(back.seat, player.seat);
        assert_eq!(game.has_answered(id), live.has_answered(id));
        assert_eq!(game.given(id), live.given(id));
        assert_eq!(back.waiting, player.waiting);
    }
    // The phones are away until their pages come back, each to its own seat.
    assert!(game.player(ana_seat).unwrap().away);
    let server = party.app.world().resource::<Phones>();
    assert_eq!(server.server().unwrap().local_addr().port(), port);
    for (seat, token) in &tokens {
        let mut phone = party.resume(token).expect("the token works again");
        let name = party
            .session()
            .game
            .player(*seat)
            .unwrap()
            .seat
            .name
            .clone();
        let view = party.view_until(&mut phone, "its own seat", |v| v["name"] == name.as_str());
        assert_eq!(
            view["score"],
            party.session().game.player(*seat).unwrap().stats.score
        );
        update_until(&mut party.app, "the phone seat is back", |app| {
            !app.world()
                .resource::<Session>()
                .game
                .player(*seat)
                .unwrap()
                .away
        });
    }
    // Esc goes on: the clock runs again from where it stopped.
    press(&mut party.app, KeyCode::Escape);
    party.until("the clock running again", |p| !p.session().game.is_paused());
}

/// A press the game turns down says why where its player looks: on the seat's chip on
/// the TV, and at the top of its phone's page; a moment later both are back to normal.
#[test]
fn a_refused_press_says_why_on_the_chip_and_the_phone() {
    let mut party = Party::new("refusals");
    // Keys 2 never answers, so the question stays open.
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz, KEY_GROUPS[1].buzz]);
    let mut ana = party.join("Ana");
    party.until("three seats", |p| p.lobby().seats.len() == 3);
    let keys_seat = seat_of(&party.app, Device::Keys(0));
    party.start(Format::EveryoneAnswers);
    let q = party.question();
    party.view_until(&mut ana, "the question", |v| v["you"] == "choose");
    // The key group answers twice: the second press is refused.
    press_together(&mut party.app, &[KEY_GROUPS[0].answers[0]]);
    press_together(&mut party.app, &[KEY_GROUPS[0].answers[1]]);
    assert_eq!(chip(&mut party.app, keys_seat), "✗ already locked in");
    // The phone answers twice too.
    for option in [0, 1] {
        party.send(
            &mut ana.ws,
            &json!({"type": "answer", "question": q, "option": option}).to_string(),
        );
    }
    let view = party.view_until(&mut ana, "the refusal", |v| {
        v["note"] == "✗ already locked in"
    });
    assert_eq!(view["locked"], 0, "the first answer stands");
    // A moment later the chip says the seat's state again.
    for _ in 0..20 {
        party.app.update();
    }
    assert_ne!(chip(&mut party.app, keys_seat), "✗ already locked in");
}
