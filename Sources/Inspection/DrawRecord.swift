public import Foundation

/// A stored draw, as `DRAW.md` writes it (`liancha-draw/1`): every input and output, so that anyone
/// can recompute it with SHA-256.
public struct DrawRecord: Codable, Sendable, Equatable {
    public var format = DrawRecord.formatName
    public var id: String
    /// ISO 8601 with offset, e.g. `2026-04-01T09:30:00+08:00`.
    public var created: String
    public var `operator`: String
    public var purpose: String
    /// 64 hex characters; nil in a public copy while the draw is sealed.
    public var seed: String?
    /// SHA-256 of the seed bytes.
    public var commitment: String
    /// The public text the seed was hashed from, if any.
    public var publicEntropy: String?
    /// The draw this one replaces, and why.
    public var supersedes: String?
    public var reason: String?
    /// Sealed draws publish their commitment first and their seed and lists at reveal.
    public var sealed: Bool
    public var policy: String?
    public var period: String?
    /// Label restrictions of a directed draw (定向抽查); empty for an undirected one.
    public var directed: [String]
    /// The joint plan a plan draw belongs to.
    public var plan: String?
    public var strata: [DrawStratum]
    public var teams: [TeamDraw]
    public var replacements: [Replacement]

    public static let formatName = "liancha-draw/1"

    public init(id: String, created: String, operator: String, purpose: String, seed: String?, commitment: String,
                publicEntropy: String?, supersedes: String?, reason: String?, sealed: Bool, policy: String?,
                period: String?, directed: [String], plan: String?, strata: [DrawStratum],
                teams: [TeamDraw] = [], replacements: [Replacement] = []) {
        self.id = id
        self.created = created
        self.operator = `operator`
        self.purpose = purpose
        self.seed = seed
        self.commitment = commitment
        self.publicEntropy = publicEntropy
        self.supersedes = supersedes
        self.reason = reason
        self.sealed = sealed
        self.policy = policy
        self.period = period
        self.directed = directed
        self.plan = plan
        self.strata = strata
        self.teams = teams
        self.replacements = replacements
    }

    /// What may be published now: a sealed draw shows its commitment but neither seed nor lists.
    public func publicCopy(revealed: Bool) -> DrawRecord {
        guard sealed && !revealed else { return self }
        var copy = self
        copy.seed = nil
        copy.publicEntropy = nil
        copy.strata = strata.map { var s = $0; s.drawn = nil; return s }
        copy.teams = teams.map { var t = $0; t.drawn = nil; return t }
        copy.replacements = []
        return copy
    }

    /// The record as one JSON document (UTF-8, keys sorted, Chinese unescaped).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads an exported record (see `init(json:minimumList:)`).
    public init(json data: Data) throws {
        try self.init(json: data, minimumList: 1024)
    }
}

/// One stratum of a draw: the candidates of one class (or credit-risk level), the quota, the result.
public struct DrawStratum: Codable, Sendable, Equatable {
    public var scope: String
    public var classID: String?
    public var className: String?
    public var ratio: String
    /// `site` or `non-site`.
    public var method: String
    /// Sorted by UTF-8 bytes.
    public var candidates: [String]
    public var snapshot: String
    public var excluded: [Exclusion]
    public var quota: Int
    /// An overall minimum that raised the quota (joint plans), if any.
    public var minimum: Int?
    /// In ticket order; nil while sealed.
    public var drawn: [String]?

    enum CodingKeys: String, CodingKey {
        case scope, classID = "class", className, ratio, method, candidates, snapshot, excluded, quota, minimum, drawn
    }

    public init(scope: String, classID: String?, className: String?, ratio: String, method: String, candidates: [String],
                snapshot: String, excluded: [Exclusion], quota: Int, minimum: Int? = nil, drawn: [String]?) {
        self.scope = scope
        self.classID = classID
        self.className = className
        self.ratio = ratio
        self.method = method
        self.candidates = candidates
        self.snapshot = snapshot
        self.excluded = excluded
        self.quota = quota
        self.minimum = minimum
        self.drawn = drawn
    }
}

/// A candidate left out of a draw, and why.
public struct Exclusion: Codable, Sendable, Hashable {
    public var id: String
    public var reason: String

    public init(id: String, reason: String) {
        self.id = id
        self.reason = reason
    }
}

/// The inspectors one department puts on one enterprise's team.
public struct TeamDraw: Codable, Sendable, Equatable {
    public var enterprise: String
    public var department: String
    public var scope: String
    public var candidates: [String]
    public var excluded: [Exclusion]
    public var needed: Int
    public var drawn: [String]?

    public init(enterprise: String, department: String, scope: String, candidates: [String], excluded: [Exclusion],
                needed: Int, drawn: [String]?) {
        self.enterprise = enterprise
        self.department = department
        self.scope = scope
        self.candidates = candidates
        self.excluded = excluded
        self.needed = needed
        self.drawn = drawn
    }
}

/// A drawn inspector replaced for cause, with the approving leader.
public struct Replacement: Codable, Sendable, Equatable {
    public var enterprise: String
    public var department: String
    public var replaced: String
    public var by: String
    public var reason: String
    public var approvedBy: String

    public init(enterprise: String, department: String, replaced: String, by: String, reason: String, approvedBy: String) {
        self.enterprise = enterprise
        self.department = department
        self.replaced = replaced
        self.by = by
        self.reason = reason
        self.approvedBy = approvedBy
    }
}

// NB: explicit encoders, so that absent values are written as `null` (DRAW.md: "seed … or null
// while the draw is sealed") rather than left out as synthesised Codable does.
extension DrawRecord {
    enum CodingKeys: String, CodingKey {
        case format, id, created, `operator`, purpose, seed, commitment, publicEntropy, supersedes, reason, sealed,
             policy, period, directed, plan, strata, teams, replacements
    }

    /// Reads any record written to DRAW.md's format: the fields DRAW.md defines are required; those
    /// liancha adds (`sealed`, `policy`, `period`, `directed`, `plan`) may be absent, as in a record
    /// written by another implementation. An absent `sealed` means sealed exactly when the seed is withheld.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        id = try c.decode(String.self, forKey: .id)
        created = try c.decode(String.self, forKey: .created)
        `operator` = try c.decode(String.self, forKey: .operator)
        purpose = try c.decode(String.self, forKey: .purpose)
        seed = try c.decodeIfPresent(String.self, forKey: .seed)
        commitment = try c.decode(String.self, forKey: .commitment)
        publicEntropy = try c.decodeIfPresent(String.self, forKey: .publicEntropy)
        supersedes = try c.decodeIfPresent(String.self, forKey: .supersedes)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        sealed = try c.decodeIfPresent(Bool.self, forKey: .sealed) ?? (seed == nil)
        policy = try c.decodeIfPresent(String.self, forKey: .policy)
        period = try c.decodeIfPresent(String.self, forKey: .period)
        directed = try c.decodeIfPresent([String].self, forKey: .directed) ?? []
        plan = try c.decodeIfPresent(String.self, forKey: .plan)
        strata = try c.decode([DrawStratum].self, forKey: .strata)
        teams = try c.decode([TeamDraw].self, forKey: .teams)
        replacements = try c.decode([Replacement].self, forKey: .replacements)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(id, forKey: .id)
        try c.encode(created, forKey: .created)
        try c.encode(`operator`, forKey: .operator)
        try c.encode(purpose, forKey: .purpose)
        try c.encode(seed, forKey: .seed)
        try c.encode(commitment, forKey: .commitment)
        try c.encode(publicEntropy, forKey: .publicEntropy)
        try c.encode(supersedes, forKey: .supersedes)
        try c.encode(reason, forKey: .reason)
        try c.encode(sealed, forKey: .sealed)
        try c.encode(policy, forKey: .policy)
        try c.encode(period, forKey: .period)
        try c.encode(directed, forKey: .directed)
        try c.encode(plan, forKey: .plan)
        try c.encode(strata, forKey: .strata)
        try c.encode(teams, forKey: .teams)
        try c.encode(replacements, forKey: .replacements)
    }
}

extension DrawStratum {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scope, forKey: .scope)
        try c.encode(classID, forKey: .classID)
        try c.encode(className, forKey: .className)
        try c.encode(ratio, forKey: .ratio)
        try c.encode(method, forKey: .method)
        try c.encode(candidates, forKey: .candidates)
        try c.encode(snapshot, forKey: .snapshot)
        try c.encode(excluded, forKey: .excluded)
        try c.encode(quota, forKey: .quota)
        try c.encode(minimum, forKey: .minimum)
        try c.encode(drawn, forKey: .drawn)
    }
}

extension TeamDraw {
    enum CodingKeys: String, CodingKey {
        case enterprise, department, scope, candidates, excluded, needed, drawn
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enterprise, forKey: .enterprise)
        try c.encode(department, forKey: .department)
        try c.encode(scope, forKey: .scope)
        try c.encode(candidates, forKey: .candidates)
        try c.encode(excluded, forKey: .excluded)
        try c.encode(needed, forKey: .needed)
        try c.encode(drawn, forKey: .drawn)
    }
}
