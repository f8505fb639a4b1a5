import ArgumentParser
import Foundation
import Inspection
import InspectionDocuments

/// Finds a policy by bundled name or file path.
enum Policies {
    static var bundledNames: [String] { Bundled.policies.keys.sorted() }

    static func load(_ nameOrPath: String) throws -> Policy {
        let text: String
        if let bundled = Bundled.policies[nameOrPath] {
            text = bundled
        } else if nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") {
            guard let data = FileManager.default.contents(atPath: nameOrPath) else {
                throw Failure(message: "\(nameOrPath): no such policy file")
            }
            text = String(decoding: data, as: UTF8.self)
        } else {
            throw Failure(message: "unknown policy '\(nameOrPath)' (bundled: \(bundledNames.joined(separator: ", ")); or give a .yaml file)")
        }
        do {
            return try PolicyFile.parse(text)
        } catch {
            throw Failure(message: "\(nameOrPath): \(error)")
        }
    }
}

/// `liancha policy list|show`
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Supervision-class policies (分类监管): classes, conditions, ratios.",
        subcommands: [List.self, Show.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the bundled policies.")

        func run() throws {
            try reporting {
                for name in Policies.bundledNames {
                    let p = try Policies.load(name)
                    print("\(name)  \(p.jurisdiction) \(p.year) (\(p.level.rawValue)): \(p.classes.map(\.name).joined(separator: ", "))")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a policy: its classes, conditions, ratios and rules.")

        @Argument(help: "A bundled policy name or a .yaml file.") var policy: String

        func run() throws {
            try reporting {
                let p = try Policies.load(policy)
                print("\(p.name): \(p.title)")
                print("\(p.jurisdiction), \(p.year), drawn at \(p.level.rawValue) level; source: \(p.source)")
                for c in p.classes {
                    let ratio = c.ratio?.text ?? "open (give --ratio \(c.id)=R)"
                    print("  [\(c.id)] \(c.name): \(c.period.label) \(ratio), \(c.method.label)\(c.isDrawn ? "" : ", not drawn at this level")")
                    print("      when \(c.id == p.fallback ? "no other class applies" : c.condition.description)")
                }
                print("  precedence: " + p.precedence.joined(separator: " > ") + (p.fallback.map { ", otherwise \($0)" } ?? ""))
                if !p.precedenceNote.isEmpty { print("  conflict rule: \(p.precedenceNote)") }
                if let cap = p.rules.yearlyCap { print("  yearly cap: \(cap) random checks per enterprise") }
                print("  not drawn: " + p.rules.excludeStatus.map(\.rawValue).joined(separator: ", ")
                      + (p.rules.excludeInspectedWithoutProblem ? "; drawn earlier this year without problem" : ""))
                for rule in p.rules.minimumCoverage {
                    print("  coverage: \(rule.classes.joined(separator: ", ")) at least \(rule.times)× \(rule.per.label)")
                }
                for input in p.inputs { print("  input: \(input)") }
            }
        }
    }
}
