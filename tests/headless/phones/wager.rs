//! Phones play the final: each stakes in secret over its WebSocket, within its bounds, and
//! only while the stakes are open.

use super::*;
use defiant_trivia::core::command::{Command, HostAction};
use defiant_trivia::core::plan::Preset;
use defiant_trivia::game::input::bindings::Bindings;
use defiant_trivia::game::messages::GameCommand;
use defiant_trivia::game::night::SessionRequest;

impl Party {
    /// Begins a night in the rounds of the Classic preset (two rounds, then a final) for
    /// the lobby's seats, as the lobby's Start does.
    fn start_classic_night(&mut self) {
        let world = self.app.world_mut();
        let chosen = world.resource::<ChosenPack>().clone();
        let mut settings = world.resource::<SetupChoices>().settings(&chosen.pack);
        settings.max_options = Some(4);
        let lobby = world.resource::<Lobby>();
        let (rules, seats, teams) = (lobby.rules(), lobby.seats.clone(), lobby.teams());
        let plan = Preset::Classic.rounds(Format::EveryoneAnswers);
        let session = Session::planned(&chosen, settings, rules, &plan, false, seats, teams)
            .expect("the shipped pack has a Classic night");
        let bindings = Bindings::party(&session.game, &[]);
        world.write_message(SessionRequest::Begin(Box::new(session), bindings));
        wait_for_screen(&mut self.app, Screen::Question);
        update_until(&mut self.app, "the first question", |app| {
            app.world().resource::<Session>().game.phase() == Phase::Question
        });
        assert!(self.session().game.in_rounds());
    }

    /// The host's `action`, as the host's keys and console send it.
    fn host(&mut self, action: HostAction) {
        let at = self.session().game.advanced_to();
        self.app
            .world_mut()
            .write_message(GameCommand(Command::Host { action, at }));
        frames(&mut self.app, 2);
    }

    /// The host skips questions and moves on until the game is in `phase`.
    fn host_until(&mut self, phase: Phase) {
        for _ in 0..60 {
            match self.session().game.phase() {
                p if p == phase => return,
                Phase::Question => self.host(HostAction::Skip),
                _ => self.host(HostAction::Next),
            }
        }
        panic!("never reached {phase:?}");
    }

    fn stake_of(&self, seat: SeatId) -> Option<u32> {
        self.session().game.stake(seat)
    }

    /// `phone` sends a stake of `points` on question `question`.
    fn send_stake(&self, phone: &mut Phone, question: usize, points: u32) {
        let message = json!({"type": "stake", "question": question, "points": points});
        self.send(&mut phone.ws, &message.to_string());
    }

    /// [`Party::send_stake`], and the game has taken it in (the views meanwhile are
    /// dropped: for a stake that changes nothing).
    fn stake(&mut self, phone: &mut Phone, question: usize, points: u32) {
        self.send_stake(phone, question, points);
        self.barrier(phone);
    }
}

#[test]
fn phones_stake_on_the_final_in_secret_within_their_bounds() {
    let mut party = Party::new("phones-final");
    let mut ana = party.join("Ana");
    let mut bo = party.join("Bo");
    party.until("two seats", |p| p.lobby().seats.len() == 2);
    let (ana_seat, bo_seat) = (party.seat_named("Ana"), party.seat_named("Bo"));
    party.start_classic_night();
    let view = party.view_until(&mut ana, "the first question", |v| v["you"] == "choose");
    assert_eq!(view["round"], "Round 1 of 3", "{view}");
    assert!(view["stake"].is_null(), "{view}");

    // A stake during a question changes nothing (and the phone stays connected).
    let q = party.question();
    let before = party.scores();
    party.stake(&mut ana, q, 100);
    assert_eq!(party.stake_of(ana_seat), None);
    assert!(!party.session().game.has_answered(ana_seat));
    party.assert_scores_unchanged(&before);

    // Ana gets 1200 points from the host; Bo has none (so may stake up to 500).
    party.host(HostAction::Adjust {
        seat: ana_seat,
        points: 1200,
    });
    assert_eq!(party.score_of(ana_seat), 1200);
    // Nor at a round's end.
    party.host_until(Phase::RoundEnd);
    party.view_until(&mut ana, "the round's end", |v| v["phase"] == "round_end");
    let before = party.scores();
    party.stake(&mut ana, party.question(), 100);
    assert_eq!(party.stake_of(ana_seat), None);
    party.assert_scores_unchanged(&before);

    // The final's stakes: each phone sees its own bounds and the category, nothing more.
    party.host_until(Phase::Wager);
    let q = party.question();
    let category = party.session().game.current().category.clone();
    let ana_view = party.view_until(&mut ana, "Ana's stakes", |v| v["phase"] == "wager");
    assert_eq!(ana_view["you"], "stake");
    assert_eq!(ana_view["round"], "The final");
    assert!(ana_view["question"].is_null(), "{ana_view}");
    assert_eq!(
        ana_view["stake"],
        json!({"question": q, "category": category, "max": 1200, "staked": null})
    );
    let bo_view = party.view_until(&mut bo, "Bo's stakes", |v| v["phase"] == "wager");
    assert_eq!(bo_view["stake"]["max"], 500);
    assert!(bo_view["stake"]["staked"].is_null());

    // A latecomer during the stakes gets a chip on the TV and may stake from its phone.
    wait_for_screen(&mut party.app, Screen::Wager);
    let mut cy = party.join("Cy");
    party.until("Cy in the game", |p| {
        p.session()
            .game
            .players()
            .iter()
            .any(|x| x.seat.name == "Cy")
    });
    let cy_seat = party.seat_named("Cy");
    update_until(&mut party.app, "Cy's chip", |app| {
        let mut chips = app
            .world_mut()
            .query::<&defiant_trivia::game::screens::wager::StakeChip>();
        chips.iter(app.world()).any(|c| c.0 == cy_seat)
    });
    party.view_until(&mut cy, "Cy's stakes", |v| v["phase"] == "wager");
    party.stake(&mut cy, q, 300);
    assert_eq!(party.stake_of(cy_seat), Some(300));

    // Over Ana's bounds: refused (the phone is told why), and nothing changes.
    let before = party.scores();
    party.send_stake(&mut ana, q, 1201);
    let refused = party.view_until(&mut ana, "the refusal", |v| {
        v["note"].as_str().is_some_and(|n| n.starts_with('✗'))
    });
    assert_eq!(refused["note"], "✗ stake too high");
    assert!(refused["stake"]["staked"].is_null(), "{refused}");
    assert_eq!(party.stake_of(ana_seat), None);
    party.assert_scores_unchanged(&before);
    // Bo's bounds are his own: Ana's 1200 is over them.
    party.stake(&mut bo, q, 600);
    assert_eq!(party.stake_of(bo_seat), None);
    // A stake for another question is dropped.
    party.stake(&mut ana, q + 1, 300);
    assert_eq!(party.stake_of(ana_seat), None);

    // Within them: Ana's phone, and only hers, shows her stake.
    party.send_stake(&mut ana, q, 1200);
    let staked = party.view_until(&mut ana, "Ana's stake", |v| v["stake"]["staked"] == 1200);
    assert_eq!(party.stake_of(ana_seat), Some(1200));
    assert_eq!(staked["stake"]["max"], 1200);
    party.send_stake(&mut bo, q, 250);
    let bo_staked = party.view_until(&mut bo, "Bo's stake", |v| v["stake"]["staked"] == 250);
    assert_eq!(party.stake_of(bo_seat), Some(250));
    let text = bo_staked.to_string();
    assert!(!text.contains("1200"), "Bo sees nothing of Ana's: {text}");
    assert_eq!(bo_staked["stake"]["max"], 500);
    // Ana may change her mind until the question opens.
    party.send_stake(&mut ana, q, 0);
    party.view_until(&mut ana, "Ana's new stake", |v| v["stake"]["staked"] == 0);
    assert_eq!(party.stake_of(ana_seat), Some(0));
    party.assert_scores_unchanged(&before);

    // The question opens: stakes are closed, a late one changes nothing.
    party.host(HostAction::Next);
    assert_eq!(party.session().game.phase(), Phase::Question);
    assert_eq!(party.question(), q);
    let open = party.view_until(&mut ana, "the final's question", |v| {
        v["phase"] == "question"
    });
    assert!(open["stake"].is_null(), "{open}");
    assert_eq!(open["round"], "The final");
    party.stake(&mut ana, q, 500);
    assert_eq!(party.stake_of(ana_seat), Some(0));
    assert_eq!(party.stake_of(bo_seat), Some(250));
    assert!(!party.session().game.has_answered(ana_seat));
    party.assert_scores_unchanged(&before);
    // Every phone is still connected (Ana, Bo and Cy): a stake is a phone behaving.
    assert_eq!(party.sockets(), 3);
    drop(cy);
}
