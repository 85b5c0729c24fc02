//! The UI's building blocks, so every screen is made of the same few pieces: text, menu
//! buttons, a full-screen page with its column, a full-screen overlay, and a panel.

use bevy::prelude::*;

pub const TEXT: Color = Color::srgb(0.92, 0.9, 1.0);
pub const DIM: Color = Color::srgba(0.85, 0.82, 0.95, 0.7);
pub const BUTTON: Color = Color::srgba(0.2, 0.18, 0.4, 0.55);
pub const BUTTON_FOCUS: Color = Color::srgba(0.35, 0.45, 0.9, 0.8);
/// The veil behind a page that stands over the game.
pub const VEIL: Color = Color::srgba(0.02, 0.01, 0.06, 0.6);

/// A line of text.
pub fn label(text: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        Text::new(text),
        TextFont {
            font_size: FontSize::Px(size),
            ..default()
        },
        TextColor(color),
    )
}

/// A menu button; `order` is its place when moving the focus with keys or a gamepad.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuButton {
    pub order: usize,
}

/// A menu button with `text`, `order`-th in its page's focus order.
pub fn button(text: &str, order: usize) -> impl Bundle {
    sized_button(text, order, 26.0, 10.0)
}

/// A smaller button, for long lists such as the settings.
pub fn small_button(text: &str, order: usize) -> impl Bundle {
    sized_button(text, order, 20.0, 4.0)
}

fn sized_button(text: &str, order: usize, font_size: f32, padding: f32) -> impl Bundle {
    (
        Button,
        MenuButton { order },
        Node {
            width: px(380),
            padding: UiRect::axes(px(16), px(padding)),
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BackgroundColor(BUTTON),
        children![label(text, font_size, TEXT)],
    )
}

/// A page filling the screen, its contents in a centred column `gap` apart, over `background`.
pub fn page(gap: f32, background: Color) -> impl Bundle {
    (
        Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: px(gap),
            ..fullscreen()
        },
        BackgroundColor(background),
    )
}

/// A node covering the whole window.
pub fn fullscreen() -> Node {
    Node {
        position_type: PositionType::Absolute,
        width: percent(100),
        height: percent(100),
        ..default()
    }
}

/// A full-screen wash of one colour, `z` above the rest (a flash of light, the morning).
pub fn overlay(color: Color, z: i32) -> impl Bundle {
    (fullscreen(), BackgroundColor(color), GlobalZIndex(z))
}

/// A soft-cornered panel of `color`.
pub fn panel(node: Node, color: Color) -> impl Bundle {
    (
        Node {
            border_radius: BorderRadius::all(px(8)),
            ..node
        },
        BackgroundColor(color),
    )
}

/// A gap of `height` pixels in a column.
pub fn spacer(height: f32) -> impl Bundle {
    Node {
        height: px(height),
        ..default()
    }
}
