//! The console's view as data: before a party, in the lobby, in a game, and a question's
//! picture and clip.

use std::path::Path;

use super::*;
use crate::core::command::{Command, HostAction};
use crate::core::pack::{Clip, Uncover};
use crate::core::parse::check_file;
use crate::core::round::{AskedMedia, RoundSettings};
use crate::game::console::media::{ClipView, clip_line};
use crate::game::session::ChosenPack;

fn room(running: bool, locked: bool) -> RoomView {
    RoomView {
        running,
        locked,
        join_url: running.then(|| "http://192.168.1.20:7777/".to_string()),
        code: "ABCD".to_string(),
        connected: 2,
    }
}

/// The view at the start of the clock.
fn at(
    screen: Screen,
    session: Option<&Session>,
    lobby: Option<&Lobby>,
    room: &RoomView,
    said: Option<&str>,
) -> ConsoleView {
    build(screen, session, lobby, room, said, None, Duration::ZERO)
}

fn two_seat_lobby() -> Lobby {
    let mut lobby = Lobby::default();
    lobby.add_seat(Device::Keys(0));
    lobby.add_seat(Device::Gamepad(0));
    lobby
}

fn party() -> Session {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/good.ron");
    let pack = check_file(&path).pack.expect("the test pack is good");
    let chosen = ChosenPack {
        file_name: "good.ron".to_string(),
        pack,
    };
    let lobby = two_seat_lobby();
    Session::party(
        &chosen,
        RoundSettings::default(),
        lobby.rules(),
        lobby.seats.clone(),
        Vec::new(),
    )
    .expect("a party of the test pack")
}

#[test]
fn before_a_party_the_console_says_how_to_start_one() {
    let view = at(Screen::Title, None, None, &room(false, false), None);
    assert_eq!(view.title, "No party yet");
    assert!(view.status.contains("Party"));
    assert!(view.buttons.is_empty() && view.seats.is_empty() && view.join.is_none());
}

#[test]
fn the_lobby_lists_its_seats_and_starts_only_when_ready() {
    let mut lobby = Lobby::default();
    lobby.add_seat(Device::Keys(0));
    let view = at(Screen::Lobby, None, Some(&lobby), &room(false, false), None);
    assert_eq!(view.title, "Party lobby");
    assert_eq!(view.seats.len(), 1);
    assert_eq!(view.seats[0].state, "joined");
    assert_eq!(
        view.buttons,
        vec![(ConsoleAction::Start, "Start the party".to_string(), false)]
    );

    let lobby = two_seat_lobby();
    let view = at(
        Screen::Lobby,
        None,
        Some(&lobby),
        &room(true, false),
        Some("Removed Ana"),
    );
    assert_eq!(view.status, "2 players ready");
    assert_eq!(view.seats[1].detail, "gamepad 1");
    assert_eq!(
        view.buttons[0],
        (ConsoleAction::Start, "Start the party".to_string(), true)
    );
    assert_eq!(
        view.buttons[1],
        (ConsoleAction::LockRoom, "Lock the room".to_string(), true)
    );
    assert_eq!(view.said.as_deref(), Some("Removed Ana"));
    assert_eq!(
        view.join.as_deref(),
        Some(
            "Phones join at http://192.168.1.20:7777/  ·  room ABCD  ·  2 connected  ·  room open"
        )
    );
}

#[test]
fn in_a_game_the_host_sees_the_answer_the_next_question_and_every_seat() {
    let session = party();
    let view = at(
        Screen::Question,
        Some(&session),
        None,
        &room(true, true),
        None,
    );
    let game = &session.game;
    let question = view.question.expect("a question is shown");
    assert_eq!(question.prompt, game.current().prompt);
    assert_eq!(
        question
            .options
            .iter()
            .filter(|(_, _, right)| *right)
            .count(),
        1
    );
    assert!(view.next.is_some());
    assert_eq!(view.seats.len(), 2);
    assert!(
        view.seats
            .iter()
            .all(|s| s.score == Some(0) && s.adjustable)
    );
    assert!(view.settings[0].starts_with(game.rules().format.label()));
    let lock = (ConsoleAction::LockRoom, "Open the room".to_string(), true);
    assert!(view.buttons.contains(&lock));
    let end = (
        ConsoleAction::Host(HostButton::End),
        "F10  End game".to_string(),
        true,
    );
    assert!(view.buttons.contains(&end));
    assert!(view.join.unwrap().ends_with("room locked"));
    // The same game off the game's screens (the title) is no party.
    let title = at(
        Screen::Title,
        Some(&session),
        None,
        &room(false, false),
        None,
    );
    assert_eq!(title.title, "No party yet");
}

/// A party of the test pack whose every question plays `sounds/riff.flac` from 2.6 s
/// to 10.4 s, at its first question.
fn party_with_clips() -> Session {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/good.ron");
    let mut pack = check_file(&path).pack.expect("the test pack is good");
    for q in &mut pack.questions {
        q.audio = Some(Clip {
            file: "sounds/riff.flac".to_string(),
            start: 2.6,
            end: Some(10.4),
            countdown_after: false,
        });
    }
    let chosen = ChosenPack {
        file_name: "good.ron".to_string(),
        pack,
    };
    let lobby = two_seat_lobby();
    let mut session = Session::party(
        &chosen,
        RoundSettings::default(),
        lobby.rules(),
        lobby.seats.clone(),
        Vec::new(),
    )
    .expect("a party of the test pack");
    session.game.start(Duration::ZERO).unwrap();
    session
}

fn replay_button(view: &ConsoleView) -> Option<bool> {
    view.buttons
        .iter()
        .find(|(action, _, _)| *action == ConsoleAction::ReplayClip)
        .map(|(_, label, enabled)| {
            assert_eq!(label, "F8  Replay clip");
            *enabled
        })
}

#[test]
fn the_host_sees_the_whole_picture_and_the_answers_picture_from_the_reveal() {
    let mut q = party().game.current().clone();
    assert_eq!(media_view(&q, Phase::Question, None), None);
    q.media = AskedMedia {
        image: Some("pictures/map.jpg".to_string()),
        uncover: Some(Uncover::Tiles),
        reveal_image: Some("pictures/map-answer.jpg".to_string()),
        ..Default::default()
    };
    let open = media_view(&q, Phase::Question, Some("No sound device")).unwrap();
    assert_eq!(open.picture.as_deref(), Some("pictures/map.jpg"));
    assert!(open.caption.contains("tile by tile"), "{}", open.caption);
    // No clip: nothing to hear, and nothing to say about the speakers.
    assert_eq!((open.clip, open.notice), (None, None));
    for phase in [Phase::Reveal, Phase::Scoreboard] {
        let shown = media_view(&q, phase, None).unwrap();
        assert_eq!(shown.picture.as_deref(), Some("pictures/map-answer.jpg"));
    }
    // Without a picture of its own for the answer, the reveal shows the question's.
    q.media.reveal_image = None;
    let reveal = media_view(&q, Phase::Reveal, None).unwrap();
    assert_eq!(reveal.picture.as_deref(), Some("pictures/map.jpg"));
    // Only an answer's picture: nothing of it before the reveal.
    q.media.image = None;
    q.media.reveal_image = Some("pictures/map-answer.jpg".to_string());
    assert_eq!(media_view(&q, Phase::Question, None).unwrap().picture, None);
}

#[test]
fn a_clip_shows_how_far_it_played_its_length_and_why_nothing_is_heard() {
    let session = party_with_clips();
    let view = build(
        Screen::Question,
        Some(&session),
        None,
        &room(false, false),
        None,
        Some("No sound device: the clip cannot be heard"),
        Duration::ZERO,
    );
    let media = view.question.unwrap().media.unwrap();
    assert_eq!(media.picture, None);
    let clip = media.clip.unwrap();
    assert_eq!(clip.file, "sounds/riff.flac");
    assert_eq!(
        media.notice.as_deref(),
        Some("No sound device: the clip cannot be heard")
    );
    // 7.8 s of it: 8 s, to the second.
    assert_eq!(clip_line(&clip, None), "♪ 0:08 clip");
    let secs = Duration::from_secs_f64;
    assert_eq!(
        clip_line(&clip, Some((secs(4.7), secs(7.8)))),
        "♪ 0:04 / 0:08"
    );
    // Played to the end: the whole of it, not the second before.
    assert_eq!(
        clip_line(&clip, Some((secs(7.8), secs(7.8)))),
        "♪ 0:08 / 0:08"
    );
    // A clip of unknown length: how far it played.
    let open_ended = ClipView {
        file: clip.file.clone(),
        length: None,
    };
    assert_eq!(clip_line(&open_ended, None), "♪ clip");
    assert_eq!(
        clip_line(&open_ended, Some((secs(65.2), Duration::ZERO))),
        "♪ 1:05"
    );
}

#[test]
fn replay_is_offered_for_a_clip_while_its_question_or_answer_shows() {
    let show = |session: &Session| {
        at(
            Screen::Question,
            Some(session),
            None,
            &room(false, false),
            None,
        )
    };
    assert_eq!(replay_button(&show(&party())), None);
    let mut session = party_with_clips();
    assert_eq!(replay_button(&show(&session)), Some(true));
    let host = |action| Command::Host {
        action,
        at: Duration::from_secs(1),
    };
    session.game.apply(host(HostAction::TogglePause)).unwrap();
    assert_eq!(replay_button(&show(&session)), Some(false));
    session.game.apply(host(HostAction::TogglePause)).unwrap();
    session.game.apply(host(HostAction::Reveal)).unwrap();
    assert_eq!(session.game.phase(), Phase::Reveal);
    assert_eq!(replay_button(&show(&session)), Some(true));
    session.game.apply(host(HostAction::Next)).unwrap();
    assert_eq!(session.game.phase(), Phase::Scoreboard);
    assert_eq!(replay_button(&show(&session)), Some(false));
}
