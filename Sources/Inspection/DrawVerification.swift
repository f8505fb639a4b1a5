/// The outcome of re-checking a draw record from its own inputs.
public struct DrawVerification: Sendable, Equatable {
    /// One line per stratum and team: `ok  scope  k of N` or `MISMATCH scope: …`.
    public var lines: [String] = []
    /// The first difference of each part that did not check out.
    public var problems: [String] = []
    /// True when the record is sealed and withholds its seed: nothing can be recomputed yet.
    public var sealed = false

    public var isVerified: Bool { problems.isEmpty && !sealed }
}

extension DrawRecord {
    /// Recomputes every stratum, team and replacement from the recorded inputs (DRAW.md, "Verification").
    public func verify() -> DrawVerification {
        var report = DrawVerification()
        func problem(_ scope: String, _ text: String) {
            report.lines.append("MISMATCH \(scope): \(text)")
            report.problems.append("\(scope): \(text)")
        }
        guard format == Self.formatName else {
            problem("format", "'\(format)' is not \(Self.formatName)")
            return report
        }
        guard let seedHex = seed else {
            guard sealed else {
                problem("seed", "the seed is missing and the draw is not sealed")
                return report
            }
            report.sealed = true
            report.lines.append("sealed: commitment \(commitment); the seed and lists are published at reveal")
            return report
        }
        guard let seedBytes = VerifiableDraw.seedBytes(hex: seedHex) else {
            problem("seed", "not 64 hex characters")
            return report
        }
        if VerifiableDraw.commitment(seed: seedBytes) != commitment {
            problem("commitment", "SHA-256 of the seed is \(VerifiableDraw.commitment(seed: seedBytes)), the record says \(commitment)")
        }
        if let text = publicEntropy, VerifiableDraw.seed(fromPublicEntropy: text) != seedBytes {
            problem("seed", "it is not SHA-256 of the recorded public entropy")
        }

        // NB: the strata are checked at once on two threads: a quarter's record holds a million candidates.
        let differences = strata.concurrentMap { s in Self.difference(s, seed: seedBytes) }
        for (s, difference) in zip(strata, differences) {
            if let difference {
                problem(s.scope, difference)
            } else {
                report.lines.append("ok  \(s.scope)  \(s.quota) of \(s.candidates.count)")
            }
        }

        var orders: [String: [String]] = [:]
        for t in teams {
            let order = VerifiableDraw.order(seed: seedBytes, scope: t.scope, candidates: t.candidates)
            orders[t.scope] = order
            // NB: a record may say anything; a negative count trapped in `prefix` (found by fuzzing).
            guard t.needed >= 0 else {
                problem(t.scope, "needed \(t.needed) is negative")
                continue
            }
            if let difference = Self.firstDifference(Array(order.prefix(t.needed)), t.drawn ?? []) {
                problem(t.scope, difference)
            } else {
                report.lines.append("ok  \(t.scope)  \(t.needed) of \(t.candidates.count)")
            }
        }
        var used: [String: Set<String>] = [:]
        for t in teams { used[t.scope] = Set(t.drawn ?? []) }
        for r in replacements {
            guard let team = teams.first(where: { $0.enterprise == r.enterprise && $0.department == r.department }),
                  let order = orders[team.scope] else {
                problem("replacement \(r.replaced)", "no team of \(r.department) at \(r.enterprise)")
                continue
            }
            let next = order.first { !(used[team.scope]?.contains($0) ?? false) }
            if next != r.by {
                problem("replacement \(r.replaced)", "the next eligible inspector in ticket order is \(next ?? "none"), the record names \(r.by)")
            } else {
                report.lines.append("ok  replacement of \(r.replaced) by \(r.by) at \(r.enterprise)/\(r.department)")
            }
            used[team.scope, default: []].insert(r.by)
        }
        return report
    }

    /// What in stratum `s` does not follow from its inputs, or nil when it all does.
    private static func difference(_ s: DrawStratum, seed: [UInt8]) -> String? {
        let snapshot = VerifiableDraw.snapshot(s.candidates)
        guard snapshot == s.snapshot else { return "snapshot of the candidates is \(snapshot), the record says \(s.snapshot)" }
        guard let ratio = try? Ratio(s.ratio) else { return "ratio '\(s.ratio)' is not a decimal" }
        let n = s.candidates.count
        let least = min(max(ratio.quota(of: n), s.minimum ?? 0), n)
        guard s.quota >= least && s.quota <= n else {
            return "quota \(s.quota) for \(n) candidates at \(s.ratio) should be at least \(least) and at most \(n)"
        }
        let expected = VerifiableDraw.draw(seed: seed, scope: s.scope, candidates: s.candidates, count: s.quota)
        return firstDifference(expected, s.drawn ?? [])
    }

    private static func firstDifference(_ expected: [String], _ recorded: [String]) -> String? {
        for i in 0..<max(expected.count, recorded.count) {
            let e = i < expected.count ? expected[i] : nil
            let r = i < recorded.count ? recorded[i] : nil
            if e != r {
                return "drawn #\(i + 1) should be \(e ?? "nothing"), the record says \(r ?? "nothing")"
            }
        }
        return nil
    }
}
