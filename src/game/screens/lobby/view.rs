//! What the lobby shows: its rows' labels, the status line and the seats' cards.

use super::*;
use crate::core::game::RoundKind;
use crate::game::theme::seat_chip;

pub(crate) fn row_label(
    row: LobbyRow,
    lobby: &Lobby,
    choices: &SetupChoices,
    chosen: Option<&ChosenPack>,
    phones: &Phones,
) -> String {
    let on = |b: bool| if b { "on" } else { "off" };
    match row {
        LobbyRow::Pack => format!(
            "Pack:  ‹ {} ›",
            chosen.map_or("none", |c| c.pack.title.as_str())
        ),
        LobbyRow::Night => lobby.plan.label(),
        LobbyRow::Editing => lobby.plan.editing_label(),
        LobbyRow::Format if lobby.plan.round().kind == RoundKind::Final => {
            "Format:  the final: everyone answers one question".to_string()
        }
        LobbyRow::Round(SetupRow::Questions) if lobby.plan.round().kind == RoundKind::Final => {
            "Questions:  1 (the final)".to_string()
        }
        LobbyRow::Format => format!("Format:  ‹ {} ›", lobby.format.label()),
        LobbyRow::Round(setup_row) => {
            chosen.map_or(String::new(), |c| setup::label(setup_row, choices, c))
        }
        LobbyRow::Speed => format!("Speed bonus:  ‹ {} ›", on(lobby.speed_bonus)),
        LobbyRow::Streak => format!("Streak bonus:  ‹ {} ›", on(lobby.streak_bonus)),
        LobbyRow::Penalty => format!("Wrong buzz-in answer:  ‹ −{} ›", PENALTIES[lobby.penalty]),
        LobbyRow::Scoreboard => match SCOREBOARDS[lobby.scoreboard] {
            ScoreboardEvery::Questions(1) => "Scoreboard:  ‹ after every question ›".to_string(),
            ScoreboardEvery::Questions(n) => format!("Scoreboard:  ‹ every {n} questions ›"),
            ScoreboardEvery::End => "Scoreboard:  ‹ only at the end ›".to_string(),
        },
        LobbyRow::Teams => match lobby.team_count() {
            0 => "Teams:  ‹ off ›".to_string(),
            n => format!("Teams:  ‹ {n} (score = members' average) ›"),
        },
        LobbyRow::Shuffle => "Shuffle teams".to_string(),
        LobbyRow::Start => "▶  Start party".to_string(),
        LobbyRow::Back => "Back".to_string(),
        LobbyRow::Phones => match (phones.running(), &phones.error) {
            (true, _) => "Phones:  ‹ on ›".to_string(),
            (false, Some(_)) => "Phones:  ‹ off (stopped: Enter opens them again) ›".to_string(),
            (false, None) => "Phones:  ‹ off ›  (players join on their phones)".to_string(),
        },
        LobbyRow::PhoneAddress => format!("Address:  ‹ {} ›", phones.address_label()),
        LobbyRow::PhoneText => format!("Question on phones:  ‹ {} ›", on(phones.show_text)),
        LobbyRow::PhonePictures => format!("Pictures on phones:  ‹ {} ›", on(phones.show_pictures)),
        LobbyRow::PhoneRoom => {
            if phones.locked {
                "New phones:  ‹ room locked ›".to_string()
            } else {
                "New phones:  ‹ welcome ›".to_string()
            }
        }
    }
}

/// The keys or buttons of a seat's device, as its card shows them.
pub fn device_keys(device: Device) -> String {
    match device {
        Device::Keys(group) => KEY_GROUPS
            .get(usize::from(group))
            .map_or(String::new(), |g| g.describe()),
        Device::Gamepad(_) => "A B X Y answer, shoulder buzzes".to_string(),
        Device::Phone => "on their phone".to_string(),
        Device::Solo => String::new(),
    }
}

/// Cards light up for a moment after their seat's key.
pub(crate) fn light_cards(
    lobby: Res<Lobby>,
    now: Now,
    mut borders: Query<(&SeatCard, &mut BackgroundColor)>,
) {
    let at = now.now();
    for (card, mut background) in &mut borders {
        let lit = lobby
            .pressed
            .iter()
            .any(|(s, t)| *s == card.0 && at.saturating_sub(*t) < FLASH);
        let wanted = if lit {
            palette::PANEL_RAISED
        } else {
            palette::PANEL
        };
        if background.0 != wanted {
            background.0 = wanted;
        }
    }
}

pub(crate) fn refresh(
    lobby: Res<Lobby>,
    choices: Res<SetupChoices>,
    chosen: Option<Res<ChosenPack>>,
    phones: Res<Phones>,
    fonts: Res<Fonts>,
    list: Query<Entity, With<SeatList>>,
    cards: Query<(Entity, &SeatCard)>,
    rows: Query<&LobbyRow>,
    mut texts: Query<(&RowText, &mut Text)>,
    mut status: Query<&mut Text, (With<StatusLine>, Without<RowText>)>,
    added: Query<(), Added<RowText>>,
    mut commands: Commands,
    mut focus: ResMut<crate::game::menu::Focus>,
) {
    let changed = lobby.is_changed()
        || choices.is_changed()
        || phones.is_changed()
        || chosen.as_ref().is_some_and(|c| c.is_changed());
    if !changed && added.is_empty() {
        return;
    }
    for (row, mut text) in &mut texts {
        let wanted = row_label(row.0, &lobby, &choices, chosen.as_deref(), &phones);
        if text.0 != wanted {
            text.0 = wanted;
        }
    }
    let line = status_line(&lobby, &choices);
    for mut text in &mut status {
        if text.0 != line {
            text.0.clone_from(&line);
        }
    }
    // The seats' column, rebuilt (it changes only on joins and settings); the focus stays
    // on the same seat or phone row.
    let focused = focus.0;
    let focused_seat = focused.and_then(|f| cards.get(f).ok()).map(|(_, c)| c.0);
    let focused_row = focused
        .and_then(|f| rows.get(f).ok())
        .copied()
        .filter(|r| PHONE_ROWS.contains(r));
    let Ok(list) = list.single() else { return };
    commands.entity(list).despawn_related::<Children>();
    let teams = lobby.teams();
    let compact = lobby.seats.len() > 6 || phones.running();
    // Four one-line chips to a line when many (or when the phone panel takes the room),
    // two cards when some.
    let crowd = lobby.seats.len() > 12 || (phones.running() && lobby.seats.len() > 6);
    // Two to a line while five lines hold them, then four.
    let card_width = match lobby.seats.len() {
        0..=6 if !compact => percent(100),
        0..=10 => percent(49),
        11..=12 if !phones.running() => percent(49),
        _ => percent(24),
    };
    // A crowd (phones) shows as many one-line chips as fit, then a count: five rows under
    // the phone panel, seven without it.
    let max_chips = if phones.running() {
        PHONE_PANEL_CHIPS
    } else {
        MAX_CHIPS
    };
    let more = lobby.seats.len().saturating_sub(max_chips);
    let shown = if more > 0 { max_chips - 1 } else { max_chips };
    commands.entity(list).with_children(|list| {
        if phones.running() {
            phone_panel(list, &phones, &fonts);
        } else if let Some(error) = &phones.error {
            list.spawn(widgets::text(
                format!("Phones: {error}."),
                &fonts.regular,
                17.0,
                palette::WRONG,
            ));
        }
        let shown_rows: &[LobbyRow] = if phones.running() {
            &PHONE_ROWS
        } else {
            &PHONE_ROWS[..1]
        };
        for (i, row) in shown_rows.iter().enumerate() {
            let entity = list
                .spawn((
                    Button,
                    // After the settings (Back is the last of them), before nothing: the
                    // host starts on the Pack row as before phones existed.
                    MenuButton {
                        order: 200 + i,
                        group: 0,
                    },
                    Adjustable,
                    *row,
                    widgets::list_row(30.0, UiRect::axes(px(14), px(1))),
                    children![(
                        widgets::text(
                            row_label(*row, &lobby, &choices, chosen.as_deref(), &phones),
                            &fonts.bold,
                            18.0,
                            palette::TEXT
                        ),
                        RowText(*row)
                    )],
                ))
                .id();
            if focused_row == Some(*row) {
                focus.0 = Some(entity);
            }
        }
        list.spawn(Node {
            width: percent(100),
            flex_wrap: FlexWrap::Wrap,
            column_gap: px(6),
            row_gap: px(6),
            ..default()
        })
        .with_children(|grid| {
            for (order, seat) in lobby.seats.iter().enumerate().take(shown) {
                let name = match &lobby.renaming {
                    Some((id, typed)) if *id == seat.id => format!("{typed}_"),
                    _ => seat.name.clone(),
                };
                let team = seat
                    .team
                    .and_then(|t| teams.iter().find(|x| x.id == t))
                    .map(|t| format!("  ·  {}", t.name))
                    .unwrap_or_default();
                let away = seat.device == Device::Phone && !phones.connected.contains(&seat.id);
                let device = device_line(seat.device, compact, away);
                let look = CardLook {
                    compact,
                    crowd,
                    width: card_width,
                };
                let card = spawn_card(grid, order, seat, &name, &team, away, device, look, &fonts);
                if focused_seat == Some(seat.id) {
                    focus.0 = Some(card);
                }
            }
            if more > 0 {
                grid.spawn(widgets::text(
                    format!("+ {} more", lobby.seats.len() - shown),
                    &fonts.bold,
                    16.0,
                    palette::TEXT_MUTED,
                ));
            }
        });
        if let Some(join) = join_hint(&lobby, &phones) {
            list.spawn(widgets::text(
                join,
                &fonts.regular,
                17.0,
                palette::TEXT_MUTED,
            ));
        }
    });
}

/// The join panel: the QR code, the address written out and the room code.
pub(crate) fn phone_panel(list: &mut ChildSpawnerCommands, phones: &Phones, fonts: &Fonts) {
    let url = phones.join_url().unwrap_or_default();
    let room = phones.room().unwrap_or_default().to_string();
    let connected = phones.connected.len();
    list.spawn(Node {
        width: percent(100),
        column_gap: px(16),
        align_items: AlignItems::Center,
        ..default()
    })
    .with_children(|panel| {
        if let Some((_, qr)) = &phones.qr {
            panel.spawn((
                Name::new("Join QR code"),
                ImageNode::new(qr.clone()),
                Node {
                    width: px(168),
                    height: px(168),
                    flex_shrink: 0.0,
                    ..default()
                },
            ));
        }
        panel
            .spawn(Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(2),
                ..default()
            })
            .with_children(|text| {
                text.spawn(widgets::text(
                    "Scan to join, or open",
                    &fonts.regular,
                    18.0,
                    palette::TEXT_MUTED,
                ));
                text.spawn(widgets::text(url, &fonts.bold, 24.0, palette::TEXT));
                text.spawn(widgets::text(
                    format!("Room code  {room}"),
                    &fonts.bold,
                    30.0,
                    palette::ACCENT,
                ));
                text.spawn(widgets::text(
                    match connected {
                        1 => "1 phone connected".to_string(),
                        n => format!("{n} phones connected"),
                    },
                    &fonts.regular,
                    17.0,
                    palette::TEXT_MUTED,
                ));
            });
    });
}

/// How the seats' cards are drawn: compact when many (or phones), a crowd's one line.
#[derive(Clone, Copy)]
pub(crate) struct CardLook {
    compact: bool,
    crowd: bool,
    width: Val,
}

/// The line under the seats' column: the host's last message, else what is missing to
/// start, else how many are ready.
fn status_line(lobby: &Lobby, choices: &SetupChoices) -> String {
    lobby
        .message
        .clone()
        .or_else(|| choices.message.clone())
        .unwrap_or_else(|| {
            lobby.not_ready().unwrap_or_else(|| {
                format!(
                    "{} players ready. Start when everyone is in.",
                    lobby.seats.len()
                )
            })
        })
}

/// A seat card's second line: its device and keys.
fn device_line(device: Device, compact: bool, away: bool) -> String {
    if compact {
        match device {
            Device::Keys(g) => KEY_GROUPS.get(usize::from(g)).map_or(String::new(), |k| {
                format!("Keys {} · buzz {}", g + 1, k.buzz.to_uppercase())
            }),
            Device::Gamepad(p) => format!("Gamepad {}", p + 1),
            Device::Phone if away => "Phone · away (Del clears)".to_string(),
            Device::Phone => "Phone".to_string(),
            Device::Solo => String::new(),
        }
    } else {
        format!("{}: {}", device.label(), device_keys(device))
    }
}

/// One seat's card: its colour, name (and team), device; a focusable button.
fn spawn_card(
    grid: &mut ChildSpawnerCommands,
    order: usize,
    seat: &Seat,
    name: &str,
    team: &str,
    away: bool,
    device: String,
    look: CardLook,
    fonts: &Fonts,
) -> Entity {
    grid.spawn((
        Button,
        MenuButton { order, group: 0 },
        Adjustable,
        SeatCard(seat.id),
        Node {
            width: look.width,
            min_height: px(match (look.crowd, look.compact) {
                (true, _) => 26.0,
                (false, true) => 40.0,
                (false, false) => 52.0,
            }),
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::Center,
            padding: UiRect::axes(px(if look.compact { 8.0 } else { 14.0 }), px(1)),
            border: UiRect::all(px(3)),
            border_radius: BorderRadius::all(px(10)),
            overflow: Overflow::clip(),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::PANEL),
    ))
    .with_children(|card| {
        card.spawn(Node {
            align_items: AlignItems::Center,
            column_gap: px(8),
            ..default()
        })
        .with_children(|line| {
            line.spawn(seat_chip::swatch(seat.colour, 16.0));
            // A chip has no device line: an away phone says so in words, not only in its
            // muted colour.
            let label = match (look.crowd, look.compact, away) {
                (true, _, true) => format!("{name} (away)"),
                (_, true, _) => name.to_string(),
                (_, false, _) => format!("{name}{team}"),
            };
            line.spawn(widgets::text(
                label,
                &fonts.bold,
                match (look.crowd, look.compact) {
                    (true, _) => 15.0,
                    (false, true) => 18.0,
                    (false, false) => 22.0,
                },
                if away {
                    palette::TEXT_MUTED
                } else {
                    palette::TEXT
                },
            ));
        });
        if !look.crowd {
            card.spawn(widgets::text(
                device,
                &fonts.regular,
                if look.compact { 14.0 } else { 17.0 },
                palette::TEXT_MUTED,
            ));
        }
    })
    .id()
}

/// How to join, while there is room: the free key groups, any pad, the QR code.
fn join_hint(lobby: &Lobby, phones: &Phones) -> Option<String> {
    if lobby.local_seats() >= MAX_LOCAL_SEATS {
        return None;
    }
    let free: Vec<String> = KEY_GROUPS
        .iter()
        .enumerate()
        .filter(|(g, _)| lobby.key_group_free(*g))
        .map(|(g, k)| format!("Keys {}: {}", g + 1, k.buzz.to_uppercase()))
        .collect();
    let mut join = String::from("Press to join — ");
    join.push_str(&free.join(" · "));
    if !free.is_empty() {
        join.push_str(" · ");
    }
    join.push_str("any gamepad button");
    if phones.running() {
        join.push_str(" · or scan the code");
    }
    Some(join)
}
