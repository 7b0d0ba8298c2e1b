//! A room no guest can jam: each attack of one client (one loopback address of its own,
//! 127.0.9.x) runs against the real phone server of a party in a night, and while it runs
//! a seated phone comes back to its seat within a second and a new guest joins from an
//! address of her own; afterwards every score is what it was.

use super::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The attacker's own address.
fn attacker(n: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 9, n))
}

/// A party in a night: a key seat and Ana's phone play the first question.
fn night(name: &str, tune: fn(&mut ServerConfig)) -> (Party, Phone) {
    let mut party = Party::tuned(name, tune);
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz]);
    let mut ana = party.join("Ana");
    party.until("two seats", |p| p.lobby().seats.len() == 2);
    party.start(Format::EveryoneAnswers);
    party.view_until(&mut ana, "the question", |v| v["you"] == "choose");
    (party, ana)
}

/// The room is still open: Ana's page comes back to her seat within a second, and a new
/// guest joins.
fn still_open(party: &mut Party, ana: &mut Phone, guest: &str) {
    let started = Instant::now();
    let back = party.resume(&ana.token).expect("Ana finds her seat");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(1), "Ana came back in {took:?}");
    *ana = back;
    let mut new = party.join(guest);
    party.barrier(&mut new);
}

/// The page loads for a guest (from 127.0.0.1, not the attacker's address).
fn page_loads(party: &Party) {
    let addr = party.addr;
    let page = http(
        addr,
        &format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
    .expect("the page answers");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
}

fn connections_from(party: &Party, ip: IpAddr) -> usize {
    let phones = party.app.world().resource::<Phones>();
    phones.server().unwrap().connections_from(ip)
}

/// Opens `n` TCP connections from `source` (each may be dropped by the server at once).
fn open_many(party: &Party, source: IpAddr, n: usize) -> Vec<TokioTcp> {
    let addr = party.addr;
    party.rt.block_on(async move {
        let mut open = Vec::new();
        for _ in 0..n {
            if let Ok(stream) = connect_from(source, addr).await {
                open.push(stream);
            }
        }
        open
    })
}

const PER_ADDRESS: usize = 8;

/// `n` readers that never read, from 127.0.9.`first` on, each having asked for the page
/// twenty times over.
async fn stuck_readers(addr: SocketAddr, first: u8, n: u8) -> Vec<TokioTcp> {
    let mut held = Vec::new();
    for i in 0..n {
        let mut s = connect_from(attacker(first + i), addr).await.unwrap();
        let request = format!("GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n").repeat(20);
        let _ = s.write_all(request.as_bytes()).await;
        held.push(s);
    }
    held
}

#[test]
fn idle_sockets_from_one_address_take_only_its_share() {
    let (mut party, mut ana) = night("jam-idle", |_| {});
    let before = party.scores();
    let idle = attacker(1);
    // 150 connections that never send a byte, opened again as the server drops them.
    let mut held = open_many(&party, idle, 150);
    party.until_server("the server took its share of them", |p| {
        connections_from(p, idle) == PER_ADDRESS
    });
    held.extend(open_many(&party, idle, 150));
    frames(&mut party.app, 3);
    assert_eq!(connections_from(&party, idle), PER_ADDRESS);
    page_loads(&party);
    still_open(&mut party, &mut ana, "Newcomer");
    drop(held);
    party.assert_scores_unchanged(&before);
}

#[test]
fn slow_readers_lose_their_slots() {
    let (mut party, mut ana) = night("jam-slow", |c| {
        c.http_lifetime = Duration::from_secs(1);
    });
    let before = party.scores();
    let slow = attacker(2);
    let addr = party.addr;
    // 150 connections that pipeline twenty page requests each and never read a byte.
    let mut held = open_many(&party, slow, 150);
    let request = format!("GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n").repeat(20);
    party.rt.block_on(async {
        for stream in &mut held {
            let _ = tokio::time::timeout(
                Duration::from_millis(50),
                stream.write_all(request.as_bytes()),
            )
            .await;
        }
    });
    assert!(connections_from(&party, slow) <= PER_ADDRESS);
    page_loads(&party);
    still_open(&mut party, &mut ana, "Newcomer");
    // However full their buffers, their connections end with their lifetime.
    party.until_server("the slow readers were cut off", |p| {
        connections_from(p, slow) == 0
    });
    page_loads(&party);
    drop(held);
    party.assert_scores_unchanged(&before);
}

#[test]
fn silent_websockets_cannot_keep_seated_phones_out() {
    let (mut party, mut ana) = night("jam-silent", |_| {});
    let before = party.scores();
    let silent = attacker(3);
    let addr = party.addr;
    // 64 upgrades with no Origin and no room code that never speak.
    let upgrade = upgrade_request(&addr.to_string(), None);
    let (held, statuses) = party.rt.block_on(async {
        let mut held = Vec::new();
        let mut statuses = Vec::new();
        for _ in 0..64 {
            let Ok(mut stream) = connect_from(silent, addr).await else {
                continue;
            };
            let _ = stream.write_all(upgrade.as_bytes()).await;
            let mut buf = [0u8; 64];
            let read = tokio::time::timeout(Duration::from_secs(2), stream.read(&mut buf)).await;
            let status = match read {
                Ok(Ok(n)) if n >= 12 => String::from_utf8_lossy(&buf[9..12]).to_string(),
                _ => "dropped".to_string(),
            };
            statuses.push(status);
            held.push(stream);
        }
        (held, statuses)
    });
    let upgraded = statuses.iter().filter(|s| *s == "101").count();
    assert_eq!(
        upgraded, 2,
        "two may wait for their first word: {statuses:?}"
    );
    // Open WebSockets: Ana's and the attacker's two.
    assert!(party.sockets() <= 3, "{}", party.sockets());
    assert!(
        statuses
            .iter()
            .all(|s| s == "101" || s == "503" || s == "dropped")
    );
    still_open(&mut party, &mut ana, "Newcomer");
    // The two that never spoke are closed after the short deadline.
    party.until_server("the silent sockets were closed", |p| {
        connections_from(p, silent) == 0
    });
    drop(held);
    party.assert_scores_unchanged(&before);
}

#[test]
fn one_address_cannot_flood_the_room_with_seats() {
    let (mut party, mut ana) = night("jam-seats", |_| {});
    let before = party.scores();
    let flood = attacker(4);
    let room = party.room.to_lowercase();
    let mut seated = Vec::new();
    let mut refusals = Vec::new();
    for i in 0..33 {
        let mut ws = party.open_from(flood);
        let join = json!({"type": "join", "room": room, "name": format!("Bot{i}")});
        party.send(&mut ws, &join.to_string());
        let reply = party
            .next(&mut ws, Duration::from_secs(5))
            .expect("a reply");
        if reply["type"] == "welcome" {
            seated.push(ws);
        } else {
            assert_eq!(reply["type"], "refused", "{reply}");
            refusals.push(reply["reason"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(seated.len(), 3, "three at once, then one every half minute");
    assert!(
        refusals.iter().all(|r| r.contains("Too many new players")),
        "{refusals:?}"
    );
    still_open(&mut party, &mut ana, "Newcomer");
    drop(seated);
    party.assert_scores_unchanged(&before);
}

#[test]
fn an_address_holds_a_bounded_share_of_seats() {
    let mut party = Party::tuned("jam-share", |c| {
        c.join_burst = 10;
        c.seats_per_address = 4;
    });
    let family = attacker(5);
    let mut phones: Vec<Phone> = (0..4)
        .map(|i| party.join_from(family, &format!("Kid{i}")))
        .collect();
    let mut ws = party.open_from(family);
    let join = json!({"type": "join", "room": party.room, "name": "Kid4"});
    party.send(&mut ws, &join.to_string());
    let reply = party.next(&mut ws, Duration::from_secs(5)).unwrap();
    assert_eq!(reply["type"], "refused", "{reply}");
    assert!(reply["reason"].as_str().unwrap().contains("clear a seat"));
    // Another household is not held up.
    let mut other = party.join("Neighbour");
    party.barrier(&mut other);
    party.barrier(&mut phones[0]);
}

#[test]
fn seats_that_never_played_free_their_place_and_the_host_can_clear_them() {
    let mut party = Party::tuned("jam-free", |c| {
        c.seat_hold = Duration::from_millis(300);
        c.max_phones = 3;
    });
    let a = party.join("Ana");
    let b = party.join("Ben");
    let mut c = party.join("Cy");
    party.until("three phone seats", |p| p.lobby().seats.len() == 3);
    // The room is full.
    let mut ws = party.open();
    let join = json!({"type": "join", "room": party.room, "name": "Dee"});
    party.send(&mut ws, &join.to_string());
    let reply = party.next(&mut ws, Duration::from_secs(5)).unwrap();
    assert_eq!(reply["reason"], "The party is full.", "{reply}");
    // Ana and Ben leave without ever playing: after the hold their seats are let go,
    // their cards leave the lobby, and a newcomer gets in.
    let ana_token = a.token.clone();
    drop((a, b));
    party.until_server("the two seats were let go", |p| p.lobby().seats.len() == 1);
    assert!(party.resume(&ana_token).is_none(), "a let-go seat is gone");
    let mut dee = party.join("Dee");
    party.barrier(&mut dee);
    // The host clears a seat whose phone left (Delete on its card): the place is free
    // at once, and the name is not kept out.
    party.send(&mut c.ws, r#"{"type":"ping"}"#);
    drop(c);
    let cy = party.seat_named("Cy");
    party.until_server("Cy's phone is away", |p| {
        !p.app.world().resource::<Phones>().connected.contains(&cy)
    });
    party.delete_card(cy);
    party.until("Cy's card is gone", |p| {
        p.lobby().seats.iter().all(|s| s.id != cy)
    });
    let mut again = party.join("Cy");
    party.barrier(&mut again);
    assert_eq!(
        party.seat_named("Cy"),
        party.lobby().seats.last().unwrap().id
    );
}

#[test]
fn one_guests_guessing_does_not_lock_out_a_typo() {
    let mut party = Party::new("jam-codes");
    let guesser = attacker(6);
    let mut replies = Vec::new();
    for i in 0..12 {
        let mut ws = party.open_from(guesser);
        let join = json!({"type": "join", "room": format!("ZZ{i:02}"), "name": "Guess"});
        party.send(&mut ws, &join.to_string());
        let reply = party.next(&mut ws, Duration::from_secs(5)).unwrap();
        replies.push(reply["reason"].as_str().unwrap_or_default().to_string());
    }
    assert!(replies[0].contains("not this room's code"), "{replies:?}");
    assert!(
        replies[11].contains("from this phone"),
        "the guesser is slowed: {replies:?}"
    );
    // Another guest's typo is still told it is a typo, and the right code seats her.
    let mut ws = party.open();
    let join = json!({"type": "join", "room": "QQQQ", "name": "Typo"});
    party.send(&mut ws, &join.to_string());
    let reply = party.next(&mut ws, Duration::from_secs(5)).unwrap();
    assert!(
        reply["reason"]
            .as_str()
            .unwrap()
            .contains("not this room's code"),
        "{reply}"
    );
    let mut typo = party.join("Typo");
    party.barrier(&mut typo);
}

#[test]
fn a_room_whose_accept_loop_dies_is_noticed_and_opens_again() {
    // In the lobby: the host is told and switching phones on opens the same room.
    let mut party = Party::new("jam-dead");
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz]);
    let ana = party.join("Ana");
    party.until("two seats", |p| p.lobby().seats.len() == 2);
    // The host kicks Eve before the room stops: she stays out of the reopened room too.
    let mut eve = party.join("Eve");
    party.barrier(&mut eve);
    let eve_seat = party.seat_named("Eve");
    party.delete_card(eve_seat);
    party.until("Eve kicked", |p| p.lobby().seats.len() == 2);
    let room = party.room.clone();
    party
        .app
        .world()
        .resource::<Phones>()
        .server()
        .unwrap()
        .break_accept_loop();
    party.until_server("the lobby noticed", |p| {
        let phones = p.app.world().resource::<Phones>();
        !phones.running()
            && phones
                .error
                .as_deref()
                .is_some_and(|e| e.contains("stopped"))
    });
    party.click_row(LobbyRow::Phones);
    let phones = party.app.world().resource::<Phones>();
    assert!(phones.running(), "{:?}", phones.error);
    assert_eq!(phones.room(), Some(room.as_str()), "the same room code");
    party.addr = phones.server().unwrap().local_addr();
    let mut back = party.resume(&ana.token).expect("Ana's token works again");
    party.barrier(&mut back);
    assert_eq!(party.lobby().seats.len(), 2);
    let mut ws = party.open();
    let join = json!({"type": "join", "room": party.room, "name": "Eve"});
    party.send(&mut ws, &join.to_string());
    let reply = party.next(&mut ws, Duration::from_secs(5)).unwrap();
    assert_eq!(reply["type"], "refused", "{reply}");

    // In a night it opens again by itself, and the phones find their seats.
    party.start(Format::EveryoneAnswers);
    party.view_until(&mut back, "the question", |v| v["you"] == "choose");
    party
        .app
        .world()
        .resource::<Phones>()
        .server()
        .unwrap()
        .break_accept_loop();
    party.until_server("the room reopened", |p| {
        let phones = p.app.world().resource::<Phones>();
        phones.running()
            && phones.server().unwrap().failure().is_none()
            && p.app
                .world()
                .resource::<defiant_trivia::game::persist::Notices>()
                .0
                .iter()
                .any(|n| n.contains("opened again"))
    });
    party.addr = party
        .app
        .world()
        .resource::<Phones>()
        .server()
        .unwrap()
        .local_addr();
    let mut again = party.resume(&back.token).expect("the seat again");
    party.view_until(&mut again, "the question", |v| v["you"] == "choose");
}

#[test]
fn a_stopped_server_frees_its_port_at_once() {
    use defiant_trivia::phones::server::PhoneServer;
    let config = ServerConfig::new(LOOPBACK, 0, "ABCD".to_string());
    let server = PhoneServer::start(config, std::sync::Arc::new(|| {})).unwrap();
    let addr = server.local_addr();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // Connections that will not end by themselves: idle, and a reader that never reads.
    let held = rt.block_on(stuck_readers(addr, 10, 6));
    drop(server);
    let again = ServerConfig::new(LOOPBACK, addr.port(), "ABCD".to_string());
    let restarted = PhoneServer::start(again, std::sync::Arc::new(|| {}));
    assert!(restarted.is_ok(), "the port is free: {:?}", restarted.err());
    drop(held);
}

/// Benchmark, not a test (`cargo test --test headless -- --ignored --nocapture
/// bench_server_stop`): how long dropping the server takes with 250 seated phones and 20
/// readers that never read, all on loopback. Prints the figure; asserts nothing about it.
#[test]
#[ignore = "benchmark"]
fn bench_server_stop() {
    use defiant_trivia::phones::server::PhoneServer;
    let mut config = ServerConfig::new(LOOPBACK, 0, "ABCD".to_string());
    config.max_phones = 250;
    let server = PhoneServer::start(config, std::sync::Arc::new(|| {})).unwrap();
    let addr = server.local_addr();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let held = rt.block_on(async {
        let mut phones = Vec::new();
        for i in 0..250u32 {
            let source = IpAddr::V4(Ipv4Addr::new(
                127,
                0,
                20 + (i / 200) as u8,
                2 + (i % 200) as u8,
            ));
            let stream = connect_from(source, addr).await.unwrap();
            let mut request = format!("ws://{addr}/ws").into_client_request().unwrap();
            request.headers_mut().insert(
                "Origin",
                HeaderValue::from_str(&format!("http://{addr}")).unwrap(),
            );
            let (mut ws, _) =
                tokio_tungstenite::client_async(request, MaybeTlsStream::Plain(stream))
                    .await
                    .unwrap();
            let join = json!({"type": "join", "room": "ABCD", "name": format!("P{i}")});
            ws.send(Message::text(join.to_string())).await.unwrap();
            let _ = ws.next().await;
            phones.push(ws);
        }
        (phones, stuck_readers(addr, 30, 20).await)
    });
    let started = Instant::now();
    drop(server);
    let took = started.elapsed();
    println!(
        "server stop: drop took {} µs with 250 phones and 20 stuck readers",
        took.as_micros()
    );
    drop(held);
}
