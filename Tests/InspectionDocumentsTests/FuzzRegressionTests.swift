import Foundation
import Inspection
import InspectionDocuments
import Testing

/// The inputs with which `scripts/fuzz.sh` crashed or hung a parser (libFuzzer's crash-, timeout- and
/// oom- files), kept under `Fuzz/<target>/`: each must now give the parser's clear error.
@Suite struct FuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func inputs(_ target: String) throws -> [Data] {
        let folder = directory.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    @Test func xlsxWhoseOffsetsPointPastTheEndOrWhoseStreamNeverEndsIsRefusedAsDamaged() throws {
        let inputs = try Self.inputs("xlsx")
        #expect(!inputs.isEmpty)
        for data in inputs {
            #expect(throws: DocumentError.notAnXLSX(reason: "压缩包结构损坏，无法打开")) {
                var reader = try TableReader(data: data, format: .xlsx)
                while try reader.next() != nil {}
            }
        }
    }

    @Test func drawRecordWithANegativeTeamCountIsAProblemNotATrap() throws {
        let inputs = try Self.inputs("draw")
        #expect(!inputs.isEmpty)
        for data in inputs {
            let report = try DrawRecord(json: data).verify()
            #expect(!report.isVerified)
            #expect(report.problems.contains { $0.hasSuffix("needed -2 is negative") })
        }
    }

    @Test func policyWithATaggedUnknownKeyNamesTheKey() throws {
        let inputs = try Self.inputs("policy")
        #expect(!inputs.isEmpty)
        for data in inputs {
            let error = #expect(throws: PolicyFileError.self) { try PolicyFile.parse(String(decoding: data, as: UTF8.self)) }
            #expect(error?.message.contains("unknown field") == true)
        }
    }
}
