//! Buzz ties are drawn fairly and reproducibly.

use super::*;

// ---- Drawing buzz ties -------------------------------------------------------------------

/// Distinct tied seats, sorted and in some arrival order.
fn tied_seats(
    count: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = (Vec<SeatId>, Vec<SeatId>)> {
    prop::collection::btree_set(0u32..64, count).prop_flat_map(|ids| {
        let presses: Vec<SeatId> = ids.into_iter().map(SeatId).collect();
        (Just(presses.clone()), Just(presses).prop_shuffle())
    })
}

proptest! {
    #![proptest_config(config(256))]

    /// A tie's draw is a function of the seed, the question, the buzz round and the set of
    /// tied seats: the same inputs give the same winner, the winner is one of the presses,
    /// and the order the presses arrived in does not matter.
    #[test]
    fn draw_is_deterministic_and_order_free(seed in any::<u64>(), q in 0usize..50, round in 0u32..8, (presses, shuffled) in tied_seats(1..=6)) {
        let winner = draw(seed, q, round, &presses);
        prop_assert!(presses.contains(&winner));
        prop_assert_eq!(draw(seed, q, round, &presses), winner);
        prop_assert_eq!(draw(seed, q, round, &shuffled), winner);
        let reversed: Vec<SeatId> = presses.iter().rev().copied().collect();
        prop_assert_eq!(draw(seed, q, round, &reversed), winner);
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// Over many seeds, each of three tied seats wins at least 20% of the draws (a fair
    /// draw gives each a third).
    #[test]
    fn draw_is_fair_among_three(base in any::<u64>(), q in 0usize..50, round in 0u32..8, (presses, _) in tied_seats(3..=3)) {
        const DRAWS: u64 = 1_500;
        let mut wins = [0u64; 3];
        for n in 0..DRAWS {
            let winner = draw(base.wrapping_add(n), q, round, &presses);
            let i = presses.iter().position(|s| *s == winner).expect("a tied seat wins");
            wins[i] += 1;
        }
        for (seat, w) in presses.iter().zip(wins) {
            prop_assert!(w * 5 >= DRAWS, "{} won {} of {} draws: {:?}", seat, w, DRAWS, wins);
        }
    }
}
