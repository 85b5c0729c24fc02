//! LiveSplit: the splits exported as a `.lss` file LiveSplit opens, and an optional client
//! that drives LiveSplit Server over TCP as the run goes (off by default). The client talks
//! from its own thread: a slow or lost connection never holds up or disturbs the game.

use std::io::Write;
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use bevy::prelude::*;

use super::records::CategoryRecord;
use super::timer::{
    Loading, RunTimer, SPLITS, Speedrun, SplitReached, SplitTime, TimerStarted, not_practising,
    reach_splits,
};
use crate::core::flow::{DreamBegan, DreamClock, DreamSystems, Pause, ReturnToTitle, begin_dream};
use crate::core::ticks::{TICKS_PER_SECOND, millis};

/// A time in ticks as LiveSplit writes it: `HH:MM:SS.fffffff`.
pub(crate) fn lss_time(ticks: u64) -> String {
    let per_second = u128::from(TICKS_PER_SECOND);
    let hundred_ns = (u128::from(ticks) * 10_000_000 + per_second / 2) / per_second;
    let seconds = hundred_ns / 10_000_000;
    format!(
        "{:02}:{:02}:{:02}.{:07}",
        seconds / 3600,
        (seconds / 60) % 60,
        seconds % 60,
        hundred_ns % 10_000_000
    )
}

/// A time in ticks as LiveSplit Server reads it: `H:MM:SS.mmm`.
pub fn server_time(ticks: u64) -> String {
    let millis = millis(ticks);
    format!(
        "{}:{:02}:{:02}.{:03}",
        millis / 3_600_000,
        (millis / 60_000) % 60,
        (millis / 1000) % 60,
        millis % 1000
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn time_element(tag: &str, attributes: &str, time: Option<SplitTime>) -> String {
    match time {
        Some(t) => format!(
            "<{tag}{attributes}><RealTime>{}</RealTime><GameTime>{}</GameTime></{tag}>",
            lss_time(t.real),
            lss_time(t.game)
        ),
        None => format!("<{tag}{attributes} />"),
    }
}

/// A category's splits as a LiveSplit `.lss` file: its segments, the personal best's split
/// times, the best segments and the attempt count.
pub fn lss(record: &CategoryRecord) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Run version=\"1.7.0\">\n");
    out.push_str("  <GameIcon />\n  <GameName>Begin Again</GameName>\n");
    out.push_str(&format!(
        "  <CategoryName>{}</CategoryName>\n",
        escape(&record.category.name())
    ));
    out.push_str("  <LayoutPath>\n  </LayoutPath>\n");
    out.push_str("  <Metadata>\n    <Run id=\"\" />\n    <Platform usesEmulator=\"False\">PC</Platform>\n    <Region>\n    </Region>\n    <Variables />\n  </Metadata>\n");
    out.push_str("  <Offset>00:00:00</Offset>\n");
    out.push_str(&format!(
        "  <AttemptCount>{}</AttemptCount>\n  <AttemptHistory />\n  <Segments>\n",
        record.attempts
    ));
    let pb = record.personal_best.as_ref();
    for (index, split) in SPLITS.iter().enumerate() {
        let pb_time = pb.and_then(|pb| pb.splits.get(index).copied());
        out.push_str(&format!(
            "    <Segment>\n      <Name>{}</Name>\n      <Icon />\n      <SplitTimes>\n        {}\n      </SplitTimes>\n      {}\n      <SegmentHistory />\n    </Segment>\n",
            escape(split.name()),
            time_element("SplitTime", " name=\"Personal Best\"", pb_time),
            time_element(
                "BestSegmentTime",
                "",
                record.best_segments.get(index).copied().flatten()
            ),
        ));
    }
    out.push_str("  </Segments>\n  <AutoSplitterSettings />\n</Run>\n");
    out
}

/// Where LiveSplit Server listens, when the client is on.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct LiveSplitServer {
    pub host: String,
    pub port: u16,
}

/// Lines for the connection's thread.
#[derive(Resource)]
struct Outbox(Sender<Line>);

/// What the client has told LiveSplit about this attempt.
#[derive(Resource, Debug, Default)]
struct Told {
    /// LiveSplit's timer is running or has ended (a reset is due before the next start).
    started: bool,
}

/// Drives LiveSplit Server at the `LiveSplitServer` inserted before: one command a line, as
/// the run goes.
pub fn client_plugin(app: &mut App) {
    let Some(server) = app.world().get_resource::<LiveSplitServer>().cloned() else {
        warn!("LiveSplit client asked for with no server to talk to");
        return;
    };
    let (sender, receiver) = channel();
    let address = server.clone();
    let spawned = std::thread::Builder::new()
        .name("livesplit-client".into())
        .spawn(move || connection(address, receiver));
    if let Err(error) = spawned {
        warn!("LiveSplit client could not start: {error}");
        return;
    }
    info!(
        "LiveSplit Server client on, for {}:{}",
        server.host, server.port
    );
    app.insert_resource(Outbox(sender))
        .init_resource::<Told>()
        .add_systems(
            FixedUpdate,
            tell_splits
                .after(reach_splits)
                .in_set(DreamSystems::Record)
                .run_if(not_practising),
        )
        .add_systems(
            Update,
            (
                // In the frame the new dream is asked for, before its first tick can start
                // LiveSplit's timer again.
                tell_reset.after(begin_dream),
                tell_loading,
                tell_pause.run_if(state_changed::<Pause>),
            )
                .run_if(not_practising),
        );
}

fn send(outbox: &Outbox, line: String) {
    // The thread only ends with the app; a closed channel is nothing to stop for.
    let _ = outbox.0.send(Line::Command(line));
}

fn tell_splits(
    outbox: Res<Outbox>,
    mut told: ResMut<Told>,
    speedrun: Res<Speedrun>,
    mut started: MessageReader<TimerStarted>,
    mut reached: MessageReader<SplitReached>,
) {
    if speedrun.0.is_none() {
        started.clear();
        reached.clear();
        return;
    }
    if started.read().count() > 0 {
        send(&outbox, "starttimer".into());
        // Game time from the first step (LiveSplit has no command to start it by itself),
        // kept exact at every split and over loading and the pause menu.
        send(&outbox, format!("setgametime {}", server_time(0)));
        told.started = true;
    }
    for split in reached.read() {
        send(
            &outbox,
            format!("setgametime {}", server_time(split.time.game)),
        );
        send(&outbox, "split".into());
    }
}

fn tell_reset(
    outbox: Res<Outbox>,
    mut told: ResMut<Told>,
    mut began: MessageReader<DreamBegan>,
    mut to_title: MessageReader<ReturnToTitle>,
) {
    let leaving = began.read().count() + to_title.read().count() > 0;
    if leaving && told.started {
        send(&outbox, "reset".into());
        told.started = false;
    }
}

fn tell_loading(
    outbox: Res<Outbox>,
    told: Res<Told>,
    timer: Res<RunTimer>,
    mut loading: MessageReader<Loading>,
) {
    for change in loading.read() {
        if !told.started || timer.finished().is_some() {
            continue;
        }
        match change {
            Loading::Began => send(&outbox, "pausegametime".into()),
            Loading::Ended { game_ticks } => {
                send(&outbox, format!("setgametime {}", server_time(*game_ticks)));
                send(&outbox, "unpausegametime".into());
            }
        }
    }
}

fn tell_pause(
    outbox: Res<Outbox>,
    told: Res<Told>,
    timer: Res<RunTimer>,
    clock: Res<DreamClock>,
    pause: Option<Res<State<Pause>>>,
    mut was_paused: Local<bool>,
) {
    let paused = pause.is_some_and(|p| *p.get() == Pause::Paused);
    // Only a real pause or resume is told (not a dream's Pause state coming into being).
    let changed = paused != *was_paused;
    *was_paused = paused;
    if !changed || !told.started || timer.finished().is_some() {
        return;
    }
    if paused {
        send(&outbox, "pausegametime".into());
        send(
            &outbox,
            format!("setgametime {}", server_time(timer.game_ticks(clock.tick))),
        );
    } else {
        send(&outbox, "unpausegametime".into());
    }
}

/// How long to wait between tries to reach LiveSplit Server after a try failed.
const RETRY_AFTER: Duration = Duration::from_secs(3);

/// What the connection's thread is asked to do.
enum Line {
    /// Send a command.
    Command(String),
    /// Answer once every command before this one has been handled (sent or given up on).
    Flush(Sender<()>),
}

/// The commands LiveSplit has been sent for the attempt in progress, so a LiveSplit that was
/// away (closed, restarted, the connection lost) can be brought up to date: told to reset,
/// then the attempt so far. Its game times are exact again; the real-time column of splits
/// passed while it was away is lost (LiveSplit keeps its own real time).
#[derive(Debug, Default)]
struct Attempt(Vec<String>);

impl Attempt {
    fn note(&mut self, command: &str) {
        if command == "reset" {
            self.0.clear();
        } else {
            self.0.push(command.to_string());
        }
    }
}

/// The connection's thread: sends each command, connecting when needed. A connection the
/// other end has closed is noticed before writing; then the thread connects again and
/// catches LiveSplit up on the attempt. While LiveSplit cannot be reached the commands wait
/// in the attempt (a try every few seconds); the game never waits.
fn connection(server: LiveSplitServer, lines: Receiver<Line>) {
    let mut stream: Option<TcpStream> = None;
    let mut failed_at: Option<Instant> = None;
    let mut attempt = Attempt::default();
    let mut behind = false;
    for line in lines {
        let command = match line {
            Line::Command(command) => command,
            Line::Flush(done) => {
                let _ = done.send(());
                continue;
            }
        };
        attempt.note(&command);
        if stream.as_ref().is_some_and(|open| !still_open(open)) {
            warn!("LiveSplit Server closed the connection; connecting again");
            stream = None;
            behind = true;
        }
        if stream.is_none() {
            if failed_at.is_some_and(|t| t.elapsed() < RETRY_AFTER) {
                continue;
            }
            stream = connect(&server);
            failed_at = stream.is_none().then(Instant::now);
            if stream.is_none() {
                behind = true;
                continue;
            }
        }
        let Some(open) = stream.as_mut() else {
            continue;
        };
        let text = if behind {
            // Everything this attempt has said, from a clean timer.
            std::iter::once("reset")
                .chain(attempt.0.iter().map(String::as_str))
                .map(|c| format!("{c}\r\n"))
                .collect::<String>()
        } else {
            format!("{command}\r\n")
        };
        match open.write_all(text.as_bytes()) {
            Ok(()) => behind = false,
            Err(error) => {
                warn!("LiveSplit Server connection lost ({error}); connecting again");
                stream = None;
                behind = true;
            }
        }
    }
}

/// Whether the other end still holds the connection: nothing to read (LiveSplit answers only
/// `get…` commands, which are never sent) and no end of stream or error.
fn still_open(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return false;
    }
    let mut byte = [0u8; 1];
    let open = match stream.peek(&mut byte) {
        Ok(0) => false,
        Ok(_) => true,
        Err(error) => error.kind() == std::io::ErrorKind::WouldBlock,
    };
    stream.set_nonblocking(false).is_ok() && open
}

fn connect(server: &LiveSplitServer) -> Option<TcpStream> {
    let address = (server.host.as_str(), server.port)
        .to_socket_addrs()
        .ok()?
        .next()?;
    match TcpStream::connect_timeout(&address, Duration::from_millis(500)) {
        Ok(stream) => {
            let _ = stream.set_nodelay(true);
            let _ = stream.set_write_timeout(Some(Duration::from_millis(500)));
            info!("connected to LiveSplit Server at {address}");
            Some(stream)
        }
        Err(error) => {
            warn!("LiveSplit Server at {address} not reachable: {error}");
            None
        }
    }
}

/// Waits (up to `within`) until every command told so far has been handled by the
/// connection's thread: for a headless run that ends right after waking.
pub fn flush(world: &World, within: Duration) -> bool {
    let Some(outbox) = world.get_resource::<Outbox>() else {
        return true;
    };
    let (done, answered) = channel();
    outbox.0.send(Line::Flush(done)).is_ok() && answered.recv_timeout(within).is_ok()
}
