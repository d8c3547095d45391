import ArgumentParser
import Foundation

/// Progress and summaries on stderr (stdout stays clean for piping); colour only on a terminal and
/// only when `NO_COLOR` is unset.
struct Console: Sendable {
    let colours: Bool

    init() {
        colours = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    func status(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// `body`'s result; an error it throws is a usage or configuration error: printed as
    /// `error: <context: >error` and the command exits 2.
    func usageErrorsExit2<T>(_ context: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            status("error: " + (context.map { $0 + ": " } ?? "") + "\(error)")
            throw ExitCode(2)
        }
    }

    /// `text` in a colour (31 red, 32 green, 33 yellow, 2 dim) when colours are on.
    func paint(_ text: String, _ code: Int) -> String {
        colours ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
