import ArgumentParser
import Dispatch
import Inspection
import InspectionDocuments
import InspectionStore
import InspectionWeb

/// `liancha serve`: the web application on the database the other commands use.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application (pages for each department, the public results) on the database.",
        discussion: """
            Accounts come from `liancha user add`. The server listens on 127.0.0.1:8080 unless --host and
            --port say otherwise; put it behind a TLS proxy (and pass --secure-cookies) to serve beyond
            the local network. Ctrl-C stops it.
            """
    )

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Mark the session cookie Secure (when a TLS proxy is in front).") var secureCookies = false
    @Option(help: ArgumentHelp("Sign a session out after this many minutes without a request.", valueName: "minutes"))
    var sessionIdle = 30
    @Option(help: ArgumentHelp("Sign a session out after this many hours in any case.", valueName: "hours"))
    var sessionLifetime = 12
    @Option(help: ArgumentHelp("The address enterprises reach the app at (the visit codes' QR encode <url>/v/<token>; default http://HOST:PORT).", valueName: "url"))
    var publicURL: String?
    @Option(help: "Seconds a web write waits for the database (another command may be writing) before answering 503.")
    var writeTimeout: Double = 2
    @Option(help: "Seconds a new connection has to send its request's headers.")
    var headerTimeout: Double = ConnectionLimits().headerTimeout
    @Option(help: "Seconds a request has to send its body once its headers are in (uploads).")
    var requestTimeout: Double = ConnectionLimits().requestTimeout
    @Option(help: "Seconds a keep-alive connection may stay idle between requests.")
    var idleTimeout: Double = ConnectionLimits().idleTimeout
    @Option(help: "The most data rows an uploaded table may have.")
    var maxImportRows = ReadLimits.web.maxRows
    @Option(help: ArgumentHelp("Yearly cap per department for plan and routine visits filed in the web (default: a routine draw's policy cap; plan visits none).",
                               valueName: "n"))
    var yearlyCap: Int?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard (1...1_440).contains(sessionIdle) else { throw ValidationError("--session-idle must be between 1 and 1440 minutes") }
        guard (1...720).contains(sessionLifetime) else { throw ValidationError("--session-lifetime must be between 1 and 720 hours") }
        guard sessionIdle <= sessionLifetime * 60 else { throw ValidationError("--session-idle cannot exceed --session-lifetime") }
        guard (0.05...60).contains(writeTimeout) else { throw ValidationError("--write-timeout must be between 0.05 and 60 seconds") }
        for (name, value) in [("--header-timeout", headerTimeout), ("--request-timeout", requestTimeout), ("--idle-timeout", idleTimeout)] {
            guard (0.1...3600).contains(value) else { throw ValidationError("\(name) must be between 0.1 and 3600 seconds") }
        }
        guard maxImportRows > 0 else { throw ValidationError("--max-import-rows must be positive") }
        if let yearlyCap, yearlyCap < 0 { throw ValidationError("--yearly-cap cannot be negative") }
    }

    func run() throws {
        try reporting {
            let path = global.databasePath
            // NB: the root command is synchronous; the server runs on Swift concurrency's own threads
            // while this one waits for it to stop.
            let outcome = Outcome()
            let done = DispatchSemaphore(value: 0)
            let (host, port, secure, publicURL) = (host, port, secureCookies, publicURL)
            let (writeTimeout, maxImportRows, yearlyCap) = (writeTimeout, maxImportRows, yearlyCap)
            let limits = SessionLimits(idle: Double(sessionIdle) * 60, lifetime: Double(sessionLifetime) * 3600)
            let connections = ConnectionLimits(headerTimeout: headerTimeout, requestTimeout: requestTimeout, idleTimeout: idleTimeout)
            Task {
                do {
                    try await runServer(databasePath: path, host: host, port: port, secureCookies: secure, sessionLimits: limits,
                                        publicURL: publicURL, writeTimeout: writeTimeout, maxImportRows: maxImportRows,
                                        connections: connections,
                                        visitYearlyCap: { source, db in try VisitCommand.yearlyCap(for: source, given: yearlyCap, in: db) })
                } catch {
                    outcome.error = "\(error)"
                }
                done.signal()
            }
            done.wait()
            if let error = outcome.error { throw Failure(message: error) }
        }
    }

    private final class Outcome: @unchecked Sendable {
        var error: String?
    }
}
