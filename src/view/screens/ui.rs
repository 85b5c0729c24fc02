//! The UI's building blocks, so every screen is made of the same few pieces: text (sized by
//! the player's text size, all of it at once), menu buttons, a full-screen page with its
//! column, a full-screen overlay, and a panel.

use bevy::prelude::*;
use bevy::ui::UiSystems;

use crate::core::settings::Settings;
use crate::view::screens::palette::{BUTTON, TEXT, VEIL, layer};

pub fn plugin(app: &mut App) {
    app.add_systems(Update, (centre_pages, scroll_pages))
        .add_systems(PostUpdate, size_text.before(UiSystems::Prepare));
}

/// A text's size as designed, in pixels, before the player's text size: every text carries
/// one, so the setting reaches all text at once, new and already shown.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct TextSize(pub f32);

/// The font size a text of `designed` pixels is drawn at under these settings.
pub(crate) fn sized(designed: f32, settings: &Settings) -> FontSize {
    FontSize::Px(designed * settings.text_scale)
}

fn size_text(settings: Res<Settings>, mut texts: Query<(Ref<TextSize>, &mut TextFont)>) {
    let every = settings.is_changed();
    for (size, mut font) in &mut texts {
        if every || size.is_changed() {
            font.font_size = sized(size.0, &settings);
        }
    }
}

/// A line of text, `size` pixels at the player's usual text size.
pub fn label(text: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        Text::new(text),
        TextFont {
            font_size: FontSize::Px(size),
            ..default()
        },
        TextSize(size),
        TextColor(color),
    )
}

/// A menu button; `order` is its place when moving the focus with keys or a gamepad.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MenuButton {
    pub order: usize,
}

/// A menu button with `text`, `order`-th in its page's focus order.
pub fn button(text: &str, order: usize) -> impl Bundle {
    sized_button(text, order, 26.0, 10.0)
}

/// A smaller button, for long lists such as the settings.
pub(crate) fn small_button(text: &str, order: usize) -> impl Bundle {
    sized_button(text, order, 20.0, 4.0)
}

fn sized_button(text: &str, order: usize, font_size: f32, padding: f32) -> impl Bundle {
    (
        Button,
        MenuButton { order },
        Node {
            // At least this wide; wider when a large text size needs it.
            min_width: px(380),
            padding: UiRect::axes(px(16), px(padding)),
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BackgroundColor(BUTTON),
        children![label(text, font_size, TEXT)],
    )
}

/// A column that centres what it holds and, when a large text size or a small window makes
/// it hold more than fits, scrolls (wheel, Page Up/Down, the right stick; menus follow their
/// focus) instead of cutting off its top and bottom.
#[derive(Component, Debug, Clone, Copy, Default)]
#[require(ScrollPosition)]
pub(crate) struct Page;

/// A page filling the screen, its contents in a centred column `gap` apart, over `background`.
pub(crate) fn page(gap: f32, background: Color) -> impl Bundle {
    (
        Page,
        page_column(gap, fullscreen()),
        BackgroundColor(background),
    )
}

/// A menu page: a page over the veil, on the pages' layer. Every menu opens its page with this.
pub(crate) fn menu_page(gap: f32) -> impl Bundle {
    (page(gap, VEIL), layer::PAGE)
}

/// `node` laid out as a page's column, `gap` apart.
pub(crate) fn page_column(gap: f32, node: Node) -> Node {
    Node {
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::Center,
        // Centred by its first and last child's automatic margins (see `centre_pages`), which
        // give way to nothing when it overflows, so the top stays reachable.
        justify_content: JustifyContent::FlexStart,
        row_gap: px(gap),
        overflow: Overflow::scroll_y(),
        ..node
    }
}

/// A page's first child takes the free space above it and its last the space below, so the
/// column is centred while it fits and starts at its top when it does not.
fn centre_pages(
    pages: Query<&Children, (With<Page>, Changed<Children>)>,
    mut nodes: Query<&mut Node>,
) {
    for children in &pages {
        let last = children.len().saturating_sub(1);
        for (place, child) in children.iter().enumerate() {
            if let Ok(mut node) = nodes.get_mut(child) {
                node.margin.top = if place == 0 { Val::Auto } else { Val::ZERO };
                node.margin.bottom = if place == last { Val::Auto } else { Val::ZERO };
            }
        }
    }
}

/// How far (logical pixels) one wheel line, key press or second of full stick scrolls.
const SCROLL_LINE: f32 = 40.0;

/// Scrolls pages that overflow: the mouse wheel, Page Up / Page Down, and a gamepad's right
/// stick.
fn scroll_pages(
    mut wheel: MessageReader<bevy::input::mouse::MouseWheel>,
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    time: Res<Time<Real>>,
    mut pages: Query<(&ComputedNode, &mut ScrollPosition), With<Page>>,
) {
    use bevy::input::mouse::MouseScrollUnit;
    let mut down: f32 = wheel
        .read()
        .map(|scroll| match scroll.unit {
            MouseScrollUnit::Line => -scroll.y * SCROLL_LINE,
            MouseScrollUnit::Pixel => -scroll.y,
        })
        .sum();
    if keys.just_pressed(KeyCode::PageDown) {
        down += SCROLL_LINE * 6.0;
    }
    if keys.just_pressed(KeyCode::PageUp) {
        down -= SCROLL_LINE * 6.0;
    }
    for gamepad in &gamepads {
        let stick = gamepad.right_stick().y;
        if stick.abs() > 0.25 {
            down -= stick * SCROLL_LINE * 12.0 * time.delta_secs();
        }
    }
    if down == 0.0 {
        return;
    }
    for (node, mut scroll) in &mut pages {
        scroll.y = (scroll.y + down).clamp(0.0, overflow_of(node));
    }
}

/// How far (logical pixels) a page's content reaches past its bottom.
pub(crate) fn overflow_of(node: &ComputedNode) -> f32 {
    ((node.content_size.y - node.size.y) * node.inverse_scale_factor).max(0.0)
}

/// A node covering the whole window.
pub(crate) fn fullscreen() -> Node {
    Node {
        position_type: PositionType::Absolute,
        width: percent(100),
        height: percent(100),
        ..default()
    }
}

/// A full-screen wash of one colour on `layer` (a flash of light, the morning).
pub(crate) fn overlay(color: Color, layer: GlobalZIndex) -> impl Bundle {
    (fullscreen(), BackgroundColor(color), layer)
}

/// A soft-cornered panel of `color`.
pub(crate) fn panel(node: Node, color: Color) -> impl Bundle {
    (
        Node {
            border_radius: BorderRadius::all(px(8)),
            ..node
        },
        BackgroundColor(color),
    )
}

/// A gap of `height` pixels in a column.
pub(crate) fn spacer(height: f32) -> impl Bundle {
    Node {
        height: px(height),
        ..default()
    }
}
