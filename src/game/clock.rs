//! The game clock: every input is stamped with it and the game runs on it.

use std::time::{Duration, Instant, SystemTime};

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

/// The clock every input is stamped with and the game runs on.
///
/// In the game it is the wall clock since start-up, read when an input is taken from the
/// event loop (Bevy hands over device events without timestamps, so this is the earliest
/// moment the game sees them; presses in one batch keep their order). Headless tests use
/// the frame clock ([`Time<Real>`], which they step by hand) so that every run is the same.
/// A resumed night goes on from its journal's last time: `offset` is added to either.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct GameClock {
    source: ClockSource,
    offset: Duration,
}

#[derive(Debug, Clone, Copy, Default)]
enum ClockSource {
    Wall(Instant),
    #[default]
    Frame,
}

impl GameClock {
    /// The wall clock from `origin` on.
    pub fn wall(origin: Instant) -> Self {
        Self {
            source: ClockSource::Wall(origin),
            offset: Duration::ZERO,
        }
    }
}

/// Reads the [`GameClock`].
#[derive(SystemParam)]
pub struct Now<'w> {
    clock: Res<'w, GameClock>,
    real: Res<'w, Time<Real>>,
}

impl Now<'_> {
    pub fn now(&self) -> Duration {
        self.base() + self.clock.offset
    }

    fn base(&self) -> Duration {
        match self.clock.source {
            ClockSource::Wall(origin) => origin.elapsed(),
            ClockSource::Frame => self.real.elapsed(),
        }
    }

    /// The clock set so that it reads `at` now, and runs on from there (a resumed night).
    pub fn set_to(&self, at: Duration) -> GameClock {
        GameClock {
            offset: at.saturating_sub(self.base()),
            ..*self.clock
        }
    }

    /// The game time of a moment on the monotonic clock (when the phone server read a
    /// message), never later than now. Headless tests' frame clock: `now`.
    pub fn at_instant(&self, at: Instant) -> Duration {
        match self.clock.source {
            ClockSource::Wall(origin) => {
                (at.saturating_duration_since(origin) + self.clock.offset).min(self.now())
            }
            ClockSource::Frame => self.now(),
        }
    }

    /// The game time of a moment on the system clock (a device's own timestamp), never
    /// later than now. The frame clock of headless tests has no wall time: `now` there.
    pub fn at_system(&self, at: SystemTime) -> Duration {
        let now = self.now();
        match self.clock.source {
            ClockSource::Wall(_) => {
                let age = SystemTime::now().duration_since(at).unwrap_or_default();
                now.saturating_sub(age)
            }
            ClockSource::Frame => now,
        }
    }
}
