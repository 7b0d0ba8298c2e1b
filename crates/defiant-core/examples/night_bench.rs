//! Benchmarks the night's journal (run by `scripts/bench-night`; prints figures, asserts
//! nothing):
//!
//! 1. the cost of journalling one command on this disk: encoding its record, writing its
//!    frame and syncing it (`fdatasync`), p50 and p99 over many commands;
//! 2. the same through the game's writer thread: from handing a frame over to it being
//!    synced (the game's frame itself only pays the hand-over);
//! 3. reading and replaying a night of 10,000 commands, and a typical night of about 600,
//!    which is what start-up adds when a night is there to resume.
//!
//! Usage: `night_bench PACK.ron FOLDER` (FOLDER on the disk to measure).

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use defiant_core::command::{Command, HostAction, SeatAction};
use defiant_core::game::{Format, Rules};
use defiant_core::night::{self, JournalWriter, NightHeader, Op, Record};
use defiant_core::round::RoundSettings;
use defiant_core::seat::{Device, Seat, SeatId};

fn main() {
    let mut args = std::env::args().skip(1);
    let pack_path = PathBuf::from(args.next().expect("usage: night_bench PACK.ron FOLDER"));
    let folder = PathBuf::from(args.next().expect("usage: night_bench PACK.ron FOLDER"));
    let pack = defiant_core::check_file(&pack_path)
        .pack
        .expect("the pack is valid");
    fs::create_dir_all(&folder).expect("the folder can be made");

    let header = |questions: Option<usize>| {
        let settings = RoundSettings {
            question_count: questions,
            seed: 1992,
            max_options: Some(4),
            ..RoundSettings::default()
        };
        NightHeader::new(
            "the-defiant-ones.ron",
            &pack,
            settings,
            Rules::party(Format::EveryoneAnswers),
            (0..8)
                .map(|i| Seat {
                    id: SeatId(i),
                    name: format!("Player {}", i + 1),
                    colour: i as u8,
                    device: Device::Keys((i % 4) as u8),
                    team: None,
                })
                .collect(),
            Vec::new(),
        )
    };

    // 1. Encode, write and sync one record at a time.
    let h = header(Some(20));
    let path = folder.join("bench-sync.night");
    let _ = fs::remove_file(&path);
    let mut file = night::create(&path, &h).expect("journal created");
    let commands = 1000;
    let mut each = Vec::with_capacity(commands);
    for i in 0..commands {
        let record = answer_record(i);
        let started = Instant::now();
        let bytes = night::encode_record(&record);
        use std::io::Write;
        file.write_all(&bytes).expect("written");
        file.sync_data().expect("synced");
        each.push(started.elapsed());
    }
    drop(file);
    let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    report(
        "one command journalled (encode, write, fdatasync)",
        &mut each,
    );
    println!(
        "  {} records: {} bytes, {:.0} bytes a record",
        commands,
        size,
        size as f64 / (commands + 1) as f64
    );
    let _ = fs::remove_file(&path);

    // 2. Through the writer thread, one frame's records at a time.
    let path = folder.join("bench-thread.night");
    let _ = fs::remove_file(&path);
    let file = night::create(&path, &h).expect("journal created");
    let writer = JournalWriter::new(path.clone(), file);
    let mut handover = Vec::with_capacity(commands);
    let mut synced = Vec::with_capacity(commands);
    for i in 0..commands / 4 {
        let started = Instant::now();
        writer.append(night::encode_record(&answer_record(i)));
        handover.push(started.elapsed());
        let target = (i + 1) as u64;
        while writer.status().synced < target {
            std::thread::yield_now();
        }
        synced.push(started.elapsed());
    }
    writer.close();
    report(
        "hand-over to the writer thread (what a frame pays)",
        &mut handover,
    );
    report("hand-over until synced on disk", &mut synced);
    let _ = fs::remove_file(&path);

    // 3. Read and replay nights of 10,000 and about 600 commands.
    for (label, total, questions) in [
        ("10,000 commands", 10_000, None),
        ("a typical night", 600, Some(20)),
    ] {
        let h = header(questions);
        let bytes = night_bytes(&h, total);
        let path = folder.join("bench-replay.night");
        fs::write(&path, &bytes).expect("written");
        let mut times = Vec::new();
        let mut records = 0;
        for _ in 0..7 {
            let started = Instant::now();
            let bytes = fs::read(&path).expect("read");
            let journal = night::read(&bytes).expect("a whole journal");
            let replayed = night::replay(&journal).expect("it replays");
            records = replayed.records;
            times.push(started.elapsed());
        }
        times.sort();
        println!(
            "read and replay {label} ({records} records, {} questions, {} KiB): median {:.1} ms, best {:.1} ms",
            h.questions.len(),
            bytes.len() / 1024,
            ms(times[times.len() / 2]),
            ms(times[0])
        );
        let _ = fs::remove_file(&path);
    }
}

/// A seat's answer, as most of a night's records are.
fn answer_record(i: usize) -> Record {
    let at = Duration::from_millis(1000 + i as u64 * 250);
    Record {
        at,
        op: Op::Play(Command::Seat {
            seat: SeatId((i % 8) as u32),
            action: SeatAction::Answer((i % 4) as u8),
            at,
        }),
    }
}

/// A night of `total` records: every seat answers each question, the host moves on, now
/// and then adjusts and undoes, and the clock ticks.
fn night_bytes(header: &NightHeader, total: usize) -> Vec<u8> {
    let mut game = header.game().expect("a game");
    let mut bytes = night::encode_start(header);
    let mut t = Duration::from_secs(1);
    let push = |game: &mut defiant_core::game::Game, op: Op, at: Duration, bytes: &mut Vec<u8>| {
        let record = night::record(game, op, at);
        let _ = night::apply(game, header, &record);
        game.take_events();
        bytes.extend(night::encode_record(&record));
    };
    push(&mut game, Op::Start, t, &mut bytes);
    let mut n = 1;
    let step = Duration::from_millis(300);
    while n < total {
        for seat in 0..8u32 {
            t += step;
            let op = Op::Play(Command::Seat {
                seat: SeatId(seat),
                action: SeatAction::Answer((seat % 4) as u8),
                at: t,
            });
            push(&mut game, op, t, &mut bytes);
            n += 1;
        }
        t += step;
        push(&mut game, Op::Tick, t, &mut bytes);
        let host = |action, at| Op::Play(Command::Host { action, at });
        if n % 50 < 10 {
            push(
                &mut game,
                host(
                    HostAction::Adjust {
                        seat: SeatId(1),
                        points: 100,
                    },
                    t,
                ),
                t,
                &mut bytes,
            );
            push(&mut game, host(HostAction::Undo, t), t, &mut bytes);
            n += 2;
        }
        for _ in 0..2 {
            t += Duration::from_secs(1);
            push(&mut game, host(HostAction::Next, t), t, &mut bytes);
            n += 1;
        }
        if game.phase() == defiant_core::game::Phase::Finished {
            push(&mut game, Op::Restart, t, &mut bytes);
            push(&mut game, Op::Start, t, &mut bytes);
            n += 2;
        }
        n += 1;
    }
    bytes
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms ({} samples)",
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0)),
        times.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
