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

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// A progress line for long imports, shown only on a terminal ("rows/s").
    final class Progress {
        private let start = Date()
        private let enabled = Console.stderrIsTerminal
        private var shown = false

        func update(_ rows: Int) {
            guard enabled else { return }
            let seconds = max(Date().timeIntervalSince(start), 0.001)
            FileHandle.standardError.write(Data("\r  \(rows) rows, \(Int(Double(rows) / seconds)) rows/s   ".utf8))
            shown = true
        }

        func finish() {
            if shown { FileHandle.standardError.write(Data("\n".utf8)) }
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
