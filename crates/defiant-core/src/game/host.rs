//! The host's actions (pause, skip, reveal, next, extra time, corrections, removing a
//! seat, ending the game) and undo, which restores the scores exactly.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::command::{Event, HostAction, Refusal};
use crate::seat::SeatId;

use super::{Buzz, Format, Game, Phase, Stats};

/// The host's Next, Skip and Reveal are ignored this long after a buzz.
pub const HOST_GUARD_AFTER_BUZZ: Duration = Duration::from_millis(500);
/// The most extra time the host can add to one question.
pub const MAX_EXTRA_TIME: Duration = Duration::from_secs(600);

/// What undo restores: the seats' scores and stats (with their answers), the removed
/// flags, and within the same question the buzz-in lockouts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Snapshot {
    what: String,
    question: usize,
    phase: Phase,
    stats: Vec<Stats>,
    removed: Vec<bool>,
    lockouts: BTreeMap<SeatId, Option<Duration>>,
    #[serde(default)]
    stakes: BTreeMap<SeatId, u32>,
    #[serde(default)]
    final_step: usize,
    /// Saved before `seat`'s stake on the final (one step per seat: a change of stake
    /// replaces it; the steps go once the final's question opens).
    #[serde(default)]
    pub(super) stake_of: Option<SeatId>,
}

impl Game {
    /// What undo would take back, if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.what.as_str())
    }

    pub(super) fn host_action(&mut self, action: HostAction, at: Duration) -> Result<(), Refusal> {
        let guarded = matches!(
            action,
            HostAction::Next | HostAction::Skip | HostAction::Reveal
        );
        if guarded
            && self
                .last_buzz_at
                .is_some_and(|b| at < b + HOST_GUARD_AFTER_BUZZ)
        {
            return Err(Refusal::TooSoonAfterBuzz);
        }
        match action {
            HostAction::Pause => self.pause(at),
            HostAction::Resume => self.resume(at),
            HostAction::TogglePause => {
                if self.is_paused() {
                    self.resume(at)
                } else {
                    self.pause(at)
                }
            }
            HostAction::Skip => {
                self.expect(Phase::Question)?;
                self.skip(at);
                Ok(())
            }
            HostAction::Reveal => {
                self.expect(Phase::Question)?;
                if self.format_now() == Format::BuzzIn {
                    self.stop_open_clock(self.clock.elapsed(at));
                }
                self.close(at);
                Ok(())
            }
            // Paused, the game waits: moving on is for when the room is back.
            HostAction::Next if self.is_paused() => Err(Refusal::Paused),
            HostAction::Next => match self.phase {
                Phase::Reveal if self.final_pending() => {
                    self.reveal_next_seat(at);
                    Ok(())
                }
                Phase::Reveal | Phase::Scoreboard => {
                    self.move_on(at);
                    Ok(())
                }
                Phase::Wager => {
                    self.open_final_question(at);
                    Ok(())
                }
                Phase::RoundEnd => {
                    self.after_round_end(at);
                    Ok(())
                }
                _ => Err(Refusal::WrongPhase),
            },
            HostAction::EndEvening => self.end_evening(at),
            HostAction::Tiebreak => self.start_tiebreak(at),
            HostAction::ShareWin => self.share_win(),
            HostAction::AddTime(seconds) => {
                self.expect(Phase::Question)?;
                let added = Duration::from_secs(u64::from(seconds));
                if self.extra_time + added > MAX_EXTRA_TIME {
                    return Err(Refusal::WrongPhase);
                }
                self.extra_time += added;
                self.events.push(Event::TimeAdded { seconds });
                Ok(())
            }
            HostAction::Adjust { seat, points } => {
                if self.phase == Phase::Ready {
                    return Err(Refusal::WrongPhase);
                }
                let i = self.index_of(seat).ok_or(Refusal::NoSuchSeat)?;
                self.save(format!(
                    "{points:+} points for {}",
                    self.players[i].seat.name
                ));
                let stats = &mut self.players[i].stats;
                stats.score += i64::from(points);
                stats.adjustments += i64::from(points);
                self.events.push(Event::Adjusted { seat, points });
                Ok(())
            }
            HostAction::Undo => self.undo(),
            HostAction::RemoveSeat(seat) => self.remove(seat, at),
            HostAction::End => {
                if matches!(self.phase, Phase::Finished | Phase::Intermission) {
                    return Err(Refusal::WrongPhase);
                }
                self.finish();
                Ok(())
            }
        }
    }

    fn expect(&self, phase: Phase) -> Result<(), Refusal> {
        if self.phase == phase {
            Ok(())
        } else {
            Err(Refusal::WrongPhase)
        }
    }

    fn pause(&mut self, at: Duration) -> Result<(), Refusal> {
        if !matches!(
            self.phase,
            Phase::Question | Phase::Reveal | Phase::Scoreboard | Phase::Wager | Phase::RoundEnd
        ) {
            return Err(Refusal::WrongPhase);
        }
        if self.clock.paused_at.is_none() {
            self.clock.paused_at = Some(at);
            self.events.push(Event::Paused);
        }
        Ok(())
    }

    fn resume(&mut self, at: Duration) -> Result<(), Refusal> {
        if let Some(since) = self.clock.paused_at.take() {
            self.clock.paused_for += at.saturating_sub(since);
            self.events.push(Event::Resumed);
            // What changed while paused (a seat removed or gone) takes effect now.
            self.settle(at);
            Ok(())
        } else {
            Err(Refusal::WrongPhase)
        }
    }

    fn remove(&mut self, seat: SeatId, at: Duration) -> Result<(), Refusal> {
        let i = self.index_of(seat).ok_or(Refusal::NoSuchSeat)?;
        if self.players[i].removed {
            return Err(Refusal::SeatRemoved);
        }
        self.save(format!("removing {}", self.players[i].seat.name));
        self.players[i].removed = true;
        self.answers.remove(&seat);
        self.events.push(Event::SeatRemoved { seat });
        if self.players.iter().all(|p| p.removed) {
            self.finish();
            return Ok(());
        }
        if self.phase == Phase::Question {
            // While paused the clock stands still, so this is the paused question time.
            let elapsed = self.clock.elapsed(at);
            match self.buzz.clone() {
                Buzz::Answering { seat: holder, .. } if holder == seat => {
                    self.reopen_or_close(elapsed, at);
                }
                Buzz::Gathering { first, mut presses } => {
                    presses.retain(|s| *s != seat);
                    self.buzz = if presses.is_empty() {
                        Buzz::Open
                    } else {
                        Buzz::Gathering { first, presses }
                    };
                }
                _ => {}
            }
            self.settle(at);
        }
        Ok(())
    }

    /// Saves what undo restores, labelled with the decision about to be made.
    pub(super) fn save(&mut self, what: String) {
        self.undo.push(Snapshot {
            what,
            question: self.current,
            phase: self.phase,
            stats: self.players.iter().map(|p| p.stats.clone()).collect(),
            removed: self.players.iter().map(|p| p.removed).collect(),
            lockouts: self.lockouts.clone(),
            stakes: self.stakes.clone(),
            final_step: self.final_step,
            stake_of: None,
        });
    }

    fn undo(&mut self) -> Result<(), Refusal> {
        let snapshot = self.undo.pop().ok_or(Refusal::NothingToUndo)?;
        for (i, (stats, removed)) in snapshot.stats.into_iter().zip(snapshot.removed).enumerate() {
            self.players[i].stats = stats;
            self.players[i].removed = removed;
        }
        // Seats that joined after the snapshot keep their (empty) stats.
        if snapshot.question == self.current && self.phase == Phase::Question {
            self.lockouts = snapshot.lockouts;
        }
        // The final: a stake or a step of its reveal taken back.
        if snapshot.question == self.current && snapshot.phase == self.phase {
            match self.phase {
                Phase::Wager => self.stakes = snapshot.stakes,
                Phase::Reveal => self.final_step = snapshot.final_step,
                _ => {}
            }
        }
        self.events.push(Event::Undone {
            what: snapshot.what,
        });
        Ok(())
    }
}
