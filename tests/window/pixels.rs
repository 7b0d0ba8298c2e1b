//! What a screenshot shows, from its pixels: the checks that something is drawn (the probe
//! says which screen the game is on; these say the window shows it).

use defiant_trivia::game::theme::palette;

use crate::harness::{HEIGHT, WIDTH};

/// A screenshot: RGB bytes, row by row.
pub struct Shot {
    pub rgb: Vec<u8>,
    pub width: usize,
}

impl Shot {
    pub fn pixel(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.width + x) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    /// Share of pixels in the rectangle within `tolerance` of `color` on every channel.
    pub fn share(
        &self,
        (x0, y0, x1, y1): (usize, usize, usize, usize),
        color: [u8; 3],
        tolerance: u8,
    ) -> f64 {
        let mut hits = 0usize;
        for y in y0..y1 {
            for x in x0..x1 {
                let p = self.pixel(x, y);
                if (0..3).all(|c| p[c].abs_diff(color[c]) <= tolerance) {
                    hits += 1;
                }
            }
        }
        hits as f64 / ((x1 - x0) * (y1 - y0)) as f64
    }
}

/// sRGB bytes of a palette colour.
pub fn rgb(color: bevy::color::Color) -> [u8; 3] {
    let c = color.to_srgba();
    [c.red, c.green, c.blue].map(|v| (v * 255.0).round() as u8)
}

pub fn title_ready(shot: &Shot) -> bool {
    shot.share((0, 0, WIDTH, HEIGHT), rgb(palette::BACKGROUND), 3) > 0.5
        && shot.share((200, 20, 1080, 200), rgb(palette::ACCENT), 12) > 0.02
}

/// A question: the first answer's colour fills part of the lower half.
pub fn question_ready(shot: &Shot) -> bool {
    shot.share((0, 360, WIDTH, HEIGHT), rgb(palette::ANSWER[0]), 10) > 0.01
}

/// A reveal: the right answer's card is green and no answer keeps its question colour.
pub fn reveal_ready(shot: &Shot) -> bool {
    shot.share((0, 200, WIDTH, HEIGHT), rgb(palette::RIGHT), 10) > 0.01
        && shot.share((0, 200, WIDTH, HEIGHT), rgb(palette::ANSWER[0]), 10) < 0.001
}

/// The pause overlay: its "Paused" headline in the accent colour, the question hidden.
pub fn paused_ready(shot: &Shot) -> bool {
    !question_ready(shot)
        && shot.share((440, 100, 840, 180), rgb(palette::ACCENT), 12) > 0.05
        && panels(shot, (440, 250, 840, 600)) > 0.1
}

/// The title offering a night to resume: the title, and the night's summary line (muted)
/// under the Resume the party button.
pub fn resume_offered(shot: &Shot) -> bool {
    title_ready(shot) && shot.share((560, 250, 720, 280), rgb(palette::TEXT_MUTED), 24) > 0.02
}

/// The party lobby, empty or not: its title and the settings' panels.
pub fn lobby_ready(shot: &Shot) -> bool {
    shot.share((0, 0, WIDTH, 80), rgb(palette::ACCENT), 12) > 0.005
        && panels(shot, (660, 100, 1240, 600)) > 0.1
}

/// The lobby's seat cards show seat `n`'s colour (its card, top left).
pub fn seat_shown(shot: &Shot, n: u8) -> bool {
    shot.share((40, 100, 640, 260), rgb(palette::seat(n)), 10) > 0.0002
}

/// The podium fully revealed: its places' raised panels, and the list under them (the
/// standings, the awards, every question), which the reveal shows last.
pub fn podium_ready(shot: &Shot) -> bool {
    shot.share((200, 200, 1080, 560), rgb(palette::PANEL_RAISED), 6) > 0.05
        && shot.share((40, 430, 1240, 620), rgb(palette::TEXT), 40) > 0.01
}

/// Share of a region covered by cards and buttons, focused or not.
pub fn panels(shot: &Shot, region: (usize, usize, usize, usize)) -> f64 {
    shot.share(region, rgb(palette::PANEL), 3) + shot.share(region, rgb(palette::PANEL_RAISED), 3)
}

/// Whether two captures of the whole public window differ in more than 1% of pixels.
pub fn changed(a: &Shot, b: &Shot) -> bool {
    let differing = a
        .rgb
        .chunks(3)
        .zip(b.rgb.chunks(3))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 8))
        .count();
    differing as f64 / (WIDTH * HEIGHT) as f64 > 0.01
}

/// Share of pixels that differ between two captures of the same region.
pub fn differ(a: &[u8], b: &[u8]) -> f64 {
    let n = a.len().min(b.len()) / 3;
    let differing = a
        .chunks(3)
        .zip(b.chunks(3))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 8))
        .count();
    differing as f64 / n.max(1) as f64
}

/// The console's title bar is drawn.
pub fn console_ready(s: &Shot) -> bool {
    s.share((0, 0, 1100, 60), rgb(palette::ACCENT), 12) > 0.01
}

/// The buttons along the console's button bar: spans of a row that are not the background,
/// each with whether it is lit (enabled: the raised panel colour) — found on the row that
/// crosses the most of them.
pub fn console_buttons(shot: &Shot) -> Vec<(usize, usize, bool)> {
    let bg = rgb(palette::BACKGROUND);
    let raised = rgb(palette::PANEL_RAISED);
    let panel = rgb(palette::PANEL);
    let near = |p: [u8; 3], c: [u8; 3]| (0..3).all(|i| p[i].abs_diff(c[i]) <= 4);
    let mut best: Vec<(usize, usize, bool)> = Vec::new();
    for y in 40..98 {
        let mut spans = Vec::new();
        let mut x = 0;
        while x < shot.width {
            if near(shot.pixel(x, y), bg) {
                x += 1;
                continue;
            }
            // A span ends at 6 background pixels in a row (the gap between buttons).
            let start = x;
            let mut gap = 0;
            while x < shot.width && gap < 6 {
                gap = if near(shot.pixel(x, y), bg) {
                    gap + 1
                } else {
                    0
                };
                x += 1;
            }
            let end = x - gap;
            let lit = (start..end)
                .filter(|&i| near(shot.pixel(i, y), raised))
                .count();
            let grey = (start..end)
                .filter(|&i| near(shot.pixel(i, y), panel))
                .count();
            // A button: mostly its own fill (text lines are mostly glyph colours).
            if end - start > 40 && (lit + grey) * 2 > end - start {
                spans.push((start, end, lit > grey));
            }
        }
        if spans.len() > best.len() {
            best = spans;
        }
    }
    best
}
