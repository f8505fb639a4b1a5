public import Inspection
import Yams

/// Reads a joint plan from a YAML file (the fields of `JointPlan`, e.g. `number: 栾联2026006`).
public enum PlanFile {
    public static func parse(_ text: String) throws(PolicyFileError) -> JointPlan {
        do {
            return try YAMLDecoder().decode(JointPlan.self, from: text)
        } catch let error as DecodingError {
            switch error {
            case .keyNotFound(let key, let context):
                throw PolicyFileError(line: nil, field: path(context.codingPath + [key]), message: "missing")
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                throw PolicyFileError(line: nil, field: path(context.codingPath), message: context.debugDescription)
            @unknown default:
                throw PolicyFileError(line: nil, field: "", message: "not a plan")
            }
        } catch let error as YamlError {
            throw PolicyFileError(line: nil, field: "", message: "YAML syntax: \(error)")
        } catch {
            throw PolicyFileError(line: nil, field: "", message: "not a plan file")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
    }
}
