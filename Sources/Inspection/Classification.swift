/// Which class a policy puts an enterprise in, and why.
public struct Classification: Sendable {
    /// The class the enterprise is in; nil when it meets no condition and the policy has no fallback.
    public var classID: String?
    /// Every class whose condition the enterprise meets, in the policy's class order, with the tests that matched.
    public var matches: [(classID: String, reasons: [String])]
}

extension Policy {
    /// The enterprise's class: the first class in `precedence` whose condition it meets, else the fallback.
    public func classify(_ e: Enterprise) -> Classification {
        var matches: [(String, [String])] = []
        for c in classes {
            var reasons: [String] = []
            if c.condition.holds(for: e, reasons: &reasons) { matches.append((c.id, reasons)) }
        }
        let matched = Set(matches.map(\.0))
        let winner = precedence.first(where: matched.contains) ?? fallback
        return Classification(classID: winner, matches: matches)
    }

    /// A clerk-readable account of one enterprise's classification (`liancha classify --explain`).
    public func explain(_ e: Enterprise) -> [String] {
        let result = classify(e)
        var lines = ["\(e.name) (\(e.uscc)) under \(name):"]
        for c in classes {
            if let match = result.matches.first(where: { $0.classID == c.id }) {
                lines.append("  meets \(c.name) [\(c.id)]: " + match.reasons.joined(separator: "; "))
            } else {
                lines.append("  does not meet \(c.name) [\(c.id)]")
            }
        }
        switch (result.classID, result.matches.count) {
        case (nil, _):
            lines.append("→ unclassified: meets no class's conditions and the policy has no fallback class")
        case (let id?, 0):
            lines.append("→ \(supervisionClass(id)?.name ?? id) [\(id)]: meets no condition, so the fallback class")
        case (let id?, 1):
            lines.append("→ \(supervisionClass(id)?.name ?? id) [\(id)]: the only class it meets")
        case (let id?, _):
            let names = result.matches.map { supervisionClass($0.classID)?.name ?? $0.classID }
            lines.append("→ \(supervisionClass(id)?.name ?? id) [\(id)]: meets \(names.joined(separator: ", ")); the conflict rule decides")
            lines.append("  precedence: " + precedence.compactMap { supervisionClass($0)?.name }.joined(separator: " > "))
            if !precedenceNote.isEmpty { lines.append("  rule: \(precedenceNote)") }
        }
        return lines
    }
}

extension Condition {
    /// Whether `e` meets the condition; `reasons` gets the tests that made it true.
    public func holds(for e: Enterprise, reasons: inout [String]) -> Bool {
        switch self {
        case .all(let parts):
            var collected: [String] = []
            for p in parts { guard p.holds(for: e, reasons: &collected) else { return false } }
            reasons += collected
            return true
        case .any(let parts):
            var any = false
            for p in parts where p.holds(for: e, reasons: &reasons) { any = true }
            return any
        case .not(let inner):
            var ignored: [String] = []
            guard !inner.holds(for: e, reasons: &ignored) else { return false }
            reasons.append("not (\(inner))")
            return true
        case .test(let field, let values):
            guard let hit = field.match(e, values) else { return false }
            reasons.append("\(field.columnName) = \(hit)")
            return true
        }
    }
}

extension Condition: CustomStringConvertible {
    public var description: String {
        switch self {
        case .all(let parts): "all(" + parts.map(\.description).joined(separator: ", ") + ")"
        case .any(let parts): "any(" + parts.map(\.description).joined(separator: ", ") + ")"
        case .not(let inner): "not \(inner)"
        case .test(let field, let values): "\(field.columnName) ∈ {\(values.joined(separator: ", "))}"
        }
    }
}

extension ConditionField {
    /// The enterprise's value that matches one of `values`, or nil.
    func match(_ e: Enterprise, _ values: [String]) -> String? {
        func flag(_ b: Bool) -> String? { values.contains(b ? "是" : "否") ? (b ? "是" : "否") : nil }
        func one(_ v: String) -> String? { values.contains(v) ? v : nil }
        switch self {
        case .permit: return one(e.permit.rawValue)
        case .status: return one(e.status.rawValue)
        case .division: return one(e.division)
        case .industry: return values.first { e.industry.hasPrefix($0) }.map { _ in e.industry }
        case .label: return e.labels.first(where: values.contains)
        case .keyDischargeUnit: return flag(e.keyDischargeUnit)
        case .positiveList: return flag(e.positiveList)
        case .penalizedLastQuarter: return flag(e.penalizedLastQuarter)
        case .highRisk: return flag(e.highRisk)
        case .supervisedRectification: return flag(e.supervisedRectification)
        case .nonSiteCapable: return flag(e.nonSiteCapable)
        case .airGrade: return one(e.airGrade?.rawValue ?? Self.unrated)
        case .creditRisk: return one(e.creditRisk?.rawValue ?? Self.unrated)
        }
    }
}

extension Policy {
    /// The class of each enterprise (the first class in `precedence` whose condition it meets, else
    /// the fallback), compiled once: conditions become comparisons of enum values and sets, with
    /// no text compared per enterprise (a draw classes a million of them).
    public func classifier() -> @Sendable (Enterprise) -> String? {
        let compiled = precedence.compactMap { id in supervisionClass(id).map { (id, CompiledCondition($0.condition)) } }
        let fallback = self.fallback
        return { e in
            for (id, condition) in compiled where condition.holds(for: e) { return id }
            return fallback
        }
    }
}

/// A condition with its values parsed into the enterprise fields' own types.
indirect enum CompiledCondition: Sendable {
    case all([CompiledCondition])
    case any([CompiledCondition])
    case not(CompiledCondition)
    case permit(Set<PermitCategory>)
    case status(Set<OperatingStatus>)
    case airGrade(Set<AirGrade?>)
    case creditRisk(Set<CreditRisk?>)
    case flag(ConditionField, Bool, Bool)  // field, matches when true, matches when false
    case label(Set<String>)
    case industry([String])
    case division(Set<String>)

    init(_ condition: Condition) {
        switch condition {
        case .all(let parts): self = .all(parts.map(CompiledCondition.init))
        case .any(let parts): self = .any(parts.map(CompiledCondition.init))
        case .not(let inner): self = .not(CompiledCondition(inner))
        case .test(let field, let values):
            switch field {
            case .permit: self = .permit(Set(values.compactMap(PermitCategory.init(rawValue:))))
            case .status: self = .status(Set(values.compactMap(OperatingStatus.init(rawValue:))))
            case .airGrade:
                self = .airGrade(Set(values.map { $0 == ConditionField.unrated ? nil : AirGrade(rawValue: $0) }))
            case .creditRisk:
                self = .creditRisk(Set(values.map { $0 == ConditionField.unrated ? nil : CreditRisk(rawValue: $0) }))
            case .label: self = .label(Set(values))
            case .industry: self = .industry(values)
            case .division: self = .division(Set(values))
            case .keyDischargeUnit, .positiveList, .penalizedLastQuarter, .highRisk, .supervisedRectification, .nonSiteCapable:
                self = .flag(field, values.contains("是"), values.contains("否"))
            }
        }
    }

    func holds(for e: Enterprise) -> Bool {
        switch self {
        case .all(let parts): return parts.allSatisfy { $0.holds(for: e) }
        case .any(let parts): return parts.contains { $0.holds(for: e) }
        case .not(let inner): return !inner.holds(for: e)
        case .permit(let set): return set.contains(e.permit)
        case .status(let set): return set.contains(e.status)
        case .airGrade(let set): return set.contains(e.airGrade)
        case .creditRisk(let set): return set.contains(e.creditRisk)
        case .label(let set): return e.labels.contains(where: set.contains)
        case .industry(let prefixes): return prefixes.contains(where: e.industry.hasPrefix)
        case .division(let set): return set.contains(e.division)
        case .flag(let field, let whenTrue, let whenFalse):
            let value: Bool
            switch field {
            case .keyDischargeUnit: value = e.keyDischargeUnit
            case .positiveList: value = e.positiveList
            case .penalizedLastQuarter: value = e.penalizedLastQuarter
            case .highRisk: value = e.highRisk
            case .supervisedRectification: value = e.supervisedRectification
            case .nonSiteCapable: value = e.nonSiteCapable
            default: return false
            }
            return value ? whenTrue : whenFalse
        }
    }
}
