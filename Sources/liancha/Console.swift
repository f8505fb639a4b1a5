import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Output for people: results on stdout, problems and progress on stderr.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Progress is for a person watching: both standard output and standard error are a terminal.
    static var isWatched: Bool { isatty(STDOUT_FILENO) != 0 && isatty(STDERR_FILENO) != 0 }

    /// A progress line for long imports, rewritten in place on standard error, shown only when a
    /// person is watching (never in pipes, files or tests): rows, percentage and time left (when
    /// `fraction` can tell how much of the file has been read), rows per second.
    final class Progress {
        private let start = Date()
        private let enabled: Bool
        private let fraction: () -> Double?
        private var shown = false
        private var lastShown = Date.distantPast

        init(enabled: Bool = Console.isWatched, fraction: @escaping () -> Double? = { nil }) {
            self.enabled = enabled
            self.fraction = fraction
        }

        func update(_ rows: Int) {
            guard enabled else { return }
            let now = Date()
            guard now.timeIntervalSince(lastShown) >= 0.2 else { return }
            lastShown = now
            FileHandle.standardError.write(Data(("\r" + Self.line(rows: rows, seconds: now.timeIntervalSince(start), fraction: fraction()) + "   ").utf8))
            shown = true
        }

        /// `1200000 rows, 45%, 98000 rows/s, 15 s left`.
        static func line(rows: Int, seconds: Double, fraction: Double?) -> String {
            let seconds = max(seconds, 0.001)
            var line = "  \(rows) rows"
            if let fraction, fraction > 0 { line += ", \(Int((min(fraction, 1) * 100).rounded(.down)))%" }
            line += ", \(Int(Double(rows) / seconds)) rows/s"
            if let fraction, fraction > 0.01 {
                line += ", \(Int((seconds * (1 - min(fraction, 1)) / fraction).rounded(.up))) s left"
            }
            return line
        }

        func finish() {
            if shown { FileHandle.standardError.write(Data("\n".utf8)) }
            shown = false
        }
    }
}

/// An error whose whole message has been written for the user; the command exits with `code`.
struct Failure: Error, CustomStringConvertible {
    let message: String
    var code: Int32 = 1

    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`, printing any library error as one clear line (never a stack trace) and exiting non-zero.
    func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch let error as Failure {
            Console.error("error: \(error.message)")
            throw ExitCode(error.code)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
