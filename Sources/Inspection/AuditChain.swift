import Crypto

/// The hash chain of the audit log (审计日志防篡改): each entry stores
/// SHA-256(previous entry's hash ‖ its own canonical fields), so that changing, removing, inserting
/// or reordering an entry breaks every link after it, and a printed anchor (the head's id and hash)
/// contradicts any later rewrite of what came before it.
public enum AuditChain {
    /// The "previous hash" of the first chained entry: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// The fields of one entry that its hash covers.
    public struct Fields: Sendable, Equatable {
        public var id: Int64
        public var at: String
        public var `operator`: String
        /// The OS account that ran a CLI command (empty for the web, where `operator` is the account).
        public var osUser: String
        public var action: String
        public var detail: String
        public var records: String

        public init(id: Int64, at: String, operator: String, osUser: String, action: String, detail: String, records: String) {
            self.id = id
            self.at = at
            self.operator = `operator`
            self.osUser = osUser
            self.action = action
            self.detail = detail
            self.records = records
        }

        /// Each field as its UTF-8 byte count, `:`, its bytes and `,` (netstring-like): no two
        /// different entries give the same bytes, whatever their text holds.
        public var canonical: [UInt8] {
            var out: [UInt8] = []
            for field in [String(id), at, `operator`, osUser, action, detail, records] {
                let bytes = Array(field.utf8)
                out += Array(String(bytes.count).utf8)
                out.append(0x3A)
                out += bytes
                out.append(0x2C)
            }
            return out
        }
    }

    /// SHA-256(previous ‖ canonical fields), lowercase hex.
    public static func hash(previous: String, _ fields: Fields) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(previous.utf8))
        hasher.update(data: fields.canonical)
        return VerifiableDraw.hex(hasher.finalize())
    }

    /// A printed head of the chain (`#id hash`): a later rewrite of anything up to it contradicts it.
    public struct Anchor: Sendable, Equatable, CustomStringConvertible {
        public var id: Int64
        public var hash: String

        public init(id: Int64, hash: String) {
            self.id = id
            self.hash = hash
        }

        /// `ID:HASH`, `#ID HASH` or `ID HASH`, as `liancha audit anchor` prints it.
        public init?(_ text: String) {
            let parts = text.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "#" })
            guard parts.count == 2, let id = Int64(parts[0]), id > 0, parts[1].count == 64,
                  parts[1].allSatisfy({ $0.isHexDigit }) else { return nil }
            self.init(id: id, hash: parts[1].lowercased())
        }

        public var description: String { "#\(id) \(hash)" }
    }

    /// One stored entry as verification reads it.
    public struct Stored: Sendable {
        public var fields: Fields
        /// nil for an entry written without a hash (which only a hand edit does).
        public var hash: String?

        public init(fields: Fields, hash: String?) {
            self.fields = fields
            self.hash = hash
        }
    }

    /// Where the chain breaks first.
    public enum Break: Error, Equatable, Sendable, CustomStringConvertible {
        /// The entry's fields no longer give its hash, while the next entry still follows from it.
        case changed(id: Int64)
        /// Entries are missing between two ids.
        case removed(after: Int64, before: Int64)
        /// The entry does not follow from the one stored before it: inserted, moved, renumbered, or
        /// the entry before it was removed and the rest renumbered.
        case doesNotFollow(id: Int64, previous: Int64?)
        case missingHash(id: Int64)
        /// The entry an anchor names is gone, or now has another hash.
        case anchorMismatch(id: Int64, anchored: String, found: String?)

        public var description: String {
            switch self {
            case .changed(let id): "entry #\(id) was changed after it was written (its content no longer gives its hash)"
            case .removed(let after, let before):
                before == after + 2 ? "entry #\(after + 1) was removed" : "entries #\(after + 1)–#\(before - 1) were removed"
            case .doesNotFollow(let id, let previous):
                "entry #\(id) does not follow from " + (previous.map { "#\($0)" } ?? "the start of the chain")
                    + ": it was inserted, moved or renumbered, or an entry before it was removed"
            case .missingHash(let id): "entry #\(id) has no hash: it was inserted outside liancha"
            case .anchorMismatch(let id, let anchored, let found):
                found.map { "entry #\(id) now has hash \($0), not the anchored \(anchored): the log was rewritten up to it" }
                    ?? "the anchored entry #\(id) is gone: the log was rewritten"
            }
        }
    }

    /// Walks entries in id order, each chained from the one before (the first from `genesis`),
    /// and reports the first break. `next` gives the entry after the current one, so that a changed
    /// entry can be told from one inserted or moved.
    public struct Verifier: Sendable {
        private var previousHash: String
        private var previousID: Int64?
        /// An entry whose hash did not match, waiting for the next entry to tell why.
        private var suspect: Stored?
        private let anchor: Anchor?
        private var anchorSeen = false
        public private(set) var count = 0
        /// The last entry seen: the head once every entry was given.
        public private(set) var head: Anchor?

        /// `anchor`, when given, must still be in the chain with the same hash.
        public init(anchor: Anchor? = nil) {
            previousHash = AuditChain.genesis
            previousID = nil
            self.anchor = anchor
        }

        /// Takes the next entry; throws the first break found.
        public mutating func add(_ entry: Stored) throws(Break) {
            count += 1
            if let suspect {
                // The previous entry's fields did not give its stored hash: if this entry follows from
                // that stored hash, the previous entry was edited in place.
                if let hash = entry.hash, hash == AuditChain.hash(previous: suspect.hash ?? "", entry.fields) {
                    throw .changed(id: suspect.fields.id)
                }
                throw .doesNotFollow(id: suspect.fields.id, previous: previousID)
            }
            guard let hash = entry.hash else { throw .missingHash(id: entry.fields.id) }
            if let previousID, entry.fields.id > previousID + 1 {
                throw .removed(after: previousID, before: entry.fields.id)
            }
            if hash != AuditChain.hash(previous: previousHash, entry.fields) {
                suspect = entry
                return
            }
            if let anchor, anchor.id == entry.fields.id {
                guard anchor.hash == hash else { throw .anchorMismatch(id: anchor.id, anchored: anchor.hash, found: hash) }
                anchorSeen = true
            }
            previousHash = hash
            previousID = entry.fields.id
            head = Anchor(id: entry.fields.id, hash: hash)
        }

        /// Call after the last entry: a mismatch on the last entry is reported here.
        public func finish() throws(Break) {
            // The last entry: nothing after it tells an edit from an insertion.
            if let suspect { throw .changed(id: suspect.fields.id) }
            if let anchor, !anchorSeen { throw .anchorMismatch(id: anchor.id, anchored: anchor.hash, found: nil) }
        }
    }
}

/// SHA-256 of a text's UTF-8, lowercase hex: how the store keeps secrets it only needs to
/// recognise (session keys).
public enum Digest {
    public static func sha256(_ text: String) -> String {
        VerifiableDraw.hex(SHA256.hash(data: Array(text.utf8)))
    }
}
