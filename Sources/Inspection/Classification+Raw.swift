import Foundation
/// One row of the directory as the store holds it: each column's stored UTF-8 bytes (a NULL column
/// is empty) and the flags, valid only during the call it is handed to. A draw classes a million of
/// them without building an `Enterprise` or a String for each.
public struct RawEnterpriseRow {
    public var uscc = UnsafeRawBufferPointer(start: nil, count: 0)
    public var division = UnsafeRawBufferPointer(start: nil, count: 0)
    public var industry = UnsafeRawBufferPointer(start: nil, count: 0)
    public var status = UnsafeRawBufferPointer(start: nil, count: 0)
    public var permit = UnsafeRawBufferPointer(start: nil, count: 0)
    public var airGrade = UnsafeRawBufferPointer(start: nil, count: 0)
    public var creditRisk = UnsafeRawBufferPointer(start: nil, count: 0)
    /// The stored `;`-joined list.
    public var labels = UnsafeRawBufferPointer(start: nil, count: 0)
    public var keyDischargeUnit = false
    public var positiveList = false
    public var penalizedLastQuarter = false
    public var highRisk = false
    public var supervisedRectification = false
    public var nonSiteCapable = false

    public init() {}
}

/// A policy's classes (and a directed draw's labels) compiled for `RawEnterpriseRow`s.
///
/// Each test of a condition is one bit. A text column has few distinct values (statuses, permit
/// categories, towns, industries, label sets), so each distinct value's bits are worked out once,
/// from its String, by the same code as `Policy.classifier()` — the answer is the same by
/// construction — and found again by its bytes; the class of each combination of bits is also
/// worked out once. NB: a directory of all-distinct values costs what `classifier()` does, no more.
public struct RawClassifier: Sendable {
    /// The fields whose columns `classIndex` reads (besides `uscc` and `status`, always read).
    public private(set) var fields: Set<ConditionField> = []
    /// The class ids `classIndex` answers with an index into.
    public private(set) var classIDs: [String] = []

    private var tests: [(field: ConditionField, condition: CompiledCondition)] = []
    private var precedence: [(classIndex: Int, condition: BitCondition)] = []
    private var fallbackIndex: Int?
    /// The bits that must all be set for a directed draw to take the enterprise.
    private var directedBits: UInt64 = 0
    /// The text fields tested, with the bits of each distinct value.
    private var texts: [(field: ConditionField, table: ValueTable)] = []
    /// The flags tested, with their bits when set and when not.
    private var flags: [(field: ConditionField, ifTrue: UInt64, ifFalse: UInt64)] = []
    private var statuses = ValueTable()
    /// Class per combination of bits (fewer than 17 tests): -2 not yet known, -1 none.
    private var byBits: [Int8] = []
    private var byBitsMemo: [UInt64: Int] = [:]

    /// Nil when the policy's conditions have more than 64 tests (the caller classes `Enterprise`s).
    public init?(policy: Policy, directed: [String] = []) {
        func compile(_ condition: Condition) -> BitCondition? {
            switch condition {
            case .all(let parts):
                let compiled = parts.compactMap(compile)
                return compiled.count == parts.count ? .all(compiled) : nil
            case .any(let parts):
                let compiled = parts.compactMap(compile)
                return compiled.count == parts.count ? .any(compiled) : nil
            case .not(let inner): return compile(inner).map { .not($0) }
            case .test(let field, _):
                guard tests.count < 64 else { return nil }
                tests.append((field, CompiledCondition(condition)))
                fields.insert(field)
                return .bit(tests.count - 1)
            }
        }
        func index(of id: String) -> Int {
            if let i = classIDs.firstIndex(of: id) { return i }
            classIDs.append(id)
            return classIDs.count - 1
        }
        for id in policy.precedence {
            guard let c = policy.supervisionClass(id) else { continue }
            guard let condition = compile(c.condition) else { return nil }
            precedence.append((index(of: id), condition))
        }
        fallbackIndex = policy.fallback.map(index(of:))
        for label in directed {
            guard let bit = compile(.test(.label, [label])) else { return nil }
            if case .bit(let i) = bit { directedBits |= 1 << UInt64(i) }
        }
        if tests.count <= 16 { byBits = Array(repeating: -2, count: 1 << tests.count) }
        for field in ConditionField.allCases where fields.contains(field) {
            if field.isText {
                texts.append((field, ValueTable()))
            } else {
                var yes = Enterprise(uscc: "", name: "", division: ""), no = yes
                field.setFlag(true, in: &yes)
                field.setFlag(false, in: &no)
                flags.append((field, Self.bits(tests, of: field, for: yes), Self.bits(tests, of: field, for: no)))
            }
        }
    }

    /// The index in `classIDs` of the row's class, or nil when it has none or a directed draw
    /// does not take it.
    public mutating func classIndex(_ row: RawEnterpriseRow) -> Int? {
        var bits: UInt64 = 0
        for i in flags.indices { bits |= row.flag(flags[i].field) ? flags[i].ifTrue : flags[i].ifFalse }
        for i in texts.indices {
            let field = texts[i].field
            let bytes = row.text(field)
            if let known = texts[i].table[bytes] {
                bits |= known
            } else {
                var e = Enterprise(uscc: "", name: "", division: "")
                field.setStored(bytes, in: &e)
                let value = Self.bits(tests, of: field, for: e)
                texts[i].table.insert(bytes, value)
                bits |= value
            }
        }
        guard bits & directedBits == directedBits else { return nil }
        let index: Int
        if byBits.isEmpty {
            if let known = byBitsMemo[bits] { index = known } else {
                index = classOf(bits)
                byBitsMemo[bits] = index
            }
        } else {
            let known = Int(byBits[Int(bits)])
            if known != -2 { index = known } else {
                index = classOf(bits)
                byBits[Int(bits)] = Int8(index)
            }
        }
        return index < 0 ? nil : index
    }

    /// The row's operating status, read as the store reads it (`OperatingStatus.stored`).
    public mutating func status(_ bytes: UnsafeRawBufferPointer) -> OperatingStatus {
        if let known = statuses[bytes] { return Self.statusCases[Int(known)] }
        let status = OperatingStatus.stored(String(decoding: bytes, as: UTF8.self))
        statuses.insert(bytes, UInt64(Self.statusCases.firstIndex(of: status)!))
        return status
    }

    private static let statusCases = OperatingStatus.allCases

    private func classOf(_ bits: UInt64) -> Int {
        for (index, condition) in precedence where condition.holds(bits) { return index }
        return fallbackIndex ?? -1
    }

    private static func bits(_ tests: [(field: ConditionField, condition: CompiledCondition)], of field: ConditionField,
                             for e: Enterprise) -> UInt64 {
        var bits: UInt64 = 0
        for (i, test) in tests.enumerated() where test.field == field && test.condition.holds(for: e) { bits |= 1 << UInt64(i) }
        return bits
    }
}

/// A condition over the bits of `RawClassifier`'s tests.
private indirect enum BitCondition: Sendable {
    case all([BitCondition])
    case any([BitCondition])
    case not(BitCondition)
    case bit(Int)

    func holds(_ bits: UInt64) -> Bool {
        switch self {
        case .all(let parts): parts.allSatisfy { $0.holds(bits) }
        case .any(let parts): parts.contains { $0.holds(bits) }
        case .not(let inner): !inner.holds(bits)
        case .bit(let i): bits & (1 << UInt64(i)) != 0
        }
    }
}

/// Distinct byte strings, each with a value worked out on first sight: an open-addressing table
/// over one buffer of their bytes.
///
/// NB: looked up for every text column of every row of a million, so the hash reads eight bytes at
/// a time and keys compare with memcmp; it is seeded per table, so that no directory's values can be
/// chosen to collide (the probing would then be quadratic).
private struct ValueTable: Sendable {
    private var bytes: [UInt8] = []
    /// start, count, value per slot; count -1 marks an empty slot.
    private var slots = [(start: Int, count: Int, value: UInt64)](repeating: (0, -1, 0), count: 64)
    private var used = 0
    private let seed = UInt64.random(in: .min ... .max)

    /// The value of `key`, if it was inserted.
    subscript(key: UnsafeRawBufferPointer) -> UInt64? {
        let slot = find(key)
        return slots[slot].count < 0 ? nil : slots[slot].value
    }

    /// Adds `key` (not yet in the table) with `value`.
    mutating func insert(_ key: UnsafeRawBufferPointer, _ value: UInt64) {
        let slot = find(key)
        precondition(slots[slot].count < 0, "a key inserted twice")
        slots[slot] = (bytes.count, key.count, value)
        bytes.append(contentsOf: key)
        used += 1
        if used * 2 > slots.count { grow() }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: UnsafeRawBufferPointer) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash(key)) & mask
        bytes.withUnsafeBytes { stored in
            while true {
                let s = slots[slot]
                if s.count < 0 { return }
                if s.count == key.count && (key.count == 0 || memcmp(stored.baseAddress! + s.start, key.baseAddress!, key.count) == 0) { return }
                slot = (slot + 1) & mask
            }
        }
        return slot
    }

    private func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h = seed ^ UInt64(key.count)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ key.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < key.count {
            tail |= UInt64(key[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, -1, 0), count: old.count * 2)
        for s in old where s.count >= 0 {
            let slot = bytes.withUnsafeBytes { find(UnsafeRawBufferPointer(rebasing: $0[s.start..<s.start + s.count])) }
            slots[slot] = s
        }
    }
}

extension RawEnterpriseRow {
    func flag(_ field: ConditionField) -> Bool {
        switch field {
        case .keyDischargeUnit: keyDischargeUnit
        case .positiveList: positiveList
        case .penalizedLastQuarter: penalizedLastQuarter
        case .highRisk: highRisk
        case .supervisedRectification: supervisedRectification
        case .nonSiteCapable: nonSiteCapable
        default: false
        }
    }

    func text(_ field: ConditionField) -> UnsafeRawBufferPointer {
        switch field {
        case .division: division
        case .industry: industry
        case .status: status
        case .permit: permit
        case .airGrade: airGrade
        case .creditRisk: creditRisk
        case .label: labels
        default: UnsafeRawBufferPointer(start: nil, count: 0)
        }
    }
}

extension ConditionField {
    /// Whether the field is a text column (else a flag).
    var isText: Bool {
        switch self {
        case .permit, .status, .division, .industry, .label, .airGrade, .creditRisk: true
        default: false
        }
    }

    /// Sets the field of `e` from its stored bytes, as the store reads the directory (`RawRow`):
    /// labels are the `;`-joined list split on its bytes, empty parts dropped.
    func setStored(_ bytes: UnsafeRawBufferPointer, in e: inout Enterprise) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .permit: e.permit = .stored(text)
        case .status: e.status = .stored(text)
        case .division: e.division = text
        case .industry: e.industry = text
        case .label:
            e.labels = bytes.split(separator: 0x3B, omittingEmptySubsequences: true)
                .map { String(decoding: UnsafeRawBufferPointer(rebasing: $0), as: UTF8.self) }
        case .airGrade: e.airGrade = AirGrade(rawValue: text)
        case .creditRisk: e.creditRisk = CreditRisk(rawValue: text)
        default: break
        }
    }

    func setFlag(_ value: Bool, in e: inout Enterprise) {
        switch self {
        case .keyDischargeUnit: e.keyDischargeUnit = value
        case .positiveList: e.positiveList = value
        case .penalizedLastQuarter: e.penalizedLastQuarter = value
        case .highRisk: e.highRisk = value
        case .supervisedRectification: e.supervisedRectification = value
        case .nonSiteCapable: e.nonSiteCapable = value
        default: break
        }
    }
}

extension OperatingStatus {
    /// The status a stored text means: an unknown one reads as operating, as the store has always read it.
    public static func stored(_ text: String) -> OperatingStatus { OperatingStatus(rawValue: text) ?? .operating }
}

extension PermitCategory {
    /// The category a stored text means: an unknown one reads as none.
    public static func stored(_ text: String) -> PermitCategory { PermitCategory(rawValue: text) ?? .none }
}
