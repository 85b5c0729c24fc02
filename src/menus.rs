//! Menus: the title screen, the pause menu and the screen that explains a broken level;
//! keyboard, mouse and gamepad all work them.

use bevy::input::gamepad::{Gamepad, GamepadButton};
use bevy::prelude::*;

use crate::flow::{AppState, BeginDream, Chapter, Pause, ReturnToTitle};
use crate::level::LoadProblems;
use crate::visuals::{DreamCamera, apply_mood};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuAction {
    NewDream,
    Resume,
    ReturnToTitle,
    Quit,
    /// Go on with the unfinished dream, from the chapter it had reached.
    Continue,
    /// Open the chapter select.
    Chapters,
    /// Begin a dream at this chapter.
    BeginAt(Chapter),
    ChaptersBack,
    /// Open the settings page.
    Settings,
    /// A row of the settings page.
    Setting(crate::settings_menu::SettingKey),
    SettingsBack,
    /// A fresh attempt of the same speedrun category.
    RunAgain,
    /// Open the speedrun screen from the title.
    Speedrun,
    SpeedrunRoute,
    SpeedrunSeedRule,
    SpeedrunSeedNumber,
    SpeedrunStart,
    SpeedrunBack,
}

/// A request to show the title's buttons again (after a page that stood in for them), with
/// the focus on `focus_on`.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShowTitleMenu {
    pub focus_on: MenuAction,
}

/// A menu button was chosen (for screens other modules own).
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuPressed(pub MenuAction);

/// The title's own column of buttons (replaced by the speedrun screen while that is open).
#[derive(Component)]
pub struct TitleMenu;

/// The pause menu's column (replaced by the settings page while that is open).
#[derive(Component)]
pub struct PauseMenu;

#[derive(Component, Debug, Clone, Copy)]
pub struct MenuButton {
    pub action: MenuAction,
    pub order: usize,
}

/// Which button the keyboard or gamepad is on.
#[derive(Resource, Debug, Default)]
pub struct MenuFocus(pub usize);

const TEXT: Color = Color::srgb(0.92, 0.9, 1.0);
const DIM: Color = Color::srgba(0.85, 0.82, 0.95, 0.7);
const BUTTON: Color = Color::srgba(0.2, 0.18, 0.4, 0.55);
const BUTTON_FOCUS: Color = Color::srgba(0.35, 0.45, 0.9, 0.8);

pub struct MenusPlugin;

impl Plugin for MenusPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<MenuFocus>()
            .add_message::<MenuPressed>()
            .add_message::<ShowTitleMenu>()
            .add_systems(OnEnter(AppState::Title), (show_title, title_view))
            .add_systems(OnEnter(Pause::Paused), show_pause)
            .add_systems(OnEnter(AppState::Broken), show_problems)
            .add_systems(
                Update,
                (
                    toggle_pause.run_if(in_state(AppState::Playing)),
                    (navigate, press, chapter_pages, show_title_again, paint).chain(),
                    quit_from_problems.run_if(in_state(AppState::Broken)),
                ),
            );
    }
}

fn root(scope: impl Bundle, dim_background: bool) -> impl Bundle {
    (
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: px(14),
            ..default()
        },
        BackgroundColor(if dim_background {
            Color::srgba(0.02, 0.01, 0.06, 0.6)
        } else {
            Color::NONE
        }),
        scope,
    )
}

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

pub fn button(text: &str, action: MenuAction, order: usize) -> impl Bundle {
    sized_button(text, action, order, 26.0, 10.0)
}

/// A smaller button, for long lists such as the settings.
pub fn small_button(text: &str, action: MenuAction, order: usize) -> impl Bundle {
    sized_button(text, action, order, 20.0, 4.0)
}

fn sized_button(
    text: &str,
    action: MenuAction,
    order: usize,
    font_size: f32,
    padding: f32,
) -> impl Bundle {
    (
        Button,
        MenuButton { action, order },
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

fn show_title(
    mut commands: Commands,
    mut focus: ResMut<MenuFocus>,
    garden: Option<Res<crate::saving::TitleGarden>>,
    progress: Option<Res<crate::saving::Progress>>,
) {
    focus.0 = 0;
    spawn_title_menu(
        &mut commands,
        garden.map_or(0, |g| g.blooms.len()),
        &title_entries(progress.as_deref()),
    );
}

fn show_title_again(
    mut commands: Commands,
    mut requests: MessageReader<ShowTitleMenu>,
    mut focus: ResMut<MenuFocus>,
    garden: Option<Res<crate::saving::TitleGarden>>,
    progress: Option<Res<crate::saving::Progress>>,
) {
    let Some(request) = requests.read().last().copied() else {
        return;
    };
    let entries = title_entries(progress.as_deref());
    focus.0 = entries
        .iter()
        .position(|(_, action)| *action == request.focus_on)
        .unwrap_or(0);
    spawn_title_menu(
        &mut commands,
        garden.map_or(0, |g| g.blooms.len()),
        &entries,
    );
}

/// The title's buttons: Continue and the chapters only once there is something to go back to.
fn title_entries(progress: Option<&crate::saving::Progress>) -> Vec<(&'static str, MenuAction)> {
    let mut entries = Vec::new();
    if progress.is_some_and(|p| p.continue_at.is_some()) {
        entries.push(("Continue", MenuAction::Continue));
    }
    entries.push(("New dream", MenuAction::NewDream));
    if progress.is_some_and(|p| p.garden_reached) {
        entries.push(("Chapters", MenuAction::Chapters));
    }
    entries.extend([
        ("Speedrun", MenuAction::Speedrun),
        ("Settings", MenuAction::Settings),
        ("Quit", MenuAction::Quit),
    ]);
    entries
}

/// The title's words and buttons, remembering `blooms` finished dreams.
fn spawn_title_menu(commands: &mut Commands, blooms: usize, entries: &[(&str, MenuAction)]) {
    let remembered = match blooms {
        0 => "I am dreaming.".to_string(),
        1 => "One bloom in your garden.".to_string(),
        n => format!("{n} blooms in your garden."),
    };
    commands
        .spawn(root((TitleMenu, DespawnOnExit(AppState::Title)), false))
        .with_children(|menu| {
            menu.spawn(label("Begin Again", 72.0, TEXT));
            menu.spawn(label(remembered, 24.0, DIM));
            menu.spawn(Node {
                height: px(30),
                ..default()
            });
            for (order, (text, action)) in entries.iter().enumerate() {
                menu.spawn(button(text, *action, order));
            }
        });
}

/// The chapter select, in place of the title's buttons.
#[derive(Component)]
struct ChapterPage;

fn chapter_pages(
    mut commands: Commands,
    mut pressed: MessageReader<MenuPressed>,
    mut focus: ResMut<MenuFocus>,
    progress: Option<Res<crate::saving::Progress>>,
    menus: Query<Entity, With<TitleMenu>>,
    pages: Query<Entity, With<ChapterPage>>,
    mut again: MessageWriter<ShowTitleMenu>,
) {
    for action in pressed.read() {
        match action.0 {
            MenuAction::Chapters => {
                for menu in &menus {
                    commands.entity(menu).despawn();
                }
                focus.0 = 0;
                let garden = progress.as_ref().is_some_and(|p| p.garden_reached);
                commands
                    .spawn((ChapterPage, root(DespawnOnExit(AppState::Title), true)))
                    .with_children(|page| {
                        page.spawn(label("Chapters", 54.0, TEXT));
                        page.spawn(button(
                            "The Silver City",
                            MenuAction::BeginAt(Chapter::City),
                            0,
                        ));
                        let mut order = 1;
                        if garden {
                            page.spawn(button(
                                "The Garden",
                                MenuAction::BeginAt(Chapter::Garden),
                                order,
                            ));
                            order += 1;
                        }
                        page.spawn(button("Back", MenuAction::ChaptersBack, order));
                    });
            }
            MenuAction::ChaptersBack => {
                for page in &pages {
                    commands.entity(page).despawn();
                }
                again.write(ShowTitleMenu {
                    focus_on: MenuAction::Chapters,
                });
            }
            _ => {}
        }
    }
}

/// The title's view: the garden's night sky, looking up from the horizon.
fn title_view(
    mut commands: Commands,
    garden: Option<Res<crate::saving::TitleGarden>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut fogs: Query<&mut DistanceFog, With<DreamCamera>>,
    mut cameras: Query<&mut Transform, With<DreamCamera>>,
) {
    let scope = DespawnOnExit(AppState::Title);
    apply_mood(
        &mut commands,
        &mut meshes,
        &mut materials,
        &crate::garden::indigo_night(),
        &mut fogs,
        scope.clone(),
    );
    crate::garden::spawn_stars(&mut commands, &mut meshes, &mut materials, scope.clone());
    // Every finished dream has left a bloom here, placed by its seed.
    if let Some(garden) = garden {
        for (index, bloom) in garden.blooms.iter().take(400).enumerate() {
            let mut rng = crate::rng::scenery_rng(&format!("bloom {} {index}", bloom.seed));
            use rand::RngExt;
            let at = Vec3::new(
                rng.random_range(-9.0..9.0),
                0.0,
                -rng.random_range(4.0..22.0),
            );
            let (petal, heart) = [
                (
                    LinearRgba::rgb(0.9, 0.35, 0.55),
                    LinearRgba::rgb(1.4, 1.0, 0.5),
                ),
                (
                    LinearRgba::rgb(0.6, 0.4, 1.0),
                    LinearRgba::rgb(1.2, 1.0, 0.7),
                ),
                (
                    LinearRgba::rgb(1.0, 0.7, 0.35),
                    LinearRgba::rgb(1.3, 0.6, 0.4),
                ),
            ][index % 3];
            commands.spawn((
                Mesh3d(meshes.add(crate::shapes::flower(6, 0.2, 0.5, petal, heart).into_mesh())),
                MeshMaterial3d(materials.add(StandardMaterial {
                    base_color: Color::WHITE,
                    emissive: LinearRgba::rgb(0.15, 0.1, 0.2),
                    double_sided: true,
                    cull_mode: None,
                    ..default()
                })),
                Transform::from_translation(at).with_scale(Vec3::splat(1.6)),
                scope.clone(),
            ));
        }
    }
    for mut transform in &mut cameras {
        *transform =
            Transform::from_xyz(0.0, 1.6, 0.0).looking_to(Vec3::new(0.0, 0.18, -1.0), Vec3::Y);
    }
}

fn show_pause(
    mut commands: Commands,
    mut focus: ResMut<MenuFocus>,
    speedrun: Res<crate::speedrun::Speedrun>,
) {
    focus.0 = 0;
    spawn_pause_menu(&mut commands, speedrun.0.is_some());
}

/// The pause menu's buttons (a speedrun can be restarted from here as well as by holding R).
pub fn spawn_pause_menu(commands: &mut Commands, speedrunning: bool) {
    let mut entries = vec![("Resume", MenuAction::Resume)];
    if speedrunning {
        entries.push(("Restart run", MenuAction::RunAgain));
    }
    entries.extend([
        ("Settings", MenuAction::Settings),
        ("Return to title", MenuAction::ReturnToTitle),
        ("Quit", MenuAction::Quit),
    ]);
    commands
        .spawn((PauseMenu, root(DespawnOnExit(Pause::Paused), true)))
        .with_children(|menu| {
            menu.spawn(label("Paused", 54.0, TEXT));
            for (order, (text, action)) in entries.into_iter().enumerate() {
                menu.spawn(button(text, action, order));
            }
        });
}

fn show_problems(mut commands: Commands, problems: Res<LoadProblems>) {
    let list: String = problems
        .0
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    commands.spawn((
        root(DespawnOnExit(AppState::Broken), true),
        children![
            label("The dream could not begin", 44.0, TEXT),
            label("A level file could not be read:", 22.0, DIM),
            label(list, 18.0, Color::srgb(1.0, 0.8, 0.7)),
            label("Fix the file and start again. Esc quits.", 22.0, DIM),
        ],
    ));
}

fn any_gamepad_just_pressed(gamepads: &Query<&Gamepad>, button: GamepadButton) -> bool {
    gamepads.iter().any(|g| g.just_pressed(button))
}

fn toggle_pause(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    pause: Res<State<Pause>>,
    mut next: ResMut<NextState<Pause>>,
) {
    if keys.just_pressed(KeyCode::Escape)
        || any_gamepad_just_pressed(&gamepads, GamepadButton::Start)
    {
        next.set(match pause.get() {
            Pause::Running => Pause::Paused,
            Pause::Paused => Pause::Running,
        });
    }
}

fn navigate(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    buttons: Query<(&MenuButton, &Interaction)>,
    mut focus: ResMut<MenuFocus>,
) {
    let count = buttons.iter().count();
    if count == 0 {
        return;
    }
    if keys.just_pressed(KeyCode::ArrowDown)
        || keys.just_pressed(KeyCode::KeyS)
        || any_gamepad_just_pressed(&gamepads, GamepadButton::DPadDown)
    {
        focus.0 = (focus.0 + 1) % count;
    }
    if keys.just_pressed(KeyCode::ArrowUp)
        || keys.just_pressed(KeyCode::KeyW)
        || any_gamepad_just_pressed(&gamepads, GamepadButton::DPadUp)
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

#[expect(
    clippy::too_many_arguments,
    reason = "a menu press can lead anywhere in the game"
)]
pub fn press(
    keys: Res<ButtonInput<KeyCode>>,
    mouse: Res<ButtonInput<MouseButton>>,
    gamepads: Query<&Gamepad>,
    focus: Res<MenuFocus>,
    buttons: Query<(&MenuButton, &Interaction)>,
    mut next_pause: ResMut<NextState<Pause>>,
    mut dream: MessageWriter<BeginDream>,
    mut to_title: MessageWriter<ReturnToTitle>,
    mut exit: MessageWriter<AppExit>,
    mut pressed: MessageWriter<MenuPressed>,
    mut run_again: MessageWriter<crate::speedrun::ResetRun>,
    progress: Option<Res<crate::saving::Progress>>,
) {
    let confirm = keys.just_pressed(KeyCode::Enter)
        || keys.just_pressed(KeyCode::Space)
        || any_gamepad_just_pressed(&gamepads, GamepadButton::South);
    for (button, interaction) in &buttons {
        // A click counts on the frame the mouse goes down, so the page it opens cannot be
        // clicked through by the same, still-held press.
        let clicked = *interaction == Interaction::Pressed && mouse.just_pressed(MouseButton::Left);
        let chosen = (confirm && button.order == focus.0) || clicked;
        if !chosen {
            continue;
        }
        pressed.write(MenuPressed(button.action));
        match button.action {
            MenuAction::NewDream => {
                dream.write(BeginDream {
                    chapter: Chapter::City,
                });
            }
            MenuAction::Continue => {
                let chapter = progress
                    .as_ref()
                    .and_then(|p| p.continue_at)
                    .map_or(Chapter::City, |c| c.chapter());
                dream.write(BeginDream { chapter });
            }
            MenuAction::BeginAt(chapter) => {
                dream.write(BeginDream { chapter });
            }
            MenuAction::Resume => next_pause.set(Pause::Running),
            MenuAction::ReturnToTitle => {
                to_title.write(ReturnToTitle);
            }
            MenuAction::RunAgain => {
                run_again.write(crate::speedrun::ResetRun);
            }
            MenuAction::Quit => {
                exit.write(AppExit::Success);
            }
            // The speedrun screen's own buttons.
            MenuAction::Speedrun
            | MenuAction::SpeedrunRoute
            | MenuAction::SpeedrunSeedRule
            | MenuAction::SpeedrunSeedNumber
            | MenuAction::SpeedrunStart
            | MenuAction::SpeedrunBack => {}
            // The settings page's and the chapter select's.
            MenuAction::Settings
            | MenuAction::Setting(_)
            | MenuAction::SettingsBack
            | MenuAction::Chapters
            | MenuAction::ChaptersBack => {}
        }
    }
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

fn quit_from_problems(keys: Res<ButtonInput<KeyCode>>, mut exit: MessageWriter<AppExit>) {
    if keys.just_pressed(KeyCode::Escape) {
        exit.write(AppExit::from_code(2));
    }
}
