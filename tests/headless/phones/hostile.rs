//! Hostile or broken phones lose their connection and nothing else changes; a taken port is a message.

use super::*;

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
    party.assert_scores_unchanged(&before);
    assert_eq!(party.session().game.phase(), Phase::Question);

    // Foreign Host and Origin headers: refused before any WebSocket opens.
    let upgrade = |host: &str, origin: &str| upgrade_request(host, Some(origin));
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
    let csp = page
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with("content-security-policy:")
        })
        .expect("a Content-Security-Policy");
    assert!(
        !csp.contains("unsafe-inline") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert!(!page.contains("<script>") && !page.contains("<style>") && !page.contains("style=\""));
    // Its script and style sheet are files of their own, for this host only.
    for (path, kind) in [("/page.js", "text/javascript"), ("/page.css", "text/css")] {
        let file = http(
            addr,
            &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
        )
        .unwrap();
        assert!(
            file.starts_with("HTTP/1.1 200") && file.contains(kind),
            "{path}"
        );
        let foreign = http(
            addr,
            &format!("GET {path} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
        )
        .unwrap();
        assert!(foreign.starts_with("HTTP/1.1 421"), "{path}: {foreign}");
    }
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

    // Through it all: Ana still plays, and every score is what it was (the hostile
    // phones' own seats joined and scored nothing).
    party.assert_scores_unchanged(&before);
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
    party.assert_scores_unchanged(&before);
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
