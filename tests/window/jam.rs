//! The seven attacks of a hostile guest, against the real binary (`party --phones` on
//! loopback): each attacker from a loopback address of its own (127.0.9.x; the names from
//! 127.0.8.x, one each), bounded in count and time. While they hold what they took, a
//! seated phone comes back to its seat within a second and a new guest joins; the TV's
//! lobby shows only names that read true.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::common;
use crate::harness::{Xvfb, keys, screenshot, start_phone_party};
use crate::probe::{wait_screen, wait_ui};

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A runtime for loopback clients, and the server's address from its join URL.
pub fn loopback(url: &str) -> (tokio::runtime::Runtime, SocketAddr) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    assert!(server.ip().is_loopback());
    (rt, server)
}

/// The loopback address 127.0.`a`.`b`.
pub fn from(a: u8, b: u8) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, a, b)
}

/// A TCP connection to the server from a loopback address.
pub async fn connect(server: SocketAddr, source: Ipv4Addr) -> std::io::Result<TcpStream> {
    assert!(source.is_loopback() && server.ip().is_loopback());
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind((source, 0).into())?;
    socket.connect(server).await
}

/// Opens a phone's WebSocket (with the page's Origin) from `source`.
pub async fn open(server: SocketAddr, source: Ipv4Addr) -> Ws {
    let stream = connect(server, source).await.expect("a phone connects");
    let mut request = format!("ws://{server}/ws").into_client_request().unwrap();
    request
        .headers_mut()
        .insert("Origin", format!("http://{server}").parse().unwrap());
    let (ws, _) = tokio_tungstenite::client_async(request, MaybeTlsStream::Plain(stream))
        .await
        .expect("a phone opens its socket");
    ws
}

/// Sends `message` and returns the first JSON reply (within five seconds).
pub async fn ask(ws: &mut Ws, message: Value) -> Value {
    ws.send(Message::text(message.to_string())).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => return serde_json::from_str(t.as_str()).unwrap(),
            Ok(Some(Ok(_))) => continue,
            other => return json!({"type": "closed", "why": format!("{other:?}")}),
        }
    }
}

/// A phone from `source` joins as `name`: its socket and the server's reply.
pub async fn join(server: SocketAddr, source: Ipv4Addr, room: &str, name: &str) -> (Ws, Value) {
    let mut ws = open(server, source).await;
    let reply = ask(&mut ws, json!({"type": "join", "room": room, "name": name})).await;
    (ws, reply)
}

/// Opens `n` connections from `source`, and makes each send `bytes` (if any) without
/// ever reading.
async fn hold(server: SocketAddr, source: Ipv4Addr, n: usize, bytes: &[u8]) -> Vec<TcpStream> {
    let mut held = Vec::new();
    for _ in 0..n {
        if let Ok(mut s) = connect(server, source).await {
            if !bytes.is_empty() {
                let _ = tokio::time::timeout(Duration::from_millis(50), s.write_all(bytes)).await;
            }
            held.push(s);
        }
    }
    held
}

#[test]
fn hostile_guests_cannot_jam_the_real_binary() {
    let x = Xvfb::start(88);
    let data = common::temp_dir("window-jam");
    let (game, url, room) = start_phone_party(&x, &data, &[]);
    wait_screen(&game, "Lobby");
    keys(&x, &["z"]);
    let (rt, server) = loopback(&url);
    let (ana, welcome) = rt.block_on(join(server, from(4, 2), &room, "Ana"));
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    let token = welcome["token"].as_str().unwrap().to_string();
    drop(ana);

    // 1. Idle sockets, 2. slow readers (twenty pipelined page requests each, never read),
    // 3. silent WebSockets (no Origin, no room code), each from one address.
    let page = format!("GET / HTTP/1.1\r\nHost: {server}\r\n\r\n").repeat(20);
    let upgrade = format!(
        "GET /ws HTTP/1.1\r\nHost: {server}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    );
    let (idle, slow, silent) = rt.block_on(async {
        let idle = hold(server, from(9, 1), 150, b"").await;
        let slow = hold(server, from(9, 2), 150, page.as_bytes()).await;
        let mut silent = hold(server, from(9, 3), 64, upgrade.as_bytes()).await;
        let mut upgraded = 0;
        for s in &mut silent {
            let mut buf = [0u8; 12];
            if let Ok(Ok(12)) =
                tokio::time::timeout(Duration::from_millis(500), s.read_exact(&mut buf)).await
                && &buf[9..12] == b"101"
            {
                upgraded += 1;
            }
        }
        assert_eq!(upgraded, 2, "silent WebSockets let in: two may wait");
        (idle, slow, silent)
    });
    // 4. A seat flood with the room code, from one address.
    let flood = rt.block_on(async {
        let mut seated = Vec::new();
        for i in 0..33 {
            let (ws, reply) = join(server, from(9, 4), &room, &format!("Bot{i}")).await;
            if reply["type"] == "welcome" {
                seated.push(ws);
            }
        }
        seated
    });
    assert_eq!(
        flood.len(),
        3,
        "three seats at once, then one a half minute"
    );
    // 5.-7. Invisible, look-alike and Zalgo names, each from its own address.
    let names = [
        ("\u{200C}\u{2061}", false),
        ("\u{3164}\u{2800}", false),
        ("\u{E0041}\u{E0042}", false),
        ("Ana\u{200C}", true),
        ("An\u{034F}a", true),
        ("\u{0410}na", true),
        (&*format!("Z{}ed", "\u{0301}".repeat(15)), true),
    ];
    for (i, (name, seated)) in names.iter().enumerate() {
        let (ws, reply) = rt.block_on(join(server, from(8, 2 + i as u8), &room, name));
        assert_eq!(reply["type"] == "welcome", *seated, "{name:?}: {reply}");
        drop(ws);
    }

    // While all of that is held: Ana's page comes back to her seat within a second, and
    // a new guest joins.
    let started = Instant::now();
    let (mut back, reply) = rt.block_on(async {
        let mut ws = open(server, from(4, 2)).await;
        let reply = ask(&mut ws, json!({"type": "resume", "token": token})).await;
        (ws, reply)
    });
    let took = started.elapsed();
    assert_eq!(reply["type"], "welcome", "{reply}");
    assert!(took < Duration::from_secs(1), "Ana came back in {took:?}");
    let (ben, reply) = rt.block_on(join(server, from(4, 3), &room, "Ben"));
    assert_eq!(reply["type"], "welcome", "{reply}");
    // The look-alikes are numbered (they read as "Ana"), the Zalgo letter keeps two marks
    // (NFC composes the first into "Ź").
    let zalgo = "\u{0179}\u{0301}\u{0301}ed";
    let ui = wait_ui(&game, "Ana, Ben and the look-alikes in the lobby", |ui| {
        ["Ana", "Ben", "Ana 2", "Ana 3", "\u{0410}na 4", zalgo]
            .iter()
            .all(|n| {
                ui.buttons
                    .iter()
                    .any(|b| b.label == *n || b.label == format!("{n} (away)"))
            })
    });
    game.wait_idle();
    screenshot(&x, "64-lobby-after-attacks");
    // No card without a visible name.
    assert!(
        ui.buttons.iter().all(|b| !b.label.trim().is_empty()),
        "a blank card"
    );
    rt.block_on(async {
        let pong = ask(&mut back, json!({"type": "ping"})).await;
        assert!(pong["type"] == "pong" || pong["type"] == "view", "{pong}");
    });
    drop((idle, slow, silent, flood, ben, back));
}
