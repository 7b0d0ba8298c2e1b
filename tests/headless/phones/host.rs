//! The host kicks, renames and locks the room.

use super::*;

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
    party.delete_card(ana_seat);
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
    // Nor does a name that reads the same on the TV: a hidden joiner, a Cyrillic а.
    for look_alike in ["An\u{200C}a", "\u{0410}na"] {
        let mut ws = party.open();
        party.send(
            &mut ws,
            &json!({"type": "join", "room": party.room, "name": look_alike}).to_string(),
        );
        let refused = party.next(&mut ws, Duration::from_secs(5)).unwrap();
        assert_eq!(refused["type"], "refused", "{look_alike:?}");
        assert_eq!(refused["retry"], false);
    }
    assert!(
        party.lobby().seats.iter().all(|s| s.name != "Ana"),
        "no Ana came back"
    );
}
