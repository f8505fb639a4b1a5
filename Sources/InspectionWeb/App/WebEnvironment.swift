public import Foundation
public import Hummingbird
public import Inspection
public import InspectionDocuments
public import InspectionStore

/// Everything the web application reads from outside itself, passed in so that tests can fix the
/// date, the draw seeds and the session storage (STYLE 1: chance and time are inputs).
public struct WebEnvironment: Sendable {
    public var database: AppDatabase
    public var clock: WebClock
    /// 32 random bytes for a draw or team matching that names no public entropy.
    public var randomSeed: @Sendable () -> [UInt8]
    /// Where sessions live; nil (the default): the database (`DatabasePersistDriver`), so that they
    /// survive a restart.
    public var sessionStorage: (any PersistDriver)?
    /// How long a session lasts idle, and at most.
    public var sessionLimits: SessionLimits
    public var loginLimit: LoginLimit
    /// The public forms' own limit per address (not the sign-in's).
    public var submissionLimit: SubmissionLimit
    /// Mark the session cookie `Secure` (when served behind TLS).
    public var secureCookies: Bool
    /// bcrypt's cost for passwords changed in the web pages (tests lower it).
    public var passwordCost: UInt8
    /// The address enterprises reach the app at: the visit codes' QR encode `<publicURL>/v/<token>`.
    public var publicURL: String
    /// How long a web write waits for its turn before answering 503 (another process may hold the
    /// write lock; open the database with the same busy timeout, see `AppDatabase.openExisting`).
    public var writeTimeout: TimeInterval
    /// What an uploaded table may hold (rows, inflated bytes).
    public var importLimits: ReadLimits
    /// The yearly cap per department a visit filed in the web is held to, by its source (nil: none).
    public var visitYearlyCap: @Sendable (VisitSource, AppDatabase) throws -> Int?

    public init(database: AppDatabase, clock: WebClock = .system, randomSeed: @escaping @Sendable () -> [UInt8] = WebEnvironment.systemSeed,
                sessionStorage: (any PersistDriver)? = nil, sessionLimits: SessionLimits = SessionLimits(),
                loginLimit: LoginLimit = LoginLimit(), submissionLimit: SubmissionLimit = SubmissionLimit(), secureCookies: Bool = false, passwordCost: UInt8 = 12,
                publicURL: String = "http://127.0.0.1:8080", writeTimeout: TimeInterval = 2, importLimits: ReadLimits = .web,
                visitYearlyCap: @escaping @Sendable (VisitSource, AppDatabase) throws -> Int? = { _, _ in nil }) {
        self.database = database
        self.clock = clock
        self.randomSeed = randomSeed
        self.sessionStorage = sessionStorage
        self.sessionLimits = sessionLimits
        self.loginLimit = loginLimit
        self.submissionLimit = submissionLimit
        self.secureCookies = secureCookies
        self.passwordCost = passwordCost
        self.publicURL = publicURL
        self.writeTimeout = writeTimeout
        self.importLimits = importLimits
        self.visitYearlyCap = visitYearlyCap
    }

    /// 32 bytes from the system's cryptographic generator.
    public static let systemSeed: @Sendable () -> [UInt8] = {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

/// The one place the web application reads the time. China keeps one time zone, UTC+8, without
/// daylight saving; the store records local timestamps and dates.
public struct WebClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    public static let system = WebClock { Date() }

    /// A clock stopped at `date` (YYYY-MM-DD) and `time` (HH:MM:SS), China time.
    public static func fixed(_ date: String, _ time: String = "09:00:00") -> WebClock {
        let day = LocalDate(date)!
        let parts = time.split(separator: ":").compactMap { Int($0) }
        let seconds = Double(day.dayNumber) * 86_400 + Double(parts[0] * 3600 + parts[1] * 60 + parts[2]) - Double(chinaOffset)
        let instant = Date(timeIntervalSince1970: seconds)
        return WebClock { instant }
    }

    static let chinaOffset = 8 * 3600

    /// Who writes, and when: the signed-in account's name and the local time.
    public func actor(_ name: String) -> Actor {
        let local = now().addingTimeInterval(TimeInterval(Self.chinaOffset))
        let secs = Int(local.timeIntervalSince1970.rounded(.down))
        let day = LocalDate(dayNumber: Int((Double(secs) / 86_400).rounded(.down)))
        let t = ((secs % 86_400) + 86_400) % 86_400
        let time = String(format: "%02d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
        return Actor(name: name, timestamp: "\(day)T\(time)+08:00", today: day)
    }

    public var today: LocalDate { actor("").today }
}

/// How many failed logins an account may have from one address before it must wait.
/// How often one address may send the public forms (an enterprise's evaluation and complaint).
public struct SubmissionLimit: Sendable {
    public var maxSubmissions: Int
    public var window: TimeInterval

    public init(maxSubmissions: Int = 10, window: TimeInterval = 60 * 60) {
        self.maxSubmissions = maxSubmissions
        self.window = window
    }
}

public struct LoginLimit: Sendable {
    public var maxFailures: Int
    public var window: TimeInterval

    public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }
}
