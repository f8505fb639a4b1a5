/// What earlier draws and checks say about enterprises, for a draw's exclusions.
public struct DrawHistory: Sendable {
    /// Random checks (routine and joint-plan draws) this year per USCC; superseded draws do not count.
    public var routineDrawsThisYear: [String: Int]
    /// Enterprises drawn earlier this year whose check found no problem, with that draw's id.
    public var inspectedWithoutProblem: [String: String]
    /// Classes of this policy already drawn in their current half-year or year: class id → draw id.
    public var classesDrawnInPeriod: [String: String]

    public init(routineDrawsThisYear: [String: Int] = [:], inspectedWithoutProblem: [String: String] = [:],
                classesDrawnInPeriod: [String: String] = [:]) {
        self.routineDrawsThisYear = routineDrawsThisYear
        self.inspectedWithoutProblem = inspectedWithoutProblem
        self.classesDrawnInPeriod = classesDrawnInPeriod
    }
}

/// The directory filed by class for a quarterly draw (`QuarterDrawRequest.file`, or the store's
/// reading with a `RawClassifier`), in directory order: per class only the members' USCCs (packed)
/// and operating statuses.
public struct DrawMembers: Sendable {
    public private(set) var classIDs: [String]
    private var ids: [PackedIDs]
    private var statuses: [[OperatingStatus]]

    /// Members to be filed under `classIDs` (more classes may be added by id).
    public init(classIDs: [String] = []) {
        self.classIDs = classIDs
        ids = Array(repeating: PackedIDs(), count: classIDs.count)
        statuses = Array(repeating: [], count: classIDs.count)
    }

    /// Files a member under the class at `index` of `classIDs`.
    public mutating func append(_ uscc: UnsafeRawBufferPointer, status: OperatingStatus, toClassAt index: Int) {
        ids[index].append(uscc)
        statuses[index].append(status)
    }

    /// Files a member under class `id`.
    public mutating func append(_ uscc: String, status: OperatingStatus, toClass id: String) {
        let index = index(of: id)
        ids[index].append(uscc)
        statuses[index].append(status)
    }

    /// Files `other`'s members after these, class by class.
    public mutating func append(contentsOf other: DrawMembers) {
        for (i, id) in other.classIDs.enumerated() {
            let index = index(of: id)
            ids[index].append(contentsOf: other.ids[i])
            statuses[index] += other.statuses[i]
        }
    }

    /// The index of class `id` in `classIDs`, added when new.
    private mutating func index(of id: String) -> Int {
        if let i = classIDs.firstIndex(of: id) { return i }
        classIDs.append(id)
        ids.append(PackedIDs())
        statuses.append([])
        return classIDs.count - 1
    }

    /// The members of class `id`: their USCCs and statuses, in the order filed.
    public func members(of id: String) -> (ids: PackedIDs, statuses: [OperatingStatus]) {
        guard let i = classIDs.firstIndex(of: id) else { return (PackedIDs(), []) }
        return (ids[i], statuses[i])
    }
}

/// What an operator asks for with `liancha draw quarter`.
public struct QuarterDrawRequest: Sendable {
    public var policy: Policy
    public var quarter: Quarter
    /// Labels every candidate must have (定向抽查), e.g. `行业=危化`.
    public var directed: [String]
    /// Ratios for classes whose ratio the policy leaves open, by class id.
    public var ratios: [String: Ratio]

    public init(policy: Policy, quarter: Quarter, directed: [String] = [], ratios: [String: Ratio] = [:]) {
        self.policy = policy
        self.quarter = quarter
        self.directed = directed
        self.ratios = ratios
    }
}

/// Why a quarterly draw cannot be made; nothing is drawn.
public enum DrawPlanningError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongYear(policy: String, policyYear: Int, quarter: Quarter)
    case ratioOpen(classID: String, className: String)
    case ratioForUnknownClass(String, known: [String])
    case fullCoverageBlocked(className: String, excluded: [Exclusion])

    public var description: String {
        switch self {
        case .wrongYear(let policy, let year, let quarter):
            "policy \(policy) is for \(year), not \(quarter.year)"
        case .ratioOpen(let id, let name):
            "\(name) [\(id)]: the policy leaves its ratio open; give it with --ratio \(id)=R (e.g. --ratio \(id)=5%)"
        case .ratioForUnknownClass(let id, let known):
            "--ratio names class '\(id)', which the policy does not have (classes: \(known.joined(separator: ", ")))"
        case .fullCoverageBlocked(let name, let excluded):
            "\(name) must be drawn in full (100%), but \(excluded.count) of its enterprises cannot be: "
                + excluded.prefix(3).map { "\($0.id) (\($0.reason))" }.joined(separator: ", ")
                + (excluded.count > 3 ? ", …" : "") + "; resolve the conflict (e.g. the yearly cap) before drawing"
        }
    }
}

/// A class the draw leaves out this quarter, and why (drawn by another level, or already drawn this half-year).
public struct SkippedClass: Sendable, Equatable {
    public var classID: String
    public var reason: String

    public init(classID: String, reason: String) {
        self.classID = classID
        self.reason = reason
    }
}

extension QuarterDrawRequest {
    /// The scope of a class's stratum: `2026Q2/重点监管对象`, plus the restriction of a directed draw.
    public func scope(of c: SupervisionClass) -> String {
        var scope = "\(quarter)/\(c.name)"
        if !directed.isEmpty { scope += "/" + directed.joined(separator: "+") }
        return scope
    }

    /// Draws every class of the policy due this quarter, exactly per DRAW.md.
    ///
    /// `enterprises` is the directory at the time of the draw; `classOf` gives each one's class
    /// (see `Policy.classifier()`); `seed` is 32 bytes.
    public func draw(enterprises: [Enterprise], classOf: (Enterprise) -> String?, history: DrawHistory,
                     seed: [UInt8]) throws(DrawPlanningError) -> (strata: [DrawStratum], skipped: [SkippedClass]) {
        var members = DrawMembers()
        for i in enterprises.indices { file(enterprises[i], classOf: classOf, into: &members) }
        return try draw(members: members, history: history, seed: seed)
    }

    /// Files one enterprise of the directory under its class when the draw can take it (a directed
    /// draw takes only those with every label asked for): a directory can be read one enterprise at
    /// a time and only what the draw needs kept.
    public func file(_ e: Enterprise, classOf: (Enterprise) -> String?, into members: inout DrawMembers) {
        guard directed.isEmpty || directed.allSatisfy(e.labels.contains), let id = classOf(e) else { return }
        members.append(e.uscc, status: e.status, toClass: id)
    }

    /// Draws every class of the policy due this quarter from the directory filed by class (`file`).
    public func draw(members: DrawMembers, history: DrawHistory,
                     seed: [UInt8]) throws(DrawPlanningError) -> (strata: [DrawStratum], skipped: [SkippedClass]) {
        guard policy.year == quarter.year else { throw .wrongYear(policy: policy.name, policyYear: policy.year, quarter: quarter) }
        for id in ratios.keys where policy.supervisionClass(id) == nil {
            throw .ratioForUnknownClass(id, known: policy.classes.map(\.id))
        }
        var skipped: [SkippedClass] = []
        var due: [SupervisionClass] = []
        for c in policy.classes {
            if !c.isDrawn {
                skipped.append(SkippedClass(classID: c.id, reason: c.note.isEmpty ? "not drawn at the \(policy.level.rawValue) level" : c.note))
            } else if c.period != .quarter, let earlier = history.classesDrawnInPeriod[c.id] {
                skipped.append(SkippedClass(classID: c.id, reason: "\(c.period.label) class, already drawn in \(earlier)"))
            } else if c.ratio == nil && ratios[c.id] == nil {
                throw .ratioOpen(classID: c.id, className: c.name)
            } else {
                due.append(c)
            }
        }

        // NB: the classes are drawn at once, on two threads (the machines have two cores): each is
        // its own candidates, seed and scope, and the strata come out in the policy's order.
        let strata = due.concurrentMap { c in
            Result { () throws(DrawPlanningError) in try stratum(of: c, members: members, history: history, seed: seed) }
        }
        return (try strata.map { result throws(DrawPlanningError) in try result.get() }, skipped)
    }

    /// Class `c`'s stratum: its members less those the rules exclude, drawn.
    private func stratum(of c: SupervisionClass, members: DrawMembers, history: DrawHistory,
                         seed: [UInt8]) throws(DrawPlanningError) -> DrawStratum {
        let excludeStatus = policy.rules.excludeStatus
        let excludes = (operating: excludeStatus.contains(.operating), stopped: excludeStatus.contains(.stopped),
                        deregistered: excludeStatus.contains(.deregistered))
        let ratio = ratios[c.id] ?? c.ratio!
        var candidates = PackedIDs()
        var excluded: [Exclusion] = []
        var blocking: [Exclusion] = []
        let filed = members.members(of: c.id)
        candidates.reserveCapacity(ids: filed.ids.count, bytes: filed.ids.bytes.count)
        // NB: a member's USCC becomes a String only when it is excluded or looked up in the history.
        let capped = policy.rules.yearlyCap.flatMap { history.routineDrawsThisYear.isEmpty ? nil : $0 }
        let inspected = policy.rules.excludeInspectedWithoutProblem && !ratio.isAll && !history.inspectedWithoutProblem.isEmpty
        filed.ids.forEachID { i, id in
            let status = filed.statuses[i]
            let isExcluded = switch status {
            case .operating: excludes.operating
            case .stopped: excludes.stopped
            case .deregistered: excludes.deregistered
            }
            if isExcluded {
                excluded.append(Exclusion(id: String(decoding: id, as: UTF8.self), reason: "经营状态 \(status.rawValue): not drawn"))
                return
            }
            if capped != nil || inspected {
                let uscc = String(decoding: id, as: UTF8.self)
                if let cap = capped, let n = history.routineDrawsThisYear[uscc], n >= cap {
                    let x = Exclusion(id: uscc, reason: "yearly cap of \(cap) routine checks reached (\(n) this year)")
                    excluded.append(x)
                    blocking.append(x)
                    return
                }
                if inspected, let earlier = history.inspectedWithoutProblem[uscc] {
                    // NB: a class drawn in full is checked in full; the exclusion applies to sampled classes only.
                    excluded.append(Exclusion(id: uscc, reason: "already drawn this year (\(earlier)) with no problem found"))
                    return
                }
            }
            candidates.append(id)
        }
        if ratio.isAll && !blocking.isEmpty { throw .fullCoverageBlocked(className: c.name, excluded: blocking) }
        let scope = scope(of: c)
        let drawn = VerifiableDraw.drawStratum(seed: seed, scope: scope, candidates: candidates, quota: ratio.quota(of:))
        return DrawStratum(
            scope: scope, classID: c.id, className: c.name, ratio: ratio.text, method: c.method.rawValue,
            candidates: drawn.candidates, snapshot: drawn.snapshot,
            excluded: VerifiableDraw.sortedByID(excluded), quota: drawn.quota, drawn: drawn.drawn)
    }
}
