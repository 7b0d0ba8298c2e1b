//! The lobby's state: the seats being gathered and the party's own settings.

use super::*;

/// The lobby's state: seats and the party's own settings (the round's are
/// [`SetupChoices`], shared with solo setup).
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Lobby {
    pub seats: Vec<Seat>,
    pub pads: Vec<(Entity, SeatId)>,
    pub format: Format,
    pub speed_bonus: bool,
    pub streak_bonus: bool,
    pub penalty: usize,
    pub scoreboard: usize,
    /// Index into [`TEAM_COUNTS`].
    pub teams: usize,
    /// Seat being renamed, with the name typed so far.
    pub renaming: Option<(SeatId, String)>,
    /// The last press of each seat, for lighting its card.
    pub pressed: Vec<(SeatId, Duration)>,
    pub message: Option<String>,
    /// The night's rounds.
    pub plan: super::rounds::NightPlan,
    next_id: u32,
}

impl Default for Lobby {
    fn default() -> Self {
        Self {
            seats: Vec::new(),
            pads: Vec::new(),
            format: Format::EveryoneAnswers,
            speed_bonus: true,
            streak_bonus: true,
            penalty: 2,
            scoreboard: 0,
            teams: 0,
            renaming: None,
            pressed: Vec::new(),
            message: None,
            plan: Default::default(),
            next_id: 0,
        }
    }
}

impl Lobby {
    /// The lobby of a resumed night: its seats and rules, as the night had them.
    pub fn resumed(session: &Session) -> Self {
        let rules = &session.rules;
        let seats: Vec<Seat> = session
            .game
            .players()
            .iter()
            .filter(|p| !p.removed)
            .map(|p| p.seat.clone())
            .collect();
        let next_id = seats
            .iter()
            .filter(|s| s.device != Device::Phone)
            .map(|s| s.id.0 + 1)
            .max()
            .unwrap_or(0);
        Self {
            seats,
            format: rules.format,
            speed_bonus: rules.speed_bonus,
            streak_bonus: rules.streak_bonus,
            penalty: PENALTIES
                .iter()
                .position(|&p| p == rules.wrong_penalty)
                .unwrap_or(2),
            scoreboard: SCOREBOARDS
                .iter()
                .position(|&s| s == rules.scoreboard)
                .unwrap_or(0),
            teams: TEAM_COUNTS
                .iter()
                .position(|&n| n == session.teams.len())
                .unwrap_or(0),
            next_id,
            ..default()
        }
    }

    pub fn team_count(&self) -> usize {
        TEAM_COUNTS[self.teams]
    }

    pub fn teams(&self) -> Vec<Team> {
        (0..self.team_count())
            .map(|i| Team {
                id: TeamId(i as u8),
                name: TEAM_NAMES[i].to_string(),
            })
            .collect()
    }

    /// The rules the host chose.
    pub fn rules(&self) -> Rules {
        Rules {
            speed_bonus: self.speed_bonus,
            streak_bonus: self.streak_bonus,
            wrong_penalty: PENALTIES[self.penalty],
            scoreboard: SCOREBOARDS[self.scoreboard],
            ..Rules::party(self.format)
        }
    }

    /// Adds a seat on `device`; `None` when the party is full.
    pub fn add_seat(&mut self, device: Device) -> Option<SeatId> {
        if self.local_seats() >= MAX_LOCAL_SEATS {
            self.message = Some(format!(
                "The party is full: {MAX_LOCAL_SEATS} players at most."
            ));
            return None;
        }
        let id = SeatId(self.next_id);
        self.next_id += 1;
        let colour = self.next_colour();
        let number = (1..)
            .find(|n| !self.seats.iter().any(|s| s.name == format!("Player {n}")))
            .unwrap_or(1);
        let team = self.next_team();
        self.seats.push(Seat {
            id,
            name: format!("Player {number}"),
            colour,
            device,
            team,
        });
        self.message = None;
        Some(id)
    }

    /// Adds a phone's seat (its id comes from the phone server; phones do not count
    /// against the local seats).
    pub fn add_phone(&mut self, id: SeatId, name: String) -> Seat {
        let colour = self.next_colour();
        let team = self.next_team();
        let seat = Seat {
            id,
            name,
            colour,
            device: Device::Phone,
            team,
        };
        self.seats.push(seat.clone());
        seat
    }

    /// The colour least used so far (lowest first): colours repeat only past eight seats.
    fn next_colour(&self) -> u8 {
        (0..seat::SEAT_COLOURS)
            .min_by_key(|c| (self.seats.iter().filter(|s| s.colour == *c).count(), *c))
            .unwrap_or(0)
    }

    /// The team a new seat is dealt into, in turn (none without teams).
    fn next_team(&self) -> Option<TeamId> {
        let n = self.team_count();
        (n > 0).then(|| TeamId((self.seats.len() % n) as u8))
    }

    /// Local seats (keyboard groups and gamepads): at most [`MAX_LOCAL_SEATS`].
    pub fn local_seats(&self) -> usize {
        self.seats
            .iter()
            .filter(|s| s.device != Device::Phone)
            .count()
    }

    pub fn remove_seat(&mut self, id: SeatId) {
        self.seats.retain(|s| s.id != id);
        self.pads.retain(|(_, s)| *s != id);
    }

    /// The host removes a seat (Delete on its card, or the console): a phone's is kicked
    /// too, disconnected and its name kept out for the party.
    pub fn remove_and_kick(&mut self, id: SeatId, phones: &mut Phones) {
        if let Some(seat) = self
            .seats
            .iter()
            .find(|s| s.id == id && s.device == Device::Phone)
        {
            phones.kick(seat.id, &seat.name);
        }
        self.remove_seat(id);
    }

    /// Deals the seats into the teams in turn (after a change of team count).
    pub fn deal_teams(&mut self) {
        let n = self.team_count();
        for (i, seat) in self.seats.iter_mut().enumerate() {
            seat.team = (n > 0).then(|| TeamId((i % n) as u8));
        }
    }

    /// Shuffles the seats into teams as evenly as they go, with the round's seed.
    pub fn shuffle_teams(&mut self, seed: u64) {
        let n = self.team_count();
        if n == 0 {
            return;
        }
        let mut order: Vec<usize> = (0..self.seats.len()).collect();
        order.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed ^ 0x7EA5));
        for (slot, i) in order.into_iter().enumerate() {
            self.seats[i].team = Some(TeamId((slot % n) as u8));
        }
    }

    /// Why the party cannot start yet, if it cannot.
    pub fn not_ready(&self) -> Option<String> {
        if self.seats.len() < MIN_PARTY_SEATS {
            return Some(format!(
                "At least {MIN_PARTY_SEATS} players must join first."
            ));
        }
        let n = self.team_count();
        if n > 0 {
            if self.seats.len() < n {
                return Some(format!("{n} teams need at least {n} players."));
            }
            for (team, name) in TEAM_NAMES.iter().enumerate().take(n) {
                if !self
                    .seats
                    .iter()
                    .any(|s| s.team == Some(TeamId(team as u8)))
                {
                    return Some(format!("{name} has nobody in it."));
                }
            }
        }
        None
    }

    pub(crate) fn key_group_free(&self, group: usize) -> bool {
        !self
            .seats
            .iter()
            .any(|s| s.device == Device::Keys(group as u8))
    }
}
