import ArgumentParser
import Foundation
import Testing
import Inspection
import ZIPFoundation
@testable import liancha

/// A bureau knows its rules by issuing body, title, number and section, never by a file name of this
/// repository ("种子", "seed 004", "seeds 002、003"). The draw's random `seed` keeps its name.
func namesASourceFile(_ text: String) -> String? {
    guard let range = text.range(of: #"种子|seeds?\s*0[0-9]{2}"#, options: [.regularExpression, .caseInsensitive]) else { return nil }
    let from = text.index(range.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
    let to = text.index(range.upperBound, offsetBy: 40, limitedBy: text.endIndex) ?? text.endIndex
    return String(text[from..<to])
}

@Suite struct CitationTests {
    @Test func theCheckFindsWhatItLooksFor() {
        #expect(namesASourceFile("依据（种子001）") != nil)
        #expect(namesASourceFile("the seed 004 annex") != nil)
        #expect(namesASourceFile("seeds 002、003") != nil)
        #expect(namesASourceFile("Seed004") != nil)
        #expect(namesASourceFile(#"{"seed": "0123abcd", "commitment": "…"}"#) == nil)
        #expect(namesASourceFile("\(Citation.qinhuangdao2024)二(二)") == nil)
    }

    @Test func everyBundledPolicyCitesItsDocument() throws {
        #expect(Bundled.policies.count == 5)
        for (name, text) in Bundled.policies {
            #expect(namesASourceFile(text) == nil, "\(name)")
            let policy = try Policies.load(name)
            // The source names the issuing body and the document's title.
            #expect(policy.source.contains("局") && policy.source.contains("《") && policy.source.contains("》"), "\(name): \(policy.source)")
            // Where a note interprets the document, it says that 本系统 did.
            let notes = policy.classes.map(\.note) + [policy.precedenceNote] + policy.inputs
            for note in notes where note.range(of: #"(^|\s)注："#, options: .regularExpression) != nil || note.hasPrefix("本方案未") {
                #expect(note.contains("本系统"), "\(name): \(note)")
            }
        }
    }

    @Test func noCommandHelpNamesASourceFile() throws {
        var pending: [any ParsableCommand.Type] = [Liancha.self]
        var seen = 0
        while let command = pending.popLast() {
            seen += 1
            let help = Liancha.helpMessage(for: command)
            #expect(namesASourceFile(help) == nil, "\(command): \(namesASourceFile(help) ?? "")")
            pending += command.configuration.subcommands
        }
        #expect(seen > 20)
        #expect(Liancha.helpMessage(for: ReportCommand.Plans.self).contains(Citation.qinhuangdao2024))
    }

    @Test func nothingTheDemoWritesNamesASourceFile() throws {
        let w = try Workspace()
        let out = w.path("demo")
        var demo = try Liancha.parseAsRoot(["demo", "--output", out, "--fixtures", fixturesDir.path])
        try demo.run()

        var scanned = 0
        let files = try #require(FileManager.default.enumerator(atPath: out)).compactMap { $0 as? String }
        for file in files.sorted() where !file.hasSuffix(".sqlite") && !file.contains(".sqlite-") {
            let url = URL(fileURLWithPath: out).appendingPathComponent(file)
            guard !((try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false) else { continue }
            let data = try Data(contentsOf: url)
            var texts: [(String, String)] = []
            if file.hasSuffix(".docx") || file.hasSuffix(".xlsx") {
                let archive = try Archive(data: data, accessMode: .read)
                for entry in archive where entry.path.hasSuffix(".xml") {
                    var xml = Data()
                    _ = try archive.extract(entry) { xml.append($0) }
                    texts.append(("\(file)/\(entry.path)", String(decoding: xml, as: UTF8.self)))
                }
            } else {
                texts.append((file, String(decoding: data, as: UTF8.self)))
            }
            for (name, text) in texts {
                scanned += 1
                #expect(namesASourceFile(text) == nil, "\(name): \(namesASourceFile(text) ?? "")")
            }
        }
        #expect(scanned > 50)
        // The quarterly indicators cite their documents by title and section.
        let indicators = try String(contentsOfFile: out + "/report-2026Q2/" + (try #require(files.first {
            $0.hasPrefix("report-2026Q2/") && $0.hasSuffix(".csv") && $0.contains("指标")
        }).dropFirst("report-2026Q2/".count)), encoding: .utf8)
        #expect(indicators.contains("\(Citation.qinhuangdao2024)二(二)"))
    }
}
