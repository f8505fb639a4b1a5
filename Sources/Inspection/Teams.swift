/// A declared conflict of interest (回避, 行政处罚法 art. 43): this inspector does not inspect this enterprise.
public struct ConflictOfInterest: Codable, Sendable, Hashable {
    public var certificate: String
    public var uscc: String
    public var reason: String

    public init(certificate: String, uscc: String, reason: String) {
        self.certificate = certificate
        self.uscc = uscc
        self.reason = reason
    }
}

/// What team matching needs for one enterprise: which departments go, and the specialties their items require.
public struct TeamNeed: Sendable {
    public var uscc: String
    /// Department code → specialties its items at this enterprise require: an eligible inspector
    /// has at least one of them (for the others the department adds an assistant, as in the Luancheng joint plan); empty: none.
    public var departments: [(code: String, specialties: [String])]

    public init(uscc: String, departments: [(code: String, specialties: [String])]) {
        self.uscc = uscc
        self.departments = departments
    }
}

/// Why teams cannot be matched; nothing is matched.
public struct TeamShortage: Error, Sendable, Equatable, CustomStringConvertible {
    public var uscc: String
    public var department: String
    public var needed: Int
    public var eligible: [String]
    public var excluded: [Exclusion]

    public var description: String {
        var lines = ["\(uscc): department \(department) needs \(needed) qualified inspector\(needed == 1 ? "" : "s"), \(eligible.count) eligible"]
        lines += excluded.map { "  \($0.id): \($0.reason)" }
        return lines.joined(separator: "\n")
    }
}

/// Mixed teams (DRAW.md "Teams"): enterprises in draw order, departments in code order, eligible
/// inspectors ordered by ticket with scope `<draw id>/team/<USCC>/<department>`.
public struct TeamMatching: Sendable {
    /// The id of the draw record the teams are stored in (their scopes name it).
    public var drawID: String
    /// In draw order.
    public var needs: [TeamNeed]
    public var inspectors: [Inspector]
    public var conflicts: [ConflictOfInterest]
    public var maxPerInspector: Int

    public init(drawID: String, needs: [TeamNeed], inspectors: [Inspector], conflicts: [ConflictOfInterest], maxPerInspector: Int) {
        self.drawID = drawID
        self.needs = needs
        self.inspectors = inspectors
        self.conflicts = conflicts
        self.maxPerInspector = maxPerInspector
    }

    /// The minimum team: 2 qualified inspectors (行政处罚法 art. 42); one department alone provides both.
    public static let minimumTeam = 2

    public static func scope(drawID: String, uscc: String, department: String) -> String {
        "\(drawID)/team/\(uscc)/\(department)"
    }

    public func match(seed: [UInt8]) throws(TeamShortage) -> [TeamDraw] {
        let conflictReasons = Dictionary(conflicts.map { ("\($0.certificate)|\($0.uscc)", $0.reason) }, uniquingKeysWith: { a, _ in a })
        let byDepartment = Dictionary(grouping: inspectors, by: \.department)
        var load: [String: Int] = [:]
        var teams: [TeamDraw] = []
        for need in needs {
            let perDepartment = need.departments.count == 1 ? Self.minimumTeam : 1
            for (code, specialties) in need.departments {
                var eligible: [String] = []
                var excluded: [Exclusion] = []
                for i in byDepartment[code] ?? [] {
                    if i.kind == .auxiliary {
                        excluded.append(Exclusion(id: i.certificate, reason: "辅助人员: may assist, never counts toward the minimum"))
                    } else if !i.onDuty {
                        excluded.append(Exclusion(id: i.certificate, reason: "not on duty"))
                    } else if let reason = conflictReasons["\(i.certificate)|\(need.uscc)"] {
                        excluded.append(Exclusion(id: i.certificate, reason: "conflict of interest (回避): \(reason)"))
                    } else if (load[i.certificate] ?? 0) >= maxPerInspector {
                        excluded.append(Exclusion(id: i.certificate, reason: "workload cap of \(maxPerInspector) enterprises in this plan reached"))
                    } else if !specialties.isEmpty && !specialties.contains(where: i.specialties.contains) {
                        excluded.append(Exclusion(id: i.certificate, reason: "has none of the specialties the items need: "
                                                  + specialties.map { "「\($0)」" }.joined()))
                    } else {
                        eligible.append(i.certificate)
                    }
                }
                guard eligible.count >= perDepartment else {
                    throw TeamShortage(uscc: need.uscc, department: code, needed: perDepartment, eligible: eligible,
                                       excluded: excluded.sorted { $0.id < $1.id })
                }
                let sorted = VerifiableDraw.sortedByBytes(eligible)
                let scope = Self.scope(drawID: drawID, uscc: need.uscc, department: code)
                let drawn = VerifiableDraw.draw(seed: seed, scope: scope, candidates: sorted, count: perDepartment)
                for cert in drawn { load[cert, default: 0] += 1 }
                teams.append(TeamDraw(enterprise: need.uscc, department: code, scope: scope, candidates: sorted,
                                      excluded: excluded.sorted { $0.id < $1.id }, needed: perDepartment, drawn: drawn))
            }
        }
        return teams
    }

    /// The replacement of a drawn inspector: the next candidate of the team in ticket order that
    /// was neither drawn nor already brought in as a replacement.
    public static func replacement(in team: TeamDraw, seed: [UInt8], alreadyReplacing: [String]) -> String? {
        let used = Set((team.drawn ?? []) + alreadyReplacing)
        return VerifiableDraw.order(seed: seed, scope: team.scope, candidates: team.candidates).first { !used.contains($0) }
    }
}
