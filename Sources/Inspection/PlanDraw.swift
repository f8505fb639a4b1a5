/// One department's item in a plan (chosen from its own list), with the objects it applies to.
public struct PlanItem: Codable, Sendable, Hashable {
    public var department: String
    public var item: InspectionItem
    /// The item applies to enterprises with one of these labels (e.g. 行业=机动车销售); empty: to all.
    public var labels: [String]
    /// …or whose industry code starts with one of these; empty: no industry restriction.
    public var industries: [String]

    public init(department: String, item: InspectionItem, labels: [String] = [], industries: [String] = []) {
        self.department = department
        self.item = item
        self.labels = labels
        self.industries = industries
    }

    /// Whether the item concerns `e` (its object scope): no restriction, or a matching label or industry.
    public func applies(to e: Enterprise) -> Bool {
        if labels.isEmpty && industries.isEmpty { return true }
        return labels.contains(where: e.labels.contains) || industries.contains(where: e.industry.hasPrefix)
    }
}

extension JointPlan {
    /// The stratum label of a credit-risk level: 信用风险B类, or 信用风险未评.
    public static func stratumName(_ level: CreditRisk?) -> String {
        level.map { "信用风险\($0.rawValue)类" } ?? "信用风险未评"
    }

    /// Draws the plan's enterprises per credit-risk level (DRAW.md): each stratum ⌈N·r⌉, and the
    /// whole at least ⌈N_total·overall⌉ — a shortfall is taken from the highest-risk strata first,
    /// and each stratum so raised records its `minimum`.
    public func drawStrata(enterprises: [Enterprise], seed: [UInt8]) throws(PlanError) -> [DrawStratum] {
        let levels: [CreditRisk?] = [.a, .b, .c, .d, nil]
        var candidates: [Int: [String]] = [:]
        var excluded: [Int: [Exclusion]] = [:]
        for e in enterprises where scope.contains(e) {
            let index = levels.firstIndex(of: e.creditRisk)!
            if e.status == .operating {
                candidates[index, default: []].append(e.uscc)
            } else {
                excluded[index, default: []].append(Exclusion(id: e.uscc, reason: "经营状态 \(e.status.rawValue): not drawn"))
            }
        }
        let total = candidates.values.reduce(0) { $0 + $1.count }
        guard total > 0 else { throw .noCandidates(plan: number) }

        var quotas: [Int: Int] = [:]
        for (i, level) in levels.enumerated() {
            let n = candidates[i]?.count ?? 0
            quotas[i] = (level.flatMap { ratios[$0] } ?? overallMinimum).quota(of: n)
        }
        var shortfall = overallMinimum.quota(of: total) - quotas.values.reduce(0, +)
        var minimums: [Int: Int] = [:]
        for i in [3, 2, 1, 0, 4] where shortfall > 0 {  // D, C, B, A, unrated
            let room = (candidates[i]?.count ?? 0) - quotas[i]!
            let raise = min(room, shortfall)
            if raise > 0 {
                quotas[i]! += raise
                minimums[i] = quotas[i]
                shortfall -= raise
            }
        }

        var strata: [DrawStratum] = []
        for (i, level) in levels.enumerated() where candidates[i] != nil || excluded[i] != nil {
            let sorted = VerifiableDraw.sortedByBytes(candidates[i] ?? [])
            let scope = "\(number)/\(Self.stratumName(level))"
            let ratio = level.flatMap { ratios[$0] } ?? overallMinimum
            strata.append(DrawStratum(
                scope: scope, classID: level.map { "credit-\($0.rawValue)" } ?? "credit-unrated", className: Self.stratumName(level),
                ratio: ratio.text, method: SupervisionClass.Method.site.rawValue, candidates: sorted,
                snapshot: VerifiableDraw.snapshot(sorted: sorted), excluded: excluded[i] ?? [], quota: quotas[i]!,
                minimum: minimums[i], drawn: VerifiableDraw.draw(seed: seed, scope: scope, candidates: sorted, count: quotas[i]!)))
        }
        return strata
    }

    /// The departments whose items apply to `e`, in code order: a department goes where it
    /// supervises (the lead to every drawn enterprise) and at least one of its items concerns `e`.
    public func departments(for e: Enterprise, items: [PlanItem]) -> [String] {
        departments.filter { d in
            (d == lead || e.departments.contains(d)) && items.contains { $0.department == d && $0.applies(to: e) }
        }.sorted()
    }

    /// The items department `d` checks at `e`.
    public func items(of d: String, at e: Enterprise, in items: [PlanItem]) -> [PlanItem] {
        items.filter { $0.department == d && $0.applies(to: e) }
    }
}
