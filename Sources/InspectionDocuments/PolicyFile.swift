public import Inspection
import Yams

/// What is wrong with a policy file: the line and field at fault, and why.
public struct PolicyFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int?
    /// e.g. `classes[2].ratio`
    public let field: String
    public let message: String

    public var description: String {
        (line.map { "line \($0), " } ?? "") + (field.isEmpty ? "" : "field \(field): ") + message
    }
}

/// Reads a policy file (`liancha-policy/1`, YAML; see docs/policy-format.md).
public enum PolicyFile {
    public static func parse(_ text: String) throws(PolicyFileError) -> Policy {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PolicyFileError(line: nil, field: "", message: "the file is empty")
            }
            root = node
        } catch let error as PolicyFileError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch {
            throw PolicyFileError(line: nil, field: "", message: "not a YAML document")
        }
        return try Reader(node: root, path: "").policy()
    }

    private static func syntaxError(_ error: YamlError) -> PolicyFileError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            PolicyFileError(line: mark.line, field: "", message: "YAML syntax: \(problem) (column \(mark.column))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            PolicyFileError(line: context.mark.line, field: duplicates.joined(separator: ", "), message: "given twice")
        default:
            PolicyFileError(line: nil, field: "", message: "not a readable YAML document")
        }
    }
}

/// A node of the file and where it is, for messages.
private struct Reader {
    let node: Node
    let path: String

    var line: Int? { node.mark?.line }

    func fail(_ message: String) -> PolicyFileError {
        PolicyFileError(line: line, field: path, message: message)
    }

    func child(_ key: String) -> Reader? {
        guard let value = node.mapping?[Node(key)] else { return nil }
        return Reader(node: value, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func required(_ key: String) throws(PolicyFileError) -> Reader {
        guard node.mapping != nil else { throw fail("must be a mapping of fields") }
        guard let c = child(key) else { throw fail("the field '\(key)' is missing") }
        return c
    }

    func isNull() -> Bool { node.scalar.map { ["", "~", "null"].contains($0.string) && $0.style == .plain } ?? false }

    func string() throws(PolicyFileError) -> String {
        guard let s = node.scalar?.string else { throw fail("must be a single value") }
        return s
    }

    func int() throws(PolicyFileError) -> Int {
        guard let n = Int(try string()) else { throw fail("'\(try string())' is not a whole number") }
        return n
    }

    func bool() throws(PolicyFileError) -> Bool {
        switch try string() {
        case "true", "是", "yes": return true
        case "false", "否", "no": return false
        case let other: throw fail("'\(other)' must be true or false")
        }
    }

    func list() throws(PolicyFileError) -> [Reader] {
        if let sequence = node.sequence {
            return sequence.enumerated().map { Reader(node: $1, path: "\(path)[\($0)]") }
        }
        if node.scalar != nil { return [self] }
        throw fail("must be a list")
    }

    func strings() throws(PolicyFileError) -> [String] {
        var out: [String] = []
        for item in try list() { out.append(try item.string()) }
        return out
    }

    func choice<E: RawRepresentable & CaseIterable>(_: E.Type) throws(PolicyFileError) -> E where E.RawValue == String {
        let value = try string()
        guard let e = E(rawValue: value) else {
            throw fail("'\(value)' must be one of " + E.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return e
    }

    func keys() -> [String] { node.mapping?.keys.compactMap(\.string) ?? [] }

    func refuseUnknownKeys(_ known: [String]) throws(PolicyFileError) {
        for key in keys() where !known.contains(key) {
            // NB: a key with a YAML tag (`!t name:`) is no plain-string key: report it on the mapping.
            throw (child(key) ?? self).fail("unknown field '\(key)' (known: \(known.joined(separator: ", ")))")
        }
    }

    // MARK: - The policy

    func policy() throws(PolicyFileError) -> Policy {
        try refuseUnknownKeys(["format", "name", "title", "jurisdiction", "level", "year", "source", "classes",
                               "precedence", "precedence_note", "fallback", "rules", "inputs", "department"])
        let format = try required("format")
        guard try format.string() == "liancha-policy/1" else { throw format.fail("must be liancha-policy/1") }
        let name = try required("name")
        let nameText = try name.string()
        guard !nameText.isEmpty, nameText.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw name.fail("'\(nameText)' must be lower-case ASCII letters, digits and '-'")
        }
        let classesNode = try required("classes")
        var classes: [SupervisionClass] = []
        for item in try classesNode.list() {
            let c = try item.supervisionClass()
            if classes.contains(where: { $0.id == c.id }) { throw item.fail("class id '\(c.id)' is used twice") }
            classes.append(c)
        }
        if classes.isEmpty { throw classesNode.fail("a policy needs at least one class") }
        let ids = classes.map(\.id)

        let precedenceNode = try required("precedence")
        let precedence = try precedenceNode.strings()
        for id in precedence where !ids.contains(id) {
            throw precedenceNode.fail("'\(id)' is not a class of this policy (classes: \(ids.joined(separator: ", ")))")
        }
        if Set(precedence).count != precedence.count { throw precedenceNode.fail("names a class twice") }
        var fallback: String?
        if let f = child("fallback"), !f.isNull() {
            let id = try f.string()
            guard ids.contains(id) else { throw f.fail("'\(id)' is not a class of this policy") }
            fallback = id
        }
        let missing = ids.filter { !precedence.contains($0) && $0 != fallback }
        if !missing.isEmpty { throw precedenceNode.fail("must list every class; missing \(missing.joined(separator: ", "))") }

        let yearNode = try required("year")
        let year = try yearNode.int()
        guard (2000...2999).contains(year) else { throw yearNode.fail("\(year) is not a year") }

        var rules = PolicyRules()
        if let r = child("rules") { rules = try r.rules(classIDs: ids) }
        return Policy(
            name: nameText, title: try required("title").string(), jurisdiction: try child("jurisdiction")?.string() ?? "",
            level: try required("level").choice(Policy.Level.self), year: year, source: try child("source")?.string() ?? "",
            classes: classes, precedence: precedence, precedenceNote: try child("precedence_note")?.string() ?? "",
            fallback: fallback, rules: rules, inputs: try child("inputs")?.strings() ?? [],
            department: try child("department")?.string())
    }

    func supervisionClass() throws(PolicyFileError) -> SupervisionClass {
        try refuseUnknownKeys(["id", "name", "when", "period", "ratio", "method", "draw", "note"])
        let idNode = try required("id")
        let id = try idNode.string()
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw idNode.fail("'\(id)' must be ASCII letters, digits, '-' or '_'")
        }
        var ratio: Ratio?
        let ratioNode = try required("ratio")
        let ratioText = try ratioNode.string()
        if ratioText != "open" {
            do { ratio = try Ratio(ratioText) } catch { throw ratioNode.fail("\(error) — or `open` where the document sets none") }
        }
        return SupervisionClass(
            id: id, name: try required("name").string(),
            condition: try child("when")?.condition() ?? .any([]),
            period: try child("period")?.choice(DrawPeriod.self) ?? .quarter,
            ratio: ratio,
            method: try child("method")?.choice(SupervisionClass.Method.self) ?? .site,
            isDrawn: try child("draw")?.bool() ?? true,
            note: try child("note")?.string() ?? "")
    }

    func condition() throws(PolicyFileError) -> Condition {
        let keys = keys()
        guard keys.count == 1, let key = keys.first, let value = child(key) else {
            throw fail("a condition is one of all:, any:, not: or a single field test such as `permit: 重点管理`")
        }
        switch key {
        case "all", "any":
            var parts: [Condition] = []
            for item in try value.list() { parts.append(try item.condition()) }
            if parts.isEmpty { throw value.fail("an empty \(key): list") }
            return key == "all" ? .all(parts) : .any(parts)
        case "not":
            return .not(try value.condition())
        default:
            guard let field = ConditionField(rawValue: key) else {
                throw value.fail("unknown field '\(key)' (fields: \(ConditionField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            var values = try value.strings()
            if let allowed = field.allowedValues {
                values = values.map { $0 == "true" ? "是" : $0 == "false" ? "否" : $0 }
                for v in values where !allowed.contains(v) {
                    throw value.fail("'\(v)' is not a value of \(key) (values: \(allowed.joined(separator: "/")))")
                }
            }
            if values.isEmpty { throw value.fail("names no value") }
            return .test(field, values)
        }
    }

    func rules(classIDs: [String]) throws(PolicyFileError) -> PolicyRules {
        try refuseUnknownKeys(["yearly_cap", "exclude_status", "exclude_inspected_without_problem", "minimum_coverage"])
        var rules = PolicyRules()
        if let cap = child("yearly_cap"), !cap.isNull() {
            let n = try cap.int()
            guard n >= 1 else { throw cap.fail("must be at least 1") }
            rules.yearlyCap = n
        }
        if let s = child("exclude_status") {
            var statuses: [OperatingStatus] = []
            for item in try s.list() { statuses.append(try item.choice(OperatingStatus.self)) }
            rules.excludeStatus = statuses
        }
        rules.excludeInspectedWithoutProblem = try child("exclude_inspected_without_problem")?.bool() ?? false
        if let m = child("minimum_coverage"), !m.isNull() {
            for item in try m.list() {
                try item.refuseUnknownKeys(["classes", "times", "per"])
                let classesNode = try item.required("classes")
                let classes = try classesNode.strings()
                for id in classes where !classIDs.contains(id) { throw classesNode.fail("'\(id)' is not a class of this policy") }
                rules.minimumCoverage.append(CoverageRule(classes: classes, times: try item.required("times").int(),
                                                          per: try item.required("per").choice(DrawPeriod.self)))
            }
        }
        return rules
    }
}
