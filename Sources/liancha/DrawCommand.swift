import ArgumentParser
import Foundation
import Inspection
import InspectionStore

/// `liancha draw quarter|show|list|export|verify|reveal`
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "The verifiable random draw of enterprises (双随机's first random).",
        discussion: "See docs/draw-format.md for the record format and how anyone can re-check a draw.",
        subcommands: [Quarter_.self, Show.self, List.self, Export.self, Verify.self, Reveal.self]
    )

    /// `liancha draw quarter --policy NAME --quarter 2026Q2`
    struct Quarter_: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quarter",
            abstract: "Draw every class of a policy due in a quarter.",
            discussion: """
                The seed comes from the operating system's cryptographic source unless --public-entropy
                gives a public text (seed = SHA-256 of it). A scope is drawn once: to draw it again, name
                the draw it supersedes and say why. Prints `draw: <id>`.
                """
        )

        @Option(help: "A bundled policy name or a .yaml file.") var policy: String
        @Option(help: ArgumentHelp("The quarter, e.g. 2026Q2.", valueName: "quarter")) var quarter: String
        @Option(help: ArgumentHelp("Directed draw (定向): only enterprises with this label, e.g. 行业=危化. Repeatable.", valueName: "label"))
        var directed: [String] = []
        @Option(help: ArgumentHelp("A ratio the policy leaves open, e.g. general-nonsite=5%. Repeatable.", valueName: "class=ratio"))
        var ratio: [String] = []
        @Option(help: ArgumentHelp("Public text to derive the seed from (e.g. a lottery result).", valueName: "text"))
        var publicEntropy: String?
        @Flag(help: "Seal the draw: publish the commitment now, the seed and lists at `liancha draw reveal`.")
        var sealed = false
        @Option(help: ArgumentHelp("The draw of this scope that this one replaces.", valueName: "id")) var supersedes: String?
        @Option(help: ArgumentHelp("Why the scope is drawn again (required with --supersedes).", valueName: "text")) var reason: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if supersedes != nil && (reason ?? "").trimmingWhitespace.isEmpty {
                throw ValidationError("--supersedes needs --reason: a draw is redone only for a stated reason")
            }
            if reason != nil && supersedes == nil { throw ValidationError("--reason goes with --supersedes ID") }
            if let text = publicEntropy, text.trimmingWhitespace.isEmpty { throw ValidationError("--public-entropy is empty") }
        }

        func run() throws {
            try reporting {
                guard let q = Inspection.Quarter(quarter) else {
                    throw Failure(message: "'\(quarter)' is not a quarter (write e.g. 2026Q2)")
                }
                let p = try Policies.load(policy)
                var ratios: [String: Ratio] = [:]
                for item in ratio {
                    let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { throw Failure(message: "--ratio '\(item)': write CLASS=RATIO, e.g. key=25%") }
                    do { ratios[parts[0]] = try Ratio(parts[1]) } catch { throw Failure(message: "--ratio \(parts[0]): \(error)") }
                }
                let db = try global.open()
                let actor = global.actor()
                let seed = publicEntropy.map(VerifiableDraw.seed(fromPublicEntropy:)) ?? Self.randomSeed()
                let request = QuarterDrawRequest(policy: p, quarter: q, directed: directed, ratios: ratios)
                // NB: the directory is read one enterprise at a time and only each one's USCC and status
                // kept, filed by class: a million enterprises are never all in memory.
                let members = try db.drawMembers(for: request)
                let (strata, skipped) = try request.draw(members: members, history: try db.drawHistory(policy: p, quarter: q, replacing: supersedes),
                                                         seed: seed)
                let record = DrawRecord(
                    id: "", created: actor.timestamp, operator: actor.name,
                    purpose: "\(q) routine draw, policy \(p.name)" + (directed.isEmpty ? "" : ", directed \(directed.joined(separator: "+"))"),
                    seed: VerifiableDraw.hex(seed), commitment: VerifiableDraw.commitment(seed: seed),
                    publicEntropy: publicEntropy, supersedes: supersedes, reason: reason, sealed: sealed,
                    policy: p.name, period: q.description, directed: directed, plan: nil, strata: strata)
                let saved = try db.saveDraw(record, kind: .routine, year: q.year, actor: actor)
                print("draw: \(saved.id)")
                for s in saved.strata {
                    print("  \(s.scope): \(s.quota) of \(s.candidates.count) at \(s.ratio)\(s.method == "non-site" ? ", non-site checks" : "")"
                          + (s.excluded.isEmpty ? "" : " (\(s.excluded.count) excluded)"))
                }
                for s in skipped { print("  \(p.supervisionClass(s.classID)?.name ?? s.classID): not drawn — \(s.reason)") }
                print(sealed ? "sealed: commitment \(saved.commitment); publish the lists with `liancha draw reveal \(saved.id)` after the visits"
                             : "seed \(saved.seed ?? "") (commitment \(saved.commitment))")
            }
        }

        /// 32 bytes from the operating system's cryptographic random source.
        static func randomSeed() -> [UInt8] {
            var rng = SystemRandomNumberGenerator()
            return (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a draw: inputs, strata and the drawn enterprises (internal view).")

        @Argument(help: "The draw id, e.g. D2026Q2-0001.") var id: String
        @Flag(help: "List the excluded enterprises with their reasons.") var excluded = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let db = try global.open()
                guard let stored = try db.draw(id: id) else { throw StoreError.unknownDraw(id) }
                let r = stored.record
                print("\(r.id): \(r.purpose)")
                print("  created \(r.created) by \(r.operator)")
                if r.sealed {
                    print(stored.revealedAt.map { "  sealed, revealed \($0)" } ?? "  SEALED: the lists below are internal until `liancha draw reveal \(r.id)`")
                }
                print("  seed \(r.seed ?? "")" + (r.publicEntropy.map { " = SHA-256(\"\($0)\")" } ?? ""))
                print("  commitment \(r.commitment)")
                if let s = r.supersedes { print("  supersedes \(s): \(r.reason ?? "")") }
                if let by = stored.supersededBy { print("  SUPERSEDED by \(by)") }
                if !r.directed.isEmpty { print("  directed: \(r.directed.joined(separator: ", "))") }
                let names = try db.enterpriseNames(r.strata.flatMap { $0.drawn ?? [] })
                for s in r.strata {
                    print("  \(s.scope): \(s.quota) of \(s.candidates.count) at \(s.ratio), \(s.method), snapshot \(s.snapshot.prefix(16))…")
                    for (i, uscc) in (s.drawn ?? []).enumerated() { print("    \(i + 1). \(uscc) \(names[uscc] ?? "")") }
                    if excluded { for x in s.excluded { print("    excluded \(x.id): \(x.reason)") } }
                    else if !s.excluded.isEmpty { print("    (\(s.excluded.count) excluded; --excluded lists them)") }
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List draws, newest first.")

        @Option(help: "Only this year's draws.") var year: Int?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                for d in try global.open().draws(year: year) {
                    let r = d.record
                    let drawn = r.strata.reduce(0) { $0 + $1.quota }
                    var flags: [String] = []
                    if r.sealed { flags.append(d.revealedAt == nil ? "sealed" : "revealed") }
                    if let by = d.supersededBy { flags.append("superseded by \(by)") }
                    print("\(r.id)  \(r.created)  \(r.operator)  \(r.purpose): \(drawn) drawn" + (flags.isEmpty ? "" : " [\(flags.joined(separator: ", "))]"))
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a draw record as one JSON document (liancha-draw/1) for publication and re-checking.",
            discussion: "A sealed draw that is not yet revealed is exported with its commitment but neither seed nor lists."
        )

        @Argument(help: "The draw id.") var id: String
        @Option(name: .shortAndLong, help: ArgumentHelp("The .json file to write.", valueName: "file")) var output: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                guard let stored = try global.open().draw(id: id) else { throw StoreError.unknownDraw(id) }
                do {
                    try stored.publicRecord.json().write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw Failure(message: "\(output): cannot be written (does the folder exist?)")
                }
                print("exported \(id) to \(output)" + (stored.isPublic ? "" : " (sealed: commitment only)"))
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute a draw from its record (a .json file or a stored id); report a match or the first difference.",
            discussion: "Exit status 0 when it checks out, 1 when it does not or cannot be read."
        )

        @Argument(help: "A draw record file (.json) or a draw id.") var draw: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let record: DrawRecord
                if draw.hasSuffix(".json") {
                    guard let data = FileManager.default.contents(atPath: draw) else { throw Failure(message: "\(draw): no such file") }
                    do { record = try DrawRecord(json: data) } catch {
                        throw Failure(message: "\(draw): not a liancha-draw/1 record (\(Self.describe(error)))")
                    }
                } else {
                    guard let stored = try global.open().draw(id: draw) else { throw StoreError.unknownDraw(draw) }
                    record = stored.record
                }
                let report = record.verify()
                report.lines.forEach { print($0) }
                if report.sealed {
                    throw Failure(message: "draw \(record.id) is sealed: it can be verified once revealed")
                }
                guard report.isVerified else {
                    throw Failure(message: "draw \(record.id): NOT verified (\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")): \(report.problems[0])")
                }
                print("draw \(record.id): verified")
            }
        }

        static func describe(_ error: any Error) -> String {
            switch error {
            case DecodingError.keyNotFound(let key, _): "field '\(key.stringValue)' is missing"
            case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
                "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
            case DecodingError.dataCorrupted(let context):
                context.codingPath.isEmpty ? "not valid JSON" : "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' is malformed"
            default: "unreadable"
            }
        }
    }

    struct Reveal: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a sealed draw's seed and lists (after the visits).")

        @Argument(help: "The draw id.") var id: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let stored = try global.open().revealDraw(id: id, actor: global.actor())
                print("revealed \(id): seed \(stored.record.seed ?? ""); `liancha draw export \(id)` now includes the lists")
            }
        }
    }
}
