//! `askfirst triage PAGE.html [--settings FILE] [--json]` — native CLI. (Skeleton.)

fn main() {
    eprintln!("askfirst: not implemented yet");
    std::process::exit(2);
}
