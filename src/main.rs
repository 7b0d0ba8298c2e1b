use std::process::ExitCode;

fn main() -> ExitCode {
    defiant_trivia::cli::main()
}
