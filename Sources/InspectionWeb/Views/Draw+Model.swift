import Foundation
import Inspection
import InspectionStore

/// A draw record as the verification page shows it, with the server's re-check of every stratum,
/// team and replacement (`DrawRecord.verify()`), and the record itself for the JSON twin.
struct DrawModel: Encodable {
    struct Pick: Encodable { var id: String; var name: String }
    struct Stratum: Encodable {
        var scope: String; var name: String; var ratio: String; var candidates: Int; var quota: Int; var minimum: Int?
        var excluded: Int; var drawn: [Pick]; var hidden: Bool
    }
    struct Team: Encodable {
        var enterprise: String; var enterpriseName: String; var department: String; var needed: Int; var candidates: Int
        var drawn: String; var hidden: Bool
    }
    struct Verification: Encodable {
        var verified: Bool; var sealed: Bool; var lines: [String]; var problems: [String]
    }

    var id: String
    var purpose: String
    var created: String
    var operatorName: String
    var kind: String
    var plan: String?
    var sealed: Bool
    var withheld: Bool
    var revealedAt: String?
    var commitment: String
    var seed: String?
    var publicEntropy: String?
    var supersedes: String?
    var supersededBy: String?
    var reason: String?
    var strata: [Stratum]
    var teams: [Team]
    var replacements: [Replacement]
    var verification: Verification
    var internalView: Bool
    var jsonLink: String
    var record: DrawRecord

    static func kindLabel(_ kind: DrawKind) -> String {
        switch kind {
        case .routine: "日常抽查"
        case .plan: "联合抽查对象"
        case .teams: "检查人员匹配"
        }
    }

    /// `record` is the public copy for the public page, the full record for coordinators and auditors.
    init(_ stored: StoredDraw, record: DrawRecord, db: AppDatabase, full: Bool) throws {
        let names = try db.enterpriseNames(record.strata.flatMap { $0.drawn ?? [] } + record.teams.map(\.enterprise))
        let inspectors = Dictionary(try db.inspectors().map { ($0.certificate, $0.name) }, uniquingKeysWith: { a, _ in a })
        id = record.id
        purpose = record.purpose
        created = record.created
        operatorName = record.operator
        kind = Self.kindLabel(stored.kind)
        plan = record.plan
        sealed = record.sealed
        withheld = record.seed == nil
        revealedAt = stored.revealedAt
        commitment = record.commitment
        seed = record.seed
        publicEntropy = record.publicEntropy
        supersedes = record.supersedes
        supersededBy = stored.supersededBy
        reason = record.reason
        strata = record.strata.map { s in
            Stratum(scope: s.scope, name: s.className ?? s.scope, ratio: s.ratio, candidates: s.candidates.count, quota: s.quota,
                    minimum: s.minimum, excluded: s.excluded.count, drawn: (s.drawn ?? []).map { Pick(id: $0, name: names[$0] ?? "") },
                    hidden: s.drawn == nil)
        }
        teams = record.teams.map { t in
            Team(enterprise: t.enterprise, enterpriseName: names[t.enterprise] ?? "", department: t.department, needed: t.needed,
                 candidates: t.candidates.count, drawn: (t.drawn ?? []).map { "\(inspectors[$0] ?? "")（\($0)）" }.joined(separator: "、"),
                 hidden: t.drawn == nil)
        }
        replacements = record.replacements
        let check = record.verify()
        verification = Verification(verified: check.isVerified, sealed: check.sealed, lines: check.lines, problems: check.problems)
        internalView = full
        jsonLink = full ? "/api/draws/\(record.id.pathEncoded)" : "/api/public/draws/\(record.id.pathEncoded)"
        self.record = record
    }
}
