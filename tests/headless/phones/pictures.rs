//! Pictures on phones (off by default): the lobby's row, the picture's address in the
//! phones' views, and `/picture/<key>` on the phone server, which serves the picture on
//! the TV and nothing else: not with the setting off, not under an old key, not the
//! answer's picture before the reveal, not to a foreign `Host`, not past its rate.

use bevy::input::keyboard::Key;
use defiant_trivia::core::plan::pick;
use defiant_trivia::game::media::MediaCache;
use defiant_trivia::game::menu::Focus;
use defiant_trivia::game::packs::{PackAsset, PackLibrary};

use super::*;

/// The sampler pack of pictures and sounds, in `quizzes/`.
const SAMPLER: &str = "picture-and-sound";

/// A party on the sampler pack with a keyboard seat and a phone, Ana, in the lobby; its
/// round opens with a picture that has an answer's picture, then one that uncovers itself.
/// Returns the round's question ids.
fn sampler_party(name: &str) -> (Party, Phone, Vec<String>) {
    let mut party = Party::new(name);
    update_until(&mut party.app, "the sampler pack", |app| {
        app.world()
            .resource::<PackLibrary>()
            .playable()
            .any(|e| e.file_name == SAMPLER)
    });
    let world = party.app.world_mut();
    let library = world.resource::<PackLibrary>();
    let entry = library.playable().find(|e| e.file_name == SAMPLER).unwrap();
    let pack = world
        .resource::<Assets<PackAsset>>()
        .get(&entry.handle)
        .and_then(PackAsset::pack)
        .expect("the sampler pack is loaded")
        .clone();
    world.insert_resource(ChosenPack {
        file_name: SAMPLER.to_string(),
        pack,
    });
    party.app.update();
    let (seed, ids) = {
        let world = party.app.world();
        let pack = &world.resource::<ChosenPack>().pack;
        let watched = world.resource::<SetupChoices>().settings(pack).watched;
        let plan = &world.resource::<Lobby>().plan.rounds;
        (1..5000u64)
            .find_map(|seed| {
                let night = pick(pack, plan, seed, watched, &Default::default()).ok()?;
                let q = &night.questions;
                let wanted = q.len() >= 3
                    && q[0].media.image.is_some()
                    && q[0].media.uncover.is_none()
                    && q[0].media.reveal_image.is_some()
                    && q[1].media.image.is_some()
                    && q[1].media.uncover.is_some()
                    && q[1].media.reveal_image.is_none();
                wanted.then(|| (seed, q.iter().map(|q| q.id.clone()).collect()))
            })
            .expect("a round code opening with those two pictures")
    };
    party.app.world_mut().resource_mut::<SetupChoices>().seed = seed;
    press_together(&mut party.app, &[KEY_GROUPS[0].buzz]);
    let ana = party.join("Ana");
    party.until("two seats", |p| p.lobby().seats.len() == 2);
    (party, ana, ids)
}

/// A file of the sampler pack, as on disk.
fn sampler_file(path: &str) -> Vec<u8> {
    std::fs::read(repo().join("quizzes").join(SAMPLER).join(path)).unwrap()
}

/// The open question's media paths: its picture, its answer's picture.
fn media(party: &Party) -> (String, Option<String>) {
    let media = &party.session().game.current().media;
    (media.image.clone().unwrap(), media.reveal_image.clone())
}

/// Runs frames until the picture at `path` has loaded (the TV shows it).
fn loaded(party: &mut Party, path: &str) {
    update_until(&mut party.app, path, |app| {
        app.world().resource::<MediaCache>().ready(path).is_some()
    });
}

/// A response as read off the wire: status, headers (names in lower case), body.
struct Got {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Got {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `GET path` on loopback naming `host`, the whole response.
fn get(addr: SocketAddr, host: &str, path: &str) -> Got {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("a response to {path}"));
    let head = String::from_utf8_lossy(&response[..end]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Got {
        status,
        headers,
        body: response[end + 4..].to_vec(),
    }
}

/// The picture's address in a view's question or result, if any.
fn url_of(view: &Value, part: &str) -> Option<String> {
    view[part]["picture"]["url"].as_str().map(String::from)
}

/// The key of the picture the phone server hands out now, if any.
fn key_served(party: &Party) -> Option<String> {
    let phones = party.app.world().resource::<Phones>();
    phones.server().unwrap().picture_key()
}

/// Every label the lobby's rows show.
fn labels(app: &mut App) -> Vec<String> {
    let mut query = app.world_mut().query::<&Text>();
    query.iter(app.world()).map(|t| t.0.clone()).collect()
}

#[test]
fn pictures_stay_off_the_phones_by_default() {
    let (mut party, mut ana, ids) = sampler_party("phones-pictures-off");
    assert!(!party.app.world().resource::<Phones>().show_pictures);
    assert!(
        labels(&mut party.app).contains(&"Pictures on phones:  ‹ off ›".to_string()),
        "{:?}",
        labels(&mut party.app)
    );
    party.start(Format::EveryoneAnswers);
    assert_eq!(party.session().game.current().id, ids[0]);
    let (image, reveal) = media(&party);
    loaded(&mut party, &image);
    loaded(&mut party, reveal.as_deref().unwrap());
    let view = party.view_until(&mut ana, "the picture question", |v| v["you"] == "choose");
    // The TV shows its picture; the phone gets no address, and the server has none.
    frames(&mut party.app, 3);
    assert_eq!(url_of(&view, "question"), None, "{view}");
    assert!(!view.to_string().contains("picture"), "{view}");
    assert_eq!(key_served(&party), None);
    let any = format!("/picture/{}", "0".repeat(32));
    assert_eq!(get(party.addr, &party.addr.to_string(), &any).status, 404);
    // Nor at the reveal.
    party.send(
        &mut ana.ws,
        &json!({"type": "answer", "question": 0, "option": 0}).to_string(),
    );
    press_logical(&mut party.app, Key::F2);
    let reveal = party.reveal_view(&mut ana, "the reveal", 0);
    assert!(reveal["result"].is_object(), "{reveal}");
    assert!(!reveal.to_string().contains("picture"), "{reveal}");
    assert_eq!(key_served(&party), None);
}

#[test]
fn pictures_on_phones_are_the_tvs_own_and_only_while_it_shows_them() {
    let (mut party, mut ana, ids) = sampler_party("phones-pictures-on");
    // The lobby's row: the mouse turns it on, the keyboard's Right off and Left on again.
    party.click_row(LobbyRow::PhonePictures);
    let on = || "Pictures on phones:  ‹ on ›".to_string();
    assert!(party.app.world().resource::<Phones>().show_pictures);
    assert!(labels(&mut party.app).contains(&on()));
    let row = find_by::<LobbyRow>(&mut party.app, |r| *r == LobbyRow::PhonePictures).unwrap();
    party.app.world_mut().resource_mut::<Focus>().0 = Some(row);
    press(&mut party.app, KeyCode::ArrowRight);
    assert!(!party.app.world().resource::<Phones>().show_pictures);
    press(&mut party.app, KeyCode::ArrowLeft);
    assert!(party.app.world().resource::<Phones>().show_pictures);
    assert!(labels(&mut party.app).contains(&on()));

    party.start(Format::EveryoneAnswers);
    assert_eq!(party.session().game.current().id, ids[0]);
    let (image, reveal) = media(&party);
    let reveal = reveal.unwrap();
    let view = party.view_until(&mut ana, "the question's picture", |v| {
        v["you"] == "choose" && url_of(v, "question").is_some()
    });
    let question_url = url_of(&view, "question").unwrap();
    let picture = &view["question"]["picture"];
    assert_eq!(
        (&picture["width"], &picture["height"]),
        (&json!(1280), &json!(720))
    );
    assert!(view["result"].is_null(), "{view}");
    let host = party.addr.to_string();
    let got = get(party.addr, &host, &question_url);
    assert_eq!(got.status, 200);
    assert_eq!(
        got.body,
        sampler_file(&image),
        "the question's picture, byte for byte"
    );
    assert_ne!(got.body, sampler_file(&reveal));
    assert_eq!(got.header("content-type"), Some(mime_of(&image)));
    assert_eq!(got.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(got.header("cache-control"), Some("private, max-age=600"));
    // The only picture the server has is this one: the answer's is not there to be had.
    let key = question_url.strip_prefix("/picture/").unwrap().to_string();
    assert_eq!(key_served(&party), Some(key.clone()));
    assert_eq!(key.len(), 32);
    // A foreign Host, a key one digit off, no key: nothing.
    assert_eq!(get(party.addr, "evil.example", &question_url).status, 421);
    let mut wrong = key.clone().into_bytes();
    wrong[31] = if wrong[31] == b'0' { b'1' } else { b'0' };
    let wrong = format!("/picture/{}", String::from_utf8(wrong).unwrap());
    assert_eq!(get(party.addr, &host, &wrong).status, 404);
    assert_eq!(get(party.addr, &host, "/picture/").status, 404);
    // The page may load it: its CSP allows pictures from the game itself.
    let page = get(party.addr, &host, "/");
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("img-src 'self';") && csp.contains("script-src 'self'"),
        "{csp}"
    );

    // The reveal: the answer's picture with the result, under a new key; the question's
    // address is stale.
    party.send(
        &mut ana.ws,
        &json!({"type": "answer", "question": 0, "option": 0}).to_string(),
    );
    press_logical(&mut party.app, Key::F2);
    let view = party.view_until(&mut ana, "the answer's picture", |v| {
        v["phase"] == "reveal" && url_of(v, "result").is_some()
    });
    assert_eq!(url_of(&view, "question"), None, "{view}");
    let reveal_url = url_of(&view, "result").unwrap();
    assert_ne!(reveal_url, question_url);
    let got = get(party.addr, &host, &reveal_url);
    assert_eq!(got.status, 200);
    assert_eq!(got.body, sampler_file(&reveal), "the answer's picture");
    assert_eq!(got.header("content-type"), Some(mime_of(&reveal)));
    assert_eq!(get(party.addr, &host, &question_url).status, 404);

    // A picture that uncovers itself on the TV stays there while the question is open;
    // the reveal's address is stale.
    party.next_question();
    assert_eq!(party.session().game.current().id, ids[1]);
    let (tiles, _) = media(&party);
    loaded(&mut party, &tiles);
    let view = party.view_until(&mut ana, "the uncovering question", |v| {
        v["phase"] == "question" && v["question"]["index"] == 1 && v["you"] == "choose"
    });
    frames(&mut party.app, 3);
    assert_eq!(url_of(&view, "question"), None, "{view}");
    assert_eq!(key_served(&party), None);
    assert_eq!(get(party.addr, &host, &reveal_url).status, 404);
    // At its reveal, the whole picture.
    press_logical(&mut party.app, Key::F2);
    let view = party.view_until(&mut ana, "the uncovered picture", |v| {
        v["phase"] == "reveal" && url_of(v, "result").is_some()
    });
    let got = get(party.addr, &host, &url_of(&view, "result").unwrap());
    assert_eq!(got.body, sampler_file(&tiles));
    assert_eq!(got.header("content-type"), Some(mime_of(&tiles)));

    // One address loading pictures over and over is held back.
    let url = url_of(&view, "result").unwrap();
    let statuses: Vec<u16> = (0..16)
        .map(|_| get(party.addr, &host, &url).status)
        .collect();
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(statuses[0], 200, "{statuses:?}");
}

/// The content type of a picture by its file name.
fn mime_of(path: &str) -> &'static str {
    defiant_trivia::core::media::Format::from_path(path)
        .unwrap()
        .mime()
}
