//! The properties: replay, framing, damage and resumes.

use super::*;

// ---- Properties --------------------------------------------------------------------------

/// A night read back from its journal replays to the live game: record by record, and
/// at the end (where the live game, run on by frames in which no timer fired since the
/// last record, is the replay run on to the same time). It resumes with the phone tokens
/// of the phones still seated.
pub(crate) fn replays_as_it_went_live(live: &Live) -> Result<(), TestCaseError> {
    let journal = read(&live.bytes)?;
    prop_assert_eq!(&journal.header, &live.header);
    prop_assert_eq!(&journal.records, &live.records);
    prop_assert_eq!(journal.good_len as usize, live.bytes.len());
    prop_assert_eq!(journal.dropped, 0);

    let mut game = journal.header.game().expect("the header builds its game");
    prop_assert_eq!(&game, &live.after[0]);
    for (k, record) in journal.records.iter().enumerate() {
        let _ = night::apply(&mut game, &journal.header, record);
        game.take_events();
        prop_assert_eq!(
            &game,
            &live.after[k + 1],
            "after record {}: {:?}",
            k,
            record
        );
    }

    let night = night::replay(&journal).expect("the header builds its game");
    prop_assert_eq!(night.records, live.records.len());
    prop_assert_eq!(&night.game, live.after.last().expect("the start"));
    prop_assert_eq!(
        night.resumed_at(),
        live.after.last().expect("the start").advanced_to()
    );
    let mut resumed = night.game.clone();
    prop_assert!(
        !resumed.advance(live.game.advanced_to()),
        "a timer the live frames missed"
    );
    resumed.take_events();
    prop_assert_eq!(&resumed, &live.game);
    prop_assert_eq!(night.tokens.clone(), live.expected_tokens());
    Ok(())
}

/// Then Undo after Undo (a little time passing between them, timers firing and journalled
/// as ever) until there is nothing left to undo: the journal replays to the live game,
/// with every score back to 0 and no seat removed.
pub(crate) fn undoes_everything_as_it_went_live(
    mut live: Live,
    gaps: &[Duration],
) -> Result<(), TestCaseError> {
    let mut undone = 0;
    loop {
        live.now += gaps[undone % gaps.len()];
        live.frame(live.now);
        let at = live.now;
        match live.host(HostAction::Undo, at, at) {
            Ok(()) => undone += 1,
            Err(Refusal::NothingToUndo) => break,
            Err(other) => return Err(TestCaseError::fail(format!("undo refused: {other:?}"))),
        }
        prop_assert!(undone < 1_000, "undo never ran out");
    }
    prop_assert!(live.game.undo_label().is_none());
    for p in live.game.players() {
        prop_assert_eq!(p.stats.score, 0, "{} after undoing everything", p.seat.id);
        prop_assert!(
            !p.removed,
            "{} still removed after undoing everything",
            p.seat.id
        );
    }
    let journal = read(&live.bytes)?;
    prop_assert_eq!(&journal.records, &live.records);
    let game = replay(&journal)?;
    prop_assert_eq!(&game, &live.game);
    Ok(())
}

fn gaps() -> impl Strategy<Value = Vec<Duration>> {
    prop::collection::vec(
        prop_oneof![
            3 => Just(Duration::ZERO),
            1 => (0u64..4_000).prop_map(Duration::from_millis),
        ],
        1..=4,
    )
}

proptest! {
    #![proptest_config(config(1024))]

    /// A night (half of them in rounds) replays to the live game (see
    /// `replays_as_it_went_live`).
    #[test]
    fn a_replayed_night_equals_the_live_one(setup in setup(), steps in steps(64)) {
        replays_as_it_went_live(&play(&setup, &steps))?;
    }
}

proptest! {
    #![proptest_config(config(192))]

    /// A night in rounds played long enough to get somewhere (the final's stakes and its
    /// reveal seat by seat, a round's end, the evening stopped and the next one added, a
    /// sudden death or a shared win) replays record by record to the live game; and
    /// undoing everything then brings every score back to 0, replayed as it went live.
    #[test]
    fn a_long_night_in_rounds_replays_and_undoes_as_it_went_live(
        setup in rounds_setup(),
        steps in steps(160),
        gaps in gaps(),
    ) {
        let live = play(&setup, &steps);
        replays_as_it_went_live(&live)?;
        undoes_everything_as_it_went_live(live, &gaps)?;
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// A journal cut at any byte of its header has no night to resume; cut at any byte of
    /// its last three records, it reads back as its longest whole prefix (what follows is
    /// dropped, and appending goes on after it), which replays to the live game as it was
    /// after that prefix.
    #[test]
    fn a_torn_end_reads_as_the_longest_whole_prefix(setup in setup(), steps in steps(48)) {
        let live = play(&setup, &steps);
        for cut in 0..live.ends[0] {
            prop_assert_eq!(night::read(&live.bytes[..cut]), Err(JournalError::NoHeader), "cut at {}", cut);
        }
        let n = live.records.len();
        let mut replayed = BTreeSet::new();
        for cut in live.ends[n.saturating_sub(3)]..=live.bytes.len() {
            let journal = read(&live.bytes[..cut])?;
            let k = live.whole_records(cut);
            prop_assert_eq!(&journal.header, &live.header);
            prop_assert_eq!(&journal.records[..], &live.records[..k], "cut at {}", cut);
            prop_assert_eq!(journal.good_len as usize, live.ends[k]);
            prop_assert_eq!(journal.dropped as usize, cut - live.ends[k]);
            if replayed.insert(k) {
                prop_assert_eq!(&replay(&journal)?, &live.after[k], "{} records", k);
            }
        }
    }
}

proptest! {
    #![proptest_config(config(1024))]

    /// One to three flipped bits anywhere (in a whole journal or a torn one): reading never
    /// panics and never misreads. It refuses the journal, or reads the header as written and
    /// a prefix of the records written, none from the first damaged frame on, which
    /// replays to the live game after that prefix. Damage before the first record is always
    /// refused.
    #[test]
    fn flipped_bits_are_refused_or_cost_only_the_records_from_there(
        setup in setup(),
        steps in steps(48),
        torn in prop::bool::weighted(0.3),
        cut in any::<Index>(),
        flips in prop::collection::vec((any::<Index>(), 0u8..8), 1..=3),
    ) {
        let live = play(&setup, &steps);
        let len = if torn { cut.index(live.bytes.len() + 1) } else { live.bytes.len() };
        let mut bytes = live.bytes[..len].to_vec();
        if len > 0 {
            for (at, bit) in &flips {
                bytes[at.index(len)] ^= 1 << bit;
            }
        }
        // Flips of the same bit twice cancel out.
        let damaged = bytes.iter().zip(&live.bytes).position(|(a, b)| a != b);
        let outcome = night::read(&bytes);
        let fits = (len >= live.ends[0]).then(|| live.whole_records(len));
        match (&outcome, damaged, fits) {
            (Err(JournalError::NoHeader), None, None) => return Ok(()),
            (Err(e), None, _) => return Err(TestCaseError::fail(format!("an undamaged journal refused: {e}"))),
            (Err(_), Some(_), _) => return Ok(()),
            (Ok(_), _, None) => return Err(TestCaseError::fail("a torn header read")),
            (Ok(_), Some(at), _) if at < live.ends[0] => {
                return Err(TestCaseError::fail(format!("damage at byte {at}, in the header, read")));
            }
            (Ok(_), _, Some(_)) => {}
        }
        let journal = outcome.expect("read");
        let k = journal.records.len();
        prop_assert_eq!(&journal.header, &live.header);
        prop_assert!(k <= fits.expect("some fit"));
        prop_assert_eq!(&journal.records[..], &live.records[..k], "a record never written");
        prop_assert_eq!(journal.good_len as usize, live.ends[k]);
        prop_assert_eq!(journal.dropped as usize, len - live.ends[k]);
        match damaged {
            // The damaged frame is record `r`'s: nothing from it on is read.
            Some(at) => prop_assert!(k < live.whole_records(at) + 1, "read past the damage at byte {}", at),
            None => prop_assert_eq!(k, fits.expect("some fit")),
        }
        prop_assert_eq!(&replay(&journal)?, &live.after[k]);
    }
}

proptest! {
    #![proptest_config(config(512))]

    /// Any night, then undo everything (see `undoes_everything_as_it_went_live`).
    #[test]
    fn undoing_everything_replays_as_it_went_live(
        setup in setup(),
        steps in steps(64),
        gaps in gaps(),
    ) {
        undoes_everything_as_it_went_live(play(&setup, &steps), &gaps)?;
    }
}
