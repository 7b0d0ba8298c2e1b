//! A picture that reveals itself over a question's countdown (format 3 `uncover`): which
//! tiles are off, or how far the zoom has come out, at a moment of the countdown. Pure
//! functions of the time and the round's seed, so every screen, the console and a replay
//! agree.

use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

/// Tiles across a covered picture.
pub const TILE_COLUMNS: usize = 6;
/// Tiles down a covered picture.
pub const TILE_ROWS: usize = 4;
/// How many steps a zoom takes from close in to the whole picture.
pub const ZOOM_STEPS: usize = 6;
/// How close a zoom starts: the picture shown this many times larger.
pub const ZOOM_START: f64 = 5.0;

/// How far along the countdown is, 0 to 1: the answering time, after any clip the
/// countdown waits for (`listen`).
pub fn progress(elapsed: Duration, listen: Duration, limit: Duration) -> f64 {
    let answering = limit.saturating_sub(listen).as_secs_f64();
    if answering <= 0.0 {
        return 1.0;
    }
    (elapsed.saturating_sub(listen).as_secs_f64() / answering).clamp(0.0, 1.0)
}

/// The order the tiles come off in: a shuffle of `0..TILE_COLUMNS * TILE_ROWS` drawn from
/// `seed` (the round's seed and the question's place).
pub fn tile_order(seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..TILE_COLUMNS * TILE_ROWS).collect();
    order.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed));
    order
}

/// How many tiles are off at `progress`: one at the start, then one more in each equal
/// stretch of the countdown; never all of them (the reveal shows the whole picture).
pub fn tiles_off(progress: f64) -> usize {
    let n = TILE_COLUMNS * TILE_ROWS;
    let steps = (n - 1) as f64;
    (1 + (progress.clamp(0.0, 1.0) * steps) as usize).min(n - 1)
}

/// The zoom's step at `progress`: 0 (closest) to [`ZOOM_STEPS`] (the whole picture),
/// reached in the last stretch of the countdown.
pub fn zoom_step(progress: f64) -> usize {
    ((progress.clamp(0.0, 1.0) * (ZOOM_STEPS + 1) as f64) as usize).min(ZOOM_STEPS)
}

/// How much larger than whole the picture is drawn at zoom step `step`: from
/// [`ZOOM_START`] down to 1, by equal ratios.
pub fn zoom_scale(step: usize) -> f64 {
    let left = 1.0 - step.min(ZOOM_STEPS) as f64 / ZOOM_STEPS as f64;
    ZOOM_START.powf(left)
}

/// The part of the picture in view at `scale`, close in on (`x`, `y`): its left and top
/// edges as fractions of the picture (its size is `1 / scale`), kept inside the picture.
pub fn zoom_window(x: f64, y: f64, scale: f64) -> (f64, f64) {
    let size = 1.0 / scale.max(1.0);
    let edge = |centre: f64| (centre.clamp(0.0, 1.0) - size / 2.0).clamp(0.0, 1.0 - size);
    (edge(x), edge(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn progress_waits_for_the_clip_and_ends_at_one() {
        assert_eq!(progress(Duration::ZERO, 4 * S, 24 * S), 0.0);
        assert_eq!(progress(3 * S, 4 * S, 24 * S), 0.0);
        assert_eq!(progress(14 * S, 4 * S, 24 * S), 0.5);
        assert_eq!(progress(30 * S, 4 * S, 24 * S), 1.0);
        assert_eq!(progress(S, Duration::ZERO, Duration::ZERO), 1.0);
    }

    #[test]
    fn tiles_come_off_one_per_stretch_in_a_seeded_order() {
        let n = TILE_COLUMNS * TILE_ROWS;
        assert_eq!(tiles_off(0.0), 1);
        assert_eq!(tiles_off(0.5), 1 + (n - 1) / 2);
        assert_eq!(tiles_off(1.0), n - 1);
        // Never fewer as time goes on.
        let counts: Vec<usize> = (0..=100).map(|i| tiles_off(f64::from(i) / 100.0)).collect();
        assert!(counts.windows(2).all(|w| w[0] <= w[1]));
        let order = tile_order(7);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..n).collect::<Vec<_>>());
        assert_eq!(order, tile_order(7));
        assert_ne!(order, tile_order(8));
    }

    #[test]
    fn the_zoom_comes_out_in_steps_to_the_whole_picture() {
        assert_eq!(zoom_step(0.0), 0);
        assert_eq!(zoom_step(1.0), ZOOM_STEPS);
        assert!((zoom_scale(0) - ZOOM_START).abs() < 1e-9);
        assert!((zoom_scale(ZOOM_STEPS) - 1.0).abs() < 1e-9);
        let scales: Vec<f64> = (0..=ZOOM_STEPS).map(zoom_scale).collect();
        assert!(scales.windows(2).all(|w| w[0] > w[1]));
        // Close in on the middle, and kept inside at the edges.
        let (l, t) = zoom_window(0.5, 0.5, 4.0);
        assert!((l - 0.375).abs() < 1e-9 && (t - 0.375).abs() < 1e-9);
        assert_eq!(zoom_window(1.0, 0.0, 4.0), (0.75, 0.0));
        assert_eq!(zoom_window(0.3, 0.9, 1.0), (0.0, 0.0));
    }
}
