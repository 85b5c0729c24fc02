//! The menus' state: which page is open, where the player came from, the focus moved with
//! keys, mouse or gamepad, choosing and stepping, and the way back; paused while a control is
//! being rebound.

use bevy::prelude::*;
use bevy::state::state::{StateTransitionEvent, StateTransitionSystems};

use crate::core::controls::{Action, Control, Slot};
use crate::core::flow::{AppState, Pause};
use crate::core::settings::Settings;
use crate::dream::ending::DreamEnded;
use crate::view::controls::Buttons;
use crate::view::screens::palette::{BUTTON, BUTTON_FOCUS};
use crate::view::screens::ui::{MenuButton, Page, overflow_of};

/// The menu page open now.
#[derive(States, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) enum Menu {
    /// No page: the dream is being walked (or nothing is loaded yet).
    #[default]
    Closed,
    Title,
    Chapters,
    Settings,
    /// The controls page, from the settings.
    Controls,
    /// The postcards kept, from the title.
    Postcards,
    Speedrun,
    Pause,
    /// The results and credits on waking.
    Results,
}

/// The page open before this one, so a page can put the focus back where the player was.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CameFrom(pub Menu);

/// A button was chosen: clicked, or confirmed (Enter, Space, the gamepad's A) while focused.
#[derive(EntityEvent, Debug, Clone, Copy)]
pub struct Chosen {
    pub entity: Entity,
}

/// Left or Right (or the D-pad) on the focused button: `direction` −1 or +1.
#[derive(EntityEvent, Debug, Clone, Copy)]
pub(crate) struct Stepped {
    pub entity: Entity,
    pub direction: i32,
}

/// The menus reading keys, mouse and gamepad to move and choose.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct MenuInput;

/// The button Back stands for on its page (Esc, or the gamepad's B, chooses it): "Back", or
/// "Resume" on the pause menu.
#[derive(Component, Debug, Clone, Copy)]
pub(crate) struct BackButton;

/// Which button the keyboard or gamepad is on.
#[derive(Resource, Debug, Default)]
pub(crate) struct MenuFocus(pub usize);

impl MenuFocus {
    /// Focus `order`, unless the page is being rebuilt in place (a value on it changed).
    pub(crate) fn arrive(&mut self, came_from: CameFrom, page: Menu, order: usize) {
        if came_from.0 != page {
            self.0 = order;
        }
    }
}

pub fn plugin(app: &mut App) {
    app.init_state::<Menu>()
        .init_resource::<Capturing>()
        .init_resource::<MenuFocus>()
        .init_resource::<CameFrom>()
        .add_systems(OnEnter(AppState::Title), open(Menu::Title))
        .add_systems(OnEnter(AppState::Playing), open(Menu::Closed))
        .add_systems(OnEnter(Pause::Paused), open(Menu::Pause))
        .add_systems(OnExit(Pause::Paused), open(Menu::Closed))
        .add_systems(
            StateTransition,
            remember_the_way_back.in_set(StateTransitionSystems::TransitionSchedules),
        )
        .add_systems(
            Update,
            (
                open(Menu::Results).run_if(on_message::<DreamEnded>),
                (navigate, choose, step, go_back)
                    .chain()
                    .in_set(MenuInput)
                    .run_if(not_capturing),
                (paint, keep_focus_in_view).after(MenuInput),
            ),
        );
}

/// A system that opens `page`.
pub(crate) fn open(page: Menu) -> impl Fn(ResMut<NextState<Menu>>) {
    move |mut next: ResMut<NextState<Menu>>| next.set(page)
}

/// Runs between a page's exit and the next one's entry, so the new page knows where the
/// player came from.
fn remember_the_way_back(
    mut transitions: MessageReader<StateTransitionEvent<Menu>>,
    mut came_from: ResMut<CameFrom>,
) {
    for transition in transitions.read() {
        if let Some(exited) = transition.exited {
            came_from.0 = exited;
        }
    }
}

fn navigate(
    bound: Buttons,
    settings: Res<Settings>,
    buttons: Query<(&MenuButton, &Interaction)>,
    mut focus: ResMut<MenuFocus>,
) {
    let count = buttons.iter().count();
    if count == 0 {
        return;
    }
    let controls = &settings.controls;
    if bound.key_just_pressed(KeyCode::ArrowDown)
        || bound.just_pressed(controls, Action::DriftBack)
        || bound.pad_just_pressed(GamepadButton::DPadDown)
    {
        focus.0 = (focus.0 + 1) % count;
    }
    if bound.key_just_pressed(KeyCode::ArrowUp)
        || bound.just_pressed(controls, Action::DriftForward)
        || bound.pad_just_pressed(GamepadButton::DPadUp)
    {
        focus.0 = (focus.0 + count - 1) % count;
    }
    for (button, interaction) in &buttons {
        if *interaction == Interaction::Hovered {
            focus.0 = button.order;
        }
    }
    focus.0 = focus.0.min(count - 1);
}

/// Confirm on the focused button (Enter, Space, the gamepad's A, or Interact wherever it is
/// bound), or a click, chooses it. A click counts on the frame the mouse goes down, so the
/// page it opens cannot be clicked through by the same press.
fn choose(
    mut commands: Commands,
    bound: Buttons,
    settings: Res<Settings>,
    focus: Res<MenuFocus>,
    buttons: Query<(Entity, &MenuButton, &Interaction)>,
) {
    let confirm = bound.key_just_pressed(KeyCode::Enter)
        || bound.key_just_pressed(KeyCode::Space)
        || bound.just_pressed(&settings.controls, Action::Interact)
        || bound.pad_just_pressed(GamepadButton::South);
    let clicked = bound.control_just_pressed(Control::Mouse(MouseButton::Left));
    for (entity, button, interaction) in &buttons {
        let by_click = clicked && *interaction == Interaction::Pressed;
        if (confirm && button.order == focus.0) || by_click {
            commands.trigger(Chosen { entity });
        }
    }
}

/// Esc or the gamepad's B chooses the page's Back button (the pause menu's Esc is the pause
/// key's own, so it is left to it).
fn go_back(
    mut commands: Commands,
    bound: Buttons,
    menu: Res<State<Menu>>,
    backs: Query<Entity, With<BackButton>>,
) {
    let escape = bound.key_just_pressed(KeyCode::Escape) && *menu.get() != Menu::Pause;
    if !(escape || bound.pad_just_pressed(GamepadButton::East)) {
        return;
    }
    if let Some(entity) = backs.iter().next() {
        commands.trigger(Chosen { entity });
    }
}

fn step(
    mut commands: Commands,
    bound: Buttons,
    settings: Res<Settings>,
    focus: Res<MenuFocus>,
    buttons: Query<(Entity, &MenuButton)>,
) {
    let controls = &settings.controls;
    let right = bound.key_just_pressed(KeyCode::ArrowRight)
        || bound.just_pressed(controls, Action::DriftRight)
        || bound.pad_just_pressed(GamepadButton::DPadRight);
    let left = bound.key_just_pressed(KeyCode::ArrowLeft)
        || bound.just_pressed(controls, Action::DriftLeft)
        || bound.pad_just_pressed(GamepadButton::DPadLeft);
    let direction = i32::from(right) - i32::from(left);
    if direction == 0 {
        return;
    }
    for (entity, button) in &buttons {
        if button.order == focus.0 {
            commands.trigger(Stepped { entity, direction });
        }
    }
}

/// The focused button stays in view: a page that scrolls moves to show it. Waits for the
/// button's layout (a page just opened has none yet); a wheel may then scroll freely. A page
/// opened on its first button shows its top, where reading begins (the results' buttons are
/// at their end).
fn keep_focus_in_view(
    focus: Res<MenuFocus>,
    mut last: Local<Option<usize>>,
    mut waiting: Local<bool>,
    opened: Query<(), Added<Page>>,
    buttons: Query<(Entity, &MenuButton, &ComputedNode, &UiGlobalTransform)>,
    parents: Query<&ChildOf>,
    mut pages: Query<(&ComputedNode, &UiGlobalTransform, &mut ScrollPosition), With<Page>>,
) {
    let moved = last.replace(focus.0) != Some(focus.0);
    if !opened.is_empty() {
        *waiting = focus.0 != 0;
    } else if moved {
        *waiting = true;
    }
    if !*waiting {
        return;
    }
    let Some((button, node, at)) = buttons
        .iter()
        .find(|(_, button, node, _)| button.order == focus.0 && node.size.y > 0.0)
        .map(|(entity, _, node, at)| (entity, node, at))
    else {
        return;
    };
    *waiting = false;
    let Some((page, page_at, mut scroll)) = parents
        .iter_ancestors(button)
        .find(|ancestor| pages.contains(*ancestor))
        .and_then(|page| pages.get_mut(page).ok())
    else {
        return;
    };
    let (top, bottom) = (
        at.translation.y - node.size.y / 2.0,
        at.translation.y + node.size.y / 2.0,
    );
    let page_top = page_at.translation.y - page.size.y / 2.0;
    let page_bottom = page_at.translation.y + page.size.y / 2.0;
    let by = if top < page_top {
        top - page_top
    } else if bottom > page_bottom {
        bottom - page_bottom
    } else {
        return;
    };
    scroll.y = (scroll.y + by * page.inverse_scale_factor).clamp(0.0, overflow_of(page));
}

fn paint(focus: Res<MenuFocus>, mut buttons: Query<(&MenuButton, &mut BackgroundColor)>) {
    for (button, mut background) in &mut buttons {
        background.0 = if button.order == focus.0 {
            BUTTON_FOCUS
        } else {
            BUTTON
        };
    }
}

/// An observer that opens `page`.
pub(crate) fn open_page(page: Menu) -> impl Fn(On<Chosen>, ResMut<NextState<Menu>>) {
    move |_: On<Chosen>, mut next: ResMut<NextState<Menu>>| next.set(page)
}

pub fn quit(_: On<Chosen>, mut exit: MessageWriter<AppExit>) {
    exit.write(AppExit::Success);
}

/// Waiting for the button to bind: the action and its slot, while the rest of the menus rest.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct Capturing(pub Option<(Action, Slot)>);

/// Whether the menus answer their keys: not while a new binding is awaited, nor on the frame
/// it is taken (the key that was bound must not also move the focus).
pub(crate) fn not_capturing(capturing: Res<Capturing>) -> bool {
    capturing.0.is_none() && !capturing.is_changed()
}
