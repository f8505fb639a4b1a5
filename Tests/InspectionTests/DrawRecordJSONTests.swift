import Foundation
import Testing
import Inspection

/// `DrawRecord(json:)` reads long lists itself and leaves the rest to JSONDecoder: the record and
/// the kind of every error must be JSONDecoder's.
@Suite struct DrawRecordJSONTests {
    /// A verified record with two strata of `count` candidates.
    func record(count: Int) throws -> DrawRecord {
        let enterprises = directory(count: count)
        let request = QuarterDrawRequest(policy: testPolicy, quarter: Quarter("2026Q2")!, ratios: ["nonsite": try Ratio("50%")])
        var e = enterprises
        for i in e.indices where i % 2 == 0 { e[i].positiveList = true }
        let (strata, _) = try request.draw(enterprises: e, classOf: testPolicy.classifier(), history: DrawHistory(), seed: seed)
        return DrawRecord(id: "D2026Q2-0001", created: "2026-04-01T09:30:00+08:00", operator: "王某", purpose: "test",
                          seed: VerifiableDraw.hex(seed), commitment: VerifiableDraw.commitment(seed: seed), publicEntropy: "test",
                          supersedes: nil, reason: nil, sealed: false, policy: testPolicy.name, period: "2026Q2", directed: [],
                          plan: nil, strata: strata)
    }

    /// What `liancha draw verify` tells of an error: its kind and the field it names.
    func kind(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let c): "missing \(key.stringValue) at \(c.codingPath.map(\.stringValue))"
        case DecodingError.typeMismatch(_, let c): "type at \(c.codingPath.map(\.stringValue))"
        case DecodingError.valueNotFound(_, let c): "null at \(c.codingPath.map(\.stringValue))"
        case DecodingError.dataCorrupted(let c): "corrupted at \(c.codingPath.map(\.stringValue))"
        default: "other \(type(of: error))"
        }
    }

    enum Outcome: Equatable {
        case record(DrawRecord)
        case failure(String)
    }

    func read(_ json: Data, _ minimum: Int?) -> Outcome {
        do { return .record(try DrawRecord(json: json, minimumList: minimum)) } catch { return .failure(kind(error)) }
    }

    @Test(arguments: [nil, 0, 1024] as [Int?])
    func aLargeRecordReadsBackWholeAndVerifies(minimum: Int?) throws {
        let original = try record(count: 3_000)
        let json = try original.json()
        let read = try DrawRecord(json: json, minimumList: minimum)
        #expect(read == original)
        #expect(read.verify().isVerified)
        #expect(read.strata.contains { $0.candidates.count >= 1024 })
    }

    /// The record's JSON with `edit` applied to its text.
    func edited(_ edit: (String) -> String) throws -> Data {
        Data(edit(String(decoding: try record(count: 40).json(), as: UTF8.self)).utf8)
    }

    @Test(arguments: Array(0..<14))
    func everyDocumentReadsAsJSONDecoderReadsIt(variant: Int) throws {
        // Given: valid records the fast reader must hand back to JSONDecoder, and broken ones
        let json: Data = switch variant {
        case 0: try edited { $0 }
        case 1: try edited { $0.replacingOccurrences(of: "\"91130111", with: "\"\\u0039\\u00311130111") }  // escapes
        case 2: try edited { $0.replacingOccurrences(of: "\"candidates\" : [", with: "\"candidates\" : [], \"candidates\" : [") }
        case 3: try edited { $0.replacingOccurrences(of: "\"drawn\" : [", with: "\"dr\\u0061wn\" : [\"X\"], \"drawn\" : [") }
        case 4: try edited { $0.replacingOccurrences(of: "\"candidates\" : [\n", with: "\"candidates\" : [\n\"A\tB\",") }
        case 5: try edited { $0.replacingOccurrences(of: "\"candidates\" : [\n", with: "\"candidates\" : [\n\"A\",,") }
        case 6: try edited { $0.replacingOccurrences(of: "\"candidates\" : [\n", with: "\"candidates\" : [\n\"A\",\n1,") }
        case 7: try edited { String($0.dropLast(40)) }  // truncated
        case 8: try edited { $0.replacingOccurrences(of: "\"quota\" : ", with: "\"quota\" : 1x") }
        case 9: try edited { $0.replacingOccurrences(of: "\"drawn\" : [", with: "\"drawn\" : null, \"x\" : [") }
        case 10: try edited { $0.replacingOccurrences(of: "\"strata\" : [", with: "\"strata\" : [], \"strata\" : [") }
        case 11: try edited { "\u{FEFF}" + $0 }
        case 12: try edited { $0.replacingOccurrences(of: "\"candidates\"", with: "\"candidates\" : [\"A\"], \"y\"") }
        default: try edited { $0.replacingOccurrences(of: "\"candidates\" : [\n", with: "\"candidates\" : [\n\"\u{e9}tude\",\"e\u{301}tude\",") }
        }
        var bad = Array(json)
        if variant == 13, let i = bad.firstIndex(of: 0xC3) { bad[i] = 0xFF }  // not UTF-8
        let data = variant == 13 ? Data(bad) : json
        // When / Then
        #expect(read(data, 0) == read(data, nil), "variant \(variant)")
        #expect(read(data, 1024) == read(data, nil), "variant \(variant)")
    }
}
