//! Begin Again: reads the command line and hands over to the game.

fn main() -> std::process::ExitCode {
    begin_again::cli::run()
}
