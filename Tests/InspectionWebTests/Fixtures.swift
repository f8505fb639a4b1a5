import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inspection
import InspectionStore
import InspectionWeb
import NIOCore
import Testing

// A small district with one joint plan, built through the store's own write methods, at any stage
// of the plan; the accounts of the four roles; and a client that keeps a session like a browser.

func day(_ text: String) -> LocalDate { LocalDate(text)! }
func at(_ date: String) -> Actor { Actor(name: "测试", timestamp: "\(date)T09:00:00+08:00", today: day(date)) }

/// A valid USCC for `n`.
func code(_ n: Int) -> String {
    let body = "91130111" + String(String(n).reversed()).padding(toLength: 9, withPad: "0", startingAt: 0)
    return body + String(USCC.checkCharacter(for: body)!)
}

func rows(_ cells: [[String]]) -> RowSource {
    var i = cells.makeIterator()
    var n = 1
    return { guard let c = i.next() else { return nil }; n += 1; return (n, c) }
}

let password = "password1"
let planNumber = "栾联2026006"
let testSeed = VerifiableDraw.seed(fromPublicEntropy: "web test")

let testPlan = JointPlan(
    number: planNumber, name: "第六次联合抽查", taskNumber: "栾联006", taskName: "应急管理领域一业一查", drawType: .undirected,
    jurisdiction: "石家庄市栾城区", year: 2026, ordinal: 6, scope: PlanScope(description: "应急管理领域企业", departments: ["YJ"]),
    ratios: CreditRatios(a: try! Ratio("10%"), b: try! Ratio("10%"), c: try! Ratio("20%"), d: try! Ratio("20%")),
    overallMinimum: try! Ratio("3%"), lead: "YJ", partners: ["HB"], start: day("2026-06-15"), end: day("2026-06-30"), maxPerInspector: 3)

/// Where the plan is when a test starts.
enum Stage: Int, Comparable {
    case none, draft, collecting, frozen, drawn, dispatched, confirmed, matched, recorded, published, closed
    static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
}

/// Who makes a request.
enum Who: String, CaseIterable, CustomStringConvertible, Sendable {
    case anonymous, coordinator, clerk, inspector, auditor, leader
    var description: String { rawValue }
    /// The account name (the clerk is of HB, a partner; the coordinator and auditor of YJ, the lead).
    var account: String? {
        switch self {
        case .anonymous: nil
        case .coordinator: "coord"
        case .clerk: "hbclerk"
        case .inspector: "hbinspector"
        case .auditor: "auditor"
        case .leader: "hbleader"
        }
    }
}

/// Chance for visit codes, distinct per `n`.
func visitChance(_ n: UInt8) -> [UInt8] { (0..<UInt8(VisitRules.codeRandomBytes)).map { $0 &* 13 &+ n &* 41 } }

/// A database with the district, the plan at `stage`, and the accounts.
struct World: Sendable {
    let db: AppDatabase
    /// An enterprise checked by both YJ and HB (the inspector is on its HB team).
    var shared: String = ""
    /// The inspector account's certificate.
    var inspectorCertificate = "H1"
    var drawID: String?
    var teamDrawID: String?
    /// From `.matched` on: a joint plan visit of the shared enterprise (lead HB, approved, the
    /// inspector on it), a complaint visit waiting for approval, and one the inspector checked in.
    var approvedVisit: Visit?
    var pendingVisit: String?
    var checkedInVisit: String?

    init(_ stage: Stage, database: AppDatabase? = nil) throws {
        db = try database ?? AppDatabase.inMemory()
        let a = at("2026-05-08")
        _ = try db.importDepartments(TableSchema.departments.bind(header: ["部门编码", "部门名称", "简称"]), rows: rows([
            ["YJ", "石家庄市栾城区应急管理局", "应急"], ["HB", "石家庄市生态环境局栾城分局", "生态环境"], ["SC", "石家庄市栾城区市场监督管理局", "市场监管"],
        ]), options: ImportOptions(source: "d"), actor: a)
        _ = try db.importEnterprises(TableSchema.enterprises.bind(header: ["uscc", "name", "division", "credit_risk", "departments", "labels", "address", "legal_representative"]),
                                     rows: rows((0..<40).map { n in
            [code(n), "企业<\(n)>&", "130111", ["A", "B", "C", "D"][n % 4], n % 4 == 0 ? "YJ;HB" : "YJ", n % 4 == 0 ? "行业=危化" : "行业=工贸", "栾城镇\(n)号", "法人\(n)"]
        }), options: ImportOptions(source: "e"), actor: a)
        _ = try db.importInspectors(TableSchema.inspectors.bind(header: ["certificate", "name", "department", "specialties", "kind"]), rows: rows(
            (1...8).map { ["Y\($0)", "应急\($0)", "YJ", $0 % 2 == 0 ? "危险化学品" : "工贸安全", "执法人员"] }
            + (1...4).map { ["H\($0)", "环保\($0)", "HB", "危险废物", "执法人员"] }
            + [["ZJ1", "环保专家", "HB", "", "辅助人员"], ["YZ1", "安全专家", "YJ", "", "辅助人员"], ["S1", "市场1", "SC", "", "执法人员"]]
        ), options: ImportOptions(source: "i"), actor: a)
        _ = try db.importItems(TableSchema.items.bind(header: ["department", "code", "name", "content", "specialty"]), rows: rows([
            ["YJ", "YJ-001", "对工贸行业企业的安全检查", "安全生产责任制", ""],
            ["YJ", "YJ-002", "对危险化学品及相关企业的安全检查", "重大危险源", "危险化学品"],
            ["HB", "HB-005", "对危险废物日常管理情况的检查", "危废台账", "危险废物"],
            ["HB", "HB-006", "对涉重金属企业的检查", "", ""],
            ["SC", "SC-001", "食品生产者生产活动的检查", "", ""],
        ]), options: ImportOptions(source: "t"), actor: a)
        try db.importCalendar([CalendarEntry(date: day("2026-06-19"), kind: .holiday, name: "端午节")], source: "c", actor: a)

        let n = planNumber
        if stage >= .draft { try db.createPlan(testPlan, actor: at("2026-06-01")) }
        if stage >= .collecting {
            try db.openPlanForItems(n, actor: at("2026-06-01"))
            try db.addPlanItems(n, department: "YJ", codes: ["YJ-001"], actor: at("2026-06-02"))
            try db.addPlanItems(n, department: "HB", codes: ["HB-005"], labels: ["行业=危化"], actor: at("2026-06-02"))
        }
        if stage >= .frozen { try db.freezePlan(n, actor: at("2026-06-03")) }
        if stage >= .drawn {
            drawID = try db.drawPlan(n, seed: testSeed, publicEntropy: "web test", sealed: false, actor: at("2026-06-17")).id
        }
        if stage >= .dispatched { _ = try db.dispatchPlan(n, calendar: try db.workCalendar(), actor: at("2026-06-18")) }
        if stage >= .confirmed {
            for c in try db.confirmations(n) { try db.confirmDispatch(n, department: c.department, rejections: [:], actor: at("2026-06-22")) }
        }
        if stage >= .matched {
            teamDrawID = try db.matchTeams(n, seed: testSeed, actor: at("2026-06-22")).id
            let hb = try #require(try db.planTeams(n).first { $0.department == "HB" })
            shared = hb.uscc
            inspectorCertificate = hb.inspectors[0]
        } else if stage >= .dispatched {
            shared = try #require(try db.assignments(n).first { $0.department == "HB" }).uscc
        }
        if stage >= .recorded {
            for (uscc, department) in try db.assignments(n) {
                let e = try #require(try db.enterprise(uscc: uscc))
                let items = testPlan.items(of: department, at: e, in: try db.planItems(n))
                let problem = uscc == shared
                _ = try db.recordResults(n, department: department, uscc: uscc, results: items.map {
                    ItemResult(uscc: uscc, department: department, itemCode: $0.item.code, outcome: problem ? .problem : .noProblem,
                               description: problem ? "台账记录不完整" : "", confidential: false)
                }, visit: VisitRecord(uscc: uscc, department: department, checkedOn: day("2026-06-22")), actor: at("2026-06-22"))
            }
        }
        if stage >= .published {
            for department in ["YJ", "HB"] {
                try db.recordFollowUp(n, FollowUp(uscc: shared, department: department, action: .orderedRectification, date: day("2026-06-26")),
                                      actor: at("2026-06-26"))
            }
            _ = try db.publishPlan(n, actor: at("2026-07-01"))
        }
        if stage >= .closed { try db.closePlan(n, actor: at("2026-07-02")) }

        let hash = Passwords.hash(password, cost: 4)
        try db.addAccount(Account(name: "coord", department: "YJ", role: .coordinator), passwordHash: hash, actor: a)
        try db.addAccount(Account(name: "hbclerk", department: "HB", role: .clerk), passwordHash: hash, actor: a)
        try db.addAccount(Account(name: "scclerk", department: "SC", role: .clerk), passwordHash: hash, actor: a)
        try db.addAccount(Account(name: "hbinspector", department: "HB", role: .inspector, certificate: inspectorCertificate), passwordHash: hash, actor: a)
        try db.addAccount(Account(name: "auditor", department: "YJ", role: .auditor), passwordHash: hash, actor: a)
        try db.addAccount(Account(name: "hbleader", department: "HB", role: .leader), passwordHash: hash, actor: a)
        if stage >= .matched {
            let v = at("2026-06-22")
            let team = try db.planTeams(n).filter { $0.uscc == shared }
            let joint = VisitFiling(source: .plan(n), uscc: shared, departments: ["HB", "YJ"],
                                    inspectors: team.first { $0.department == "HB" }!.inspectors + team.first { $0.department == "YJ" }!.inspectors,
                                    items: try db.dispatchedItems(plan: n, uscc: shared).flatMap { d in d.codes.map { VisitItem(department: d.department, code: $0) } },
                                    start: day("2026-06-23"), end: day("2026-06-24"))
            let filed = try db.fileVisit(joint, yearlyCap: nil, random: visitChance(1), actor: v).visit
            approvedVisit = try db.approveVisit(filed.id, leader: "hbleader", random: visitChance(2), actor: v)
            let other = try #require(try db.enterprises().first { $0.uscc != shared && $0.departments.contains("HB") }).uscc
            let helper = try #require(try db.inspectors().first { $0.department == "HB" && $0.kind == .officer && $0.certificate != inspectorCertificate })
            func complaint(_ note: String) -> VisitFiling {
                VisitFiling(source: .cause(.complaint, note), uscc: other, departments: ["HB"], inspectors: [inspectorCertificate, helper.certificate],
                            items: [VisitItem(department: "HB", code: "HB-005")], start: day("2026-06-23"), end: day("2026-06-23"))
            }
            pendingVisit = try db.fileVisit(complaint("12345 热线 001"), yearlyCap: nil, random: visitChance(3), actor: v).visit.id
            let third = try db.fileVisit(complaint("12345 热线 002"), yearlyCap: nil, random: visitChance(4), actor: v).visit.id
            _ = try db.approveVisit(third, leader: "hbleader", random: visitChance(5), actor: v)
            _ = try db.checkIn(third, certificate: inspectorCertificate, actor: v)
            checkedInVisit = third
        }
    }

    func environment(clock: WebClock = .fixed("2026-06-23")) -> WebEnvironment {
        WebEnvironment(database: db, clock: clock, randomSeed: { testSeed }, passwordCost: 4)
    }

    /// Runs `body` against the whole application (router test framework: no sockets).
    func test<T: Sendable>(clock: WebClock = .fixed("2026-06-23"), _ body: @Sendable (Browser) async throws -> T) async throws -> T {
        let app = try buildApplication(environment(clock: clock))
        return try await app.test(.router) { client in try await body(Browser(client: client)) }
    }
}

/// A client that keeps cookies and the session's CSRF token, as a browser does.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf = ""

    init(client: any TestClientProtocol) { self.client = client }

    private func remember(_ response: TestResponse) {
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if value.contains("Max-Age=0") || value.lowercased().contains("expires=thu, 01 jan 1970") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
    }

    private var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")]
    }

    @discardableResult
    func get(_ path: String) async throws -> TestResponse {
        let response = try await client.execute(uri: path, method: .get, headers: cookieHeader)
        remember(response)
        return response
    }

    /// A form POST with the session's CSRF token (unless `csrf` says otherwise).
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf: String? = nil) async throws -> TestResponse {
        let all = [("_csrf", csrf ?? self.csrf)] + fields
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// A JSON POST with the token in the `X-CSRF-Token` header.
    @discardableResult
    func postJSON(_ path: String, _ json: String) async throws -> TestResponse {
        var headers = cookieHeader
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("X-CSRF-Token")!] = csrf
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: json))
        remember(response)
        return response
    }

    /// A multipart upload (the import form).
    @discardableResult
    func upload(_ path: String, fields: [(String, String)], file: (name: String, filename: String, data: Data)) async throws -> TestResponse {
        let boundary = "----liancha-test-boundary"
        var body = Data()
        for (name, value) in [("_csrf", csrf)] + fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/csv\r\n\r\n".utf8))
        body.append(file.data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = cookieHeader
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        remember(response)
        return response
    }

    /// Signs in through the login form (with its double-submit token) and keeps the session's token.
    @discardableResult
    func login(_ name: String, password: String = password) async throws -> TestResponse {
        let page = try await get("/login")
        let token = try #require(cookies["liancha_login_csrf"])
        #expect(page.status == .ok)
        let response = try await post("/login", [("name", name), ("password", password)], csrf: token)
        if response.status == .seeOther { try await refreshToken() }
        return response
    }

    func login(_ who: Who) async throws {
        guard let name = who.account else { return }
        let response = try await login(name)
        #expect(response.status == .seeOther, "login of \(name)")
    }

    /// Reads the session's CSRF token from the account page, as a form would carry it.
    func refreshToken() async throws {
        let page = try await get("/account")
        let html = String(buffer: page.body)
        if let range = html.range(of: #"name="_csrf" value=""#) {
            csrf = String(html[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? text
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:] }
}

/// A path segment as links carry it.
func p(_ text: String) -> String { Browser.encode(text) }
