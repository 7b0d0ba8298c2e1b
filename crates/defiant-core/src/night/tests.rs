//! The night's unit tests: records applied and replayed, the journal's bytes, its files and
//! the writer.

use super::*;
use crate::command::{HostAction, SeatAction};
use crate::game::Format;
use crate::pack::Difficulty;
use crate::round::Asked;
use std::fs::{self, OpenOptions};
use std::io::Write;

const S: Duration = Duration::from_secs(1);

fn header(seats: u32) -> NightHeader {
    let questions = (0..3)
        .map(|n| RoundQuestion {
            id: format!("q{n}"),
            prompt: format!("Question {n}?"),
            options: vec!["A".into(), "B".into(), "C".into()],
            correct: n % 3,
            explanation: "Because.".into(),
            category: "Test".into(),
            difficulty: Difficulty::Easy,
            time_limit: 10 * S,
            true_false: false,
            asked: Asked::Choice,
            media: Default::default(),
        })
        .collect();
    NightHeader {
        pack_file: "test.ron".into(),
        pack_title: "Test pack".into(),
        settings: RoundSettings::default(),
        rules: Rules::party(Format::EveryoneAnswers),
        questions,
        seats: (0..seats).map(crate::seat::test_seat).collect(),
        teams: Vec::new(),
        seed: 7,
        phones: None,
        started_ms: 0,
        rounds: Vec::new(),
        tiebreaks: Vec::new(),
        series: false,
    }
}

fn play(seat: u32, option: u8, at: Duration) -> Op {
    Op::Play(Command::Seat {
        seat: SeatId(seat),
        action: SeatAction::Answer(option),
        at,
    })
}

/// Applies `ops` live (as the controller does) and returns the game and the bytes.
fn live(header: &NightHeader, ops: &[(Duration, Op)]) -> (Game, Vec<u8>) {
    let mut game = header.game().unwrap();
    let mut bytes = encode_start(header);
    for (at, op) in ops {
        let record = record(&game, op.clone(), *at);
        let _ = apply(&mut game, header, &record);
        game.take_events();
        bytes.extend(encode_record(&record));
    }
    (game, bytes)
}

#[test]
fn a_replayed_night_equals_the_live_one() {
    let h = header(2);
    let ops = vec![
        (S, Op::Start),
        (2 * S, play(0, 0, 2 * S)),
        (3 * S, play(1, 1, 3 * S)),
        (
            4 * S,
            Op::Play(Command::Host {
                action: HostAction::Undo,
                at: 4 * S,
            }),
        ),
        (20 * S, Op::Tick),
    ];
    let (game, bytes) = live(&h, &ops);
    let journal = read(&bytes).unwrap();
    assert_eq!(journal.records.len(), 5);
    assert_eq!(journal.dropped, 0);
    let night = replay(&journal).unwrap();
    assert_eq!(night.game, game);
}

#[test]
fn a_torn_end_is_dropped_and_damage_is_refused() {
    let h = header(2);
    let ops = vec![
        (S, Op::Start),
        (2 * S, play(0, 0, 2 * S)),
        (3 * S, play(1, 2, 3 * S)),
    ];
    let (_, bytes) = live(&h, &ops);
    let whole = read(&bytes).unwrap();
    // Cut anywhere in the last record: the two before it remain.
    let last = encode_record(&whole.records[2]).len();
    for cut in 1..=last {
        let journal = read(&bytes[..bytes.len() - cut]).unwrap();
        assert_eq!(journal.records, whole.records[..2]);
        assert_eq!(journal.good_len as usize, bytes.len() - last);
    }
    // A flipped bit in the middle record is damage.
    let mut flipped = bytes.clone();
    let middle = bytes.len() - last - 3;
    flipped[middle] ^= 0x10;
    assert!(matches!(read(&flipped), Err(JournalError::Damaged { .. })));
    // Another format or not a journal at all.
    let mut newer = bytes.clone();
    newer[8] = 9;
    assert_eq!(read(&newer), Err(JournalError::NewerFormat(9)));
    assert_eq!(
        read(b"hello world, this is no journal"),
        Err(JournalError::NotAJournal)
    );
    assert_eq!(read(&bytes[..5]), Err(JournalError::NoHeader));
}

#[test]
fn the_writer_appends_and_a_journal_reopens_after_its_torn_end() {
    let dir = std::env::temp_dir().join(format!("dt-night-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let h = header(2);
    let path = new_path(&dir, 42);
    let file = create(&path, &h).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let writer = JournalWriter::new(path.clone(), file);
    let first = Record {
        at: S,
        op: Op::Start,
    };
    writer.append(encode_record(&first));
    let status = writer.close();
    assert!(status.error.is_none());
    assert!(status.synced >= 1);
    // A torn tail is cut off on reopening, and appending goes on after the last whole record.
    let mut f = OpenOptions::new().append(true).open(&path).unwrap();
    f.write_all(&[1, 2, 3]).unwrap();
    drop(f);
    let journal = read(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(journal.dropped, 3);
    let file = reopen(&path, journal.good_len).unwrap();
    let writer = JournalWriter::new(path.clone(), file);
    writer.append(encode_record(&Record {
        at: 2 * S,
        op: Op::Tick,
    }));
    writer.close();
    let journal = read(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(journal.records.len(), 2);
    assert_eq!(journal.dropped, 0);
    assert_eq!(journals(&dir), vec![path]);
    prune(&dir, 0);
    assert!(journals(&dir).is_empty());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn phones_keep_their_tokens_unless_removed() {
    let mut h = header(1);
    h.phones = Some(PhoneRoom {
        port: 7878,
        room: "ABCD".into(),
        tokens: BTreeMap::new(),
        banned: Vec::new(),
    });
    let phone = |id: u32| Seat {
        id: SeatId(id),
        name: format!("Phone {id}"),
        colour: 1,
        device: Device::Phone,
        team: None,
    };
    let join = |id: u32| {
        Op::Roster(Roster::Join {
            seat: phone(id),
            token: Some(format!("token{id}")),
        })
    };
    let ops = vec![
        (S, Op::Start),
        (2 * S, join(1000)),
        (3 * S, join(1001)),
        (4 * S, Op::Roster(Roster::Away(SeatId(1000)))),
        (
            5 * S,
            Op::Play(Command::Host {
                action: HostAction::RemoveSeat(SeatId(1001)),
                at: 5 * S,
            }),
        ),
    ];
    let (game, bytes) = live(&h, &ops);
    let journal = read(&bytes).unwrap();
    let night = replay(&journal).unwrap();
    assert_eq!(night.game, game);
    assert!(night.game.player(SeatId(1000)).unwrap().away);
    let tokens = &night.tokens;
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[&SeatId(1000)], "token1000");
    assert_eq!(night.resumed_at(), 5 * S);
}

#[test]
fn ages_read_naturally() {
    assert_eq!(ago(Duration::from_secs(5)), "just now");
    assert_eq!(ago(Duration::from_secs(60)), "1 minute ago");
    assert_eq!(ago(Duration::from_secs(180)), "3 minutes ago");
    assert_eq!(ago(Duration::from_secs(7200)), "2 hours ago");
    assert_eq!(ago(Duration::from_secs(86_400 * 3)), "3 days ago");
}
