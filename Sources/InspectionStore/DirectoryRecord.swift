import GRDB
import Inspection

/// Lists the store keeps in one column, joined by `;` (departments, labels, specialties, item codes).
enum StoredList {
    /// A stored `;`-joined list, split on its UTF-8 bytes (not Characters: a draw reads a million).
    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var utf8 = text.utf8[...]
        while !utf8.isEmpty {
            let end = utf8.firstIndex(of: 0x3B) ?? utf8.endIndex
            if end > utf8.startIndex { parts.append(String(Substring(utf8[utf8.startIndex..<end]))) }
            utf8 = end == utf8.endIndex ? utf8[end...] : utf8[utf8.index(after: end)...]
        }
        return parts
    }
}

/// When and under which audit entry an import writes.
struct ImportStamp {
    let date: LocalDate
    let auditID: Int64
    /// `date` as stored, formatted once per import rather than once per row.
    let dateText: String

    init(date: LocalDate, auditID: Int64) {
        self.date = date
        self.auditID = auditID
        dateText = date.description
    }
}

/// A table of 两库一单 as the store keeps it: how a record is found by its key, inserted and updated.
protocol DirectoryRecord {
    static var schema: TableSchema<Self> { get }
    /// Inserts the record unless its key exists; returns the new row id, or nil when it existed.
    func insertIfNew(_ db: any SQLConnection, stamp: ImportStamp) throws -> Int64?
    /// The stored record with the same key, and its row id.
    func fetchStored(_ db: any SQLConnection) throws -> (id: Int64, record: Self)?
    func update(_ db: any SQLConnection, id: Int64) throws
    /// Whether each row belongs to one department (inspectors, items) rather than to all (the
    /// directory, the departments themselves), which only the coordinator writes.
    static var isOwnedByDepartment: Bool { get }
    /// The department that owns this row.
    var owner: String { get }
    /// The statement `insertIfNew` runs on SQLite, for a table whose large imports encode each row's
    /// values on their validating thread (`encodeInsert`); nil for the others.
    static var encodedInsertSQL: String? { get }
    /// Appends the values `encodedInsertSQL` binds for this record.
    func encodeInsert(into values: inout EncodedValues, stamp: ImportStamp)
}

extension DirectoryRecord {
    static var isOwnedByDepartment: Bool { false }
    var owner: String { "" }
    static var encodedInsertSQL: String? { nil }
    func encodeInsert(into values: inout EncodedValues, stamp: ImportStamp) {}

    /// Runs `statement` (prepared from `encodedInsertSQL`) on values `range` of `values`, whose
    /// bytes are `pinned`: the new row id, or nil when the key existed. NB: the statement keeps
    /// pointing into the bytes: `RawStatement.clearBindings` it before they go.
    static func insertEncoded(_ statement: Statement, _ values: EncodedValues, _ range: Range<Int>,
                              pinned: UnsafeBufferPointer<UInt8>, _ db: Database) throws -> Int64? {
        var raw = RawStatement(statement, db)
        raw.bind(values, range, pinned: pinned)
        try raw.step()
        return raw.insertedRowID
    }

    /// The department other than `own` that this row would write into or take from: the one it
    /// names, or the stored record's it would update; nil when both are `own`.
    func otherOwner(than own: String, _ db: any SQLConnection) throws -> String? {
        if owner != own { return owner }
        if let (_, stored) = try fetchStored(db), stored.owner != own { return stored.owner }
        return nil
    }
}

extension Department: DirectoryRecord {
    static var schema: TableSchema<Department> { .departments }

    init(row: SQLRow) {
        self.init(code: row["code"], name: row["name"], shortName: row["short_name"])
    }

    func insertIfNew(_ db: any SQLConnection, stamp: ImportStamp) throws -> Int64? {
        // NB: a department is known by its code and has no id; 0 stands for "inserted".
        try db.execute(sql: "INSERT INTO department (code, name, short_name) VALUES (?, ?, ?) ON CONFLICT(code) DO NOTHING",
                       arguments: [code, name, shortName]) == 0 ? nil : 0
    }

    func fetchStored(_ db: any SQLConnection) throws -> (id: Int64, record: Department)? {
        try db.row(sql: "SELECT * FROM department WHERE code = ?", arguments: [code])
            // NB: departments are found by their code; the id is not used.
            .map { (0, Department(row: $0)) }
    }

    func update(_ db: any SQLConnection, id: Int64) throws {
        try db.execute(sql: "UPDATE department SET name = ?, short_name = ? WHERE code = ?", arguments: [name, shortName, code])
    }

    static func fetchAll(_ db: any SQLConnection) throws -> [Department] {
        try db.rows(sql: "SELECT * FROM department ORDER BY code").map(Department.init(row:))
    }
}

extension Enterprise: DirectoryRecord {
    static var schema: TableSchema<Enterprise> { .enterprises }

    static let columnList = """
        uscc, name, division, address, legal_representative, industry, status, permit, key_discharge_unit, \
        positive_list, air_grade, credit_risk, penalized_last_quarter, high_risk, supervised_rectification, \
        non_site_capable, departments, labels
        """

    init(row: SQLRow) {
        self.init(uscc: row["uscc"], name: row["name"], division: row["division"])
        address = row["address"]
        legalRepresentative = row["legal_representative"]
        industry = row["industry"]
        status = OperatingStatus(rawValue: row["status"]) ?? .operating
        permit = PermitCategory(rawValue: row["permit"]) ?? .none
        keyDischargeUnit = row["key_discharge_unit"]
        positiveList = row["positive_list"]
        airGrade = (row["air_grade"] as String?).flatMap(AirGrade.init(rawValue:))
        creditRisk = (row["credit_risk"] as String?).flatMap(CreditRisk.init(rawValue:))
        penalizedLastQuarter = row["penalized_last_quarter"]
        highRisk = row["high_risk"]
        supervisedRectification = row["supervised_rectification"]
        nonSiteCapable = row["non_site_capable"]
        departments = StoredList.split(row["departments"])
        labels = StoredList.split(row["labels"])
    }


    private var arguments: SQLArguments {
        [uscc, name, division, address, legalRepresentative, industry, status.rawValue, permit.rawValue,
         keyDischargeUnit, positiveList, airGrade?.rawValue, creditRisk?.rawValue, penalizedLastQuarter,
         highRisk, supervisedRectification, nonSiteCapable,
         departments.joined(separator: ";"), labels.joined(separator: ";")]
    }

    static var encodedInsertSQL: String? {
        """
        INSERT INTO enterprise (\(columnList), added_on, added_audit_id)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
        ON CONFLICT(uscc) DO NOTHING
        """
    }

    // NB: on SQLite, the hot path of a million-row import binds these straight into the prepared
    // statement (`RawStatement`): building `SQLArguments` cost more than SQLite's insert.
    func encodeInsert(into values: inout EncodedValues, stamp: ImportStamp) {
        values.append(uscc); values.append(name); values.append(division); values.append(address)
        values.append(legalRepresentative); values.append(industry); values.append(status.rawValue)
        values.append(permit.rawValue); values.append(keyDischargeUnit); values.append(positiveList)
        values.append(airGrade?.rawValue); values.append(creditRisk?.rawValue); values.append(penalizedLastQuarter)
        values.append(highRisk); values.append(supervisedRectification); values.append(nonSiteCapable)
        values.append(list: departments); values.append(list: labels)
        values.append(stamp.dateText); values.append(stamp.auditID)
    }

    func insertIfNew(_ db: any SQLConnection, stamp: ImportStamp) throws -> Int64? {
        let sql = Self.encodedInsertSQL!
        guard let sqlite = db as? SQLiteConnection else {
            return try db.insertReturningID(sql: sql, arguments: arguments + [stamp.dateText, stamp.auditID])
        }
        var values = EncodedValues()
        encodeInsert(into: &values, stamp: stamp)
        let statement = try sqlite.db.cachedStatement(sql: sql)
        defer { RawStatement.clearBindings(statement) }
        return try values.withPinnedBytes { try Self.insertEncoded(statement, values, 0 ..< values.count, pinned: $0, sqlite.db) }
    }

    func fetchStored(_ db: any SQLConnection) throws -> (id: Int64, record: Enterprise)? {
        try db.row(sql: "SELECT * FROM enterprise WHERE uscc = ?", arguments: [uscc])
            .map { ($0["id"], Enterprise(row: $0)) }
    }

    func update(_ db: any SQLConnection, id: Int64) throws {
        var args = arguments
        args += [id]
        try db.execute(sql: """
            UPDATE enterprise SET (\(Self.columnList)) = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) WHERE id = ?
            """, arguments: args)
    }
}

extension Inspector: DirectoryRecord {
    static var schema: TableSchema<Inspector> { .inspectors }
    static var isOwnedByDepartment: Bool { true }
    var owner: String { department }

    static let columnList = "certificate, name, department, post, division, gender, years, specialties, on_duty, kind"

    init(row: SQLRow) {
        self.init(certificate: row["certificate"], name: row["name"], department: row["department"])
        post = row["post"]
        division = row["division"]
        gender = row["gender"]
        years = row["years"]
        specialties = StoredList.split(row["specialties"])
        onDuty = row["on_duty"]
        kind = InspectorKind(rawValue: row["kind"]) ?? .officer
    }

    private var arguments: SQLArguments {
        [certificate, name, department, post, division, gender, years, specialties.joined(separator: ";"), onDuty, kind.rawValue]
    }

    func insertIfNew(_ db: any SQLConnection, stamp: ImportStamp) throws -> Int64? {
        try db.insertReturningID(sql: "INSERT INTO inspector (\(Self.columnList)) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(certificate) DO NOTHING", arguments: arguments)
    }

    func fetchStored(_ db: any SQLConnection) throws -> (id: Int64, record: Inspector)? {
        try db.row(sql: "SELECT * FROM inspector WHERE certificate = ?", arguments: [certificate])
            .map { ($0["id"], Inspector(row: $0)) }
    }

    func update(_ db: any SQLConnection, id: Int64) throws {
        var args = arguments
        args += [id]
        try db.execute(sql: "UPDATE inspector SET (\(Self.columnList)) = (?,?,?,?,?,?,?,?,?,?) WHERE id = ?", arguments: args)
    }
}

extension InspectionItem: DirectoryRecord {
    static var schema: TableSchema<InspectionItem> { .items }
    static var isOwnedByDepartment: Bool { true }
    var owner: String { department }

    static let columnList = "department, code, name, content, object, category, method, ratio_text, basis, specialty"

    init(row: SQLRow) {
        self.init(department: row["department"], code: row["code"], name: row["name"])
        content = row["content"]
        object = row["object"]
        category = ItemCategory(rawValue: row["category"]) ?? .general
        method = CheckMethod(rawValue: row["method"]) ?? .site
        ratioText = row["ratio_text"]
        basis = row["basis"]
        specialty = row["specialty"]
    }

    private var arguments: SQLArguments {
        [department, code, name, content, object, category.rawValue, method.rawValue, ratioText, basis, specialty]
    }

    func insertIfNew(_ db: any SQLConnection, stamp: ImportStamp) throws -> Int64? {
        try db.insertReturningID(sql: "INSERT INTO item (\(Self.columnList)) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(department, code) DO NOTHING", arguments: arguments)
    }

    func fetchStored(_ db: any SQLConnection) throws -> (id: Int64, record: InspectionItem)? {
        try db.row(sql: "SELECT * FROM item WHERE department = ? AND code = ?", arguments: [department, code])
            .map { ($0["id"], InspectionItem(row: $0)) }
    }

    func update(_ db: any SQLConnection, id: Int64) throws {
        var args = arguments
        args += [id]
        try db.execute(sql: "UPDATE item SET (\(Self.columnList)) = (?,?,?,?,?,?,?,?,?,?) WHERE id = ?", arguments: args)
    }
}
