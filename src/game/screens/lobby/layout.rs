//! The lobby's screen: settings on one side, the seats on the other.

use super::*;

pub(crate) fn spawn(mut commands: Commands, fonts: Res<Fonts>) {
    commands
        .spawn((
            widgets::round_root("Lobby screen", JustifyContent::FlexStart, 6.0),
            DespawnOnExit(Screen::Lobby),
        ))
        .with_children(|root| {
            root.spawn(widgets::text("Party lobby", &fonts.bold, 38.0, palette::ACCENT));
            root.spawn(widgets::text(
                "Join: press your group's buzz key (or any of its keys), or any button on a gamepad · 2–8 players",
                &fonts.regular,
                20.0,
                palette::TEXT,
            ));
            root.spawn(Node {
                width: percent(100),
                flex_grow: 1.0,
                column_gap: px(20),
                ..default()
            })
            .with_children(|columns| {
                columns.spawn((
                    SeatList,
                    Node {
                        width: percent(50),
                        flex_direction: FlexDirection::Column,
                        row_gap: px(5),
                        overflow: Overflow::clip(),
                        ..default()
                    },
                ));
                columns
                    .spawn(Node {
                        width: percent(50),
                        flex_direction: FlexDirection::Column,
                        row_gap: px(2),
                        ..default()
                    })
                    .with_children(|list| {
                        for (order, row) in ROWS.iter().enumerate() {
                            list.spawn((
                                Button,
                                MenuButton {
                                    order: 100 + order,
                                    group: 0,
                                },
                                Adjustable,
                                *row,
                                widgets::list_row(26.0, UiRect::axes(px(14), px(0))),
                                children![(widgets::text("", &fonts.bold, 18.0, palette::TEXT), RowText(*row))],
                            ));
                        }
                    });
            });
            root.spawn((widgets::text("", &fonts.regular, 20.0, palette::TEXT_MUTED), StatusLine));
            root.spawn(widgets::hint(
                "↑↓ choose · ←→ change · Enter select · on a player: Enter rename, ←→ team, Delete remove · Esc back",
                &fonts.regular,
            ));
        });
}
