import HTTPTypes
import Inspection

/// The Chinese words of the pages for the domain's states, actions and problems.
enum Labels {
    static func state(_ state: PlanState) -> String {
        switch state {
        case .draft: "草稿"
        case .collecting: "征集事项"
        case .frozen: "事项已锁定"
        case .drawn: "已抽取企业"
        case .dispatched: "已派发待确认"
        case .matched: "已匹配检查人员"
        case .checking: "检查中"
        case .recorded: "结果已录入"
        case .published: "已公示"
        case .closed: "已办结"
        }
    }

    static func nextStep(_ state: PlanState) -> String {
        switch state {
        case .draft: "牵头部门开放计划，由各部门提交检查事项"
        case .collecting: "各部门提交事项后，牵头部门锁定事项"
        case .frozen: "牵头部门抽取检查对象"
        case .drawn: "牵头部门派发抽中企业"
        case .dispatched: "各部门在 2 个工作日内确认派发企业（\(Citation.luancheng2026)四(一)），然后牵头部门匹配检查人员"
        case .matched, .checking: "各部门录入检查结果"
        case .recorded: "牵头部门公示检查结果"
        case .published: "各部门录入发现问题的后续处置，然后牵头部门办结计划"
        case .closed: "无：计划已办结"
        }
    }

    static func action(_ action: String) -> String {
        [
            "open it for items": "开放征集事项", "add items": "添加事项", "remove items": "移除事项", "freeze its items": "锁定事项",
            "draw": "抽取企业", "dispatch": "派发企业", "confirm dispatched enterprises": "确认派发企业", "match teams": "匹配检查人员",
            "replace an inspector": "替换检查人员", "add an assistant": "增加协助人员", "record results": "录入检查结果",
            "record a follow-up": "录入后续处置", "publish": "公示结果", "close": "办结计划",
        ][action] ?? action
    }

    /// The store's free-text refusals, in Chinese where the wording is known.
    static func invalid(_ text: String) -> String {
        func after(_ prefix: String) -> String? { text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil }
        if text.hasPrefix("plan "), text.hasSuffix(" exists already") { return "计划编号已存在：\(text)。" }
        if let rest = after("waiting for confirmation by ") { return "还在等待部门确认派发企业：\(rest)。" }
        if text.hasPrefix("a rejection of ") { return "退回企业必须说明原因。" }
        if text.hasPrefix("a replacement needs") { return "替换检查人员必须写明原因和批准的负责人。" }
        if text.hasPrefix("nothing of plan ") { return "本计划没有派发给本部门的企业。" }
        if text.hasPrefix("no inspector ") { return "执法人员名录库中没有此人：\(text)。" }
        if text.contains("nothing to follow up") { return "本部门在该企业未发现问题，无需后续处置。" }
        if text.hasPrefix("an account named ") { return "账号已存在：\(text)。" }
        if text.hasPrefix("an inspector account needs") { return "执法检查人员账号须填写本部门名录库中的执法证号。" }
        return text
    }

    /// The Chinese name of a field named in `PlanError.tooLong` / `.dateOutOfRange`.
    static func field(_ field: String) -> String {
        [
            "plan number": "计划编号", "task number": "任务编号", "plan name": "计划名称", "task name": "任务名称",
            "jurisdiction": "辖区", "scope": "抽查范围", "plan window": "计划起止日期", "plan end": "结束日期",
            "description": "问题描述", "check date": "检查日期", "follow-up date": "处置日期", "note": "备注",
            "reason": "原因", "approving leader": "批准的负责人", "label": "适用对象", "public entropy": "公开随机数",
            "cause": "检查原因", "account name": "账号名",
        ][field] ?? field
    }

    static func problem(_ p: FieldProblem) -> String {
        "第 \(p.row) 行，「\(p.column)」列：值「\(p.value)」：\(p.reason)"
    }

    static func httpStatus(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "请求格式不对。"
        case 401: "请先登录。"
        case 403: "您的账号无权访问此页面或执行此操作。"
        case 404: "页面不存在。"
        case 405: "不支持此请求方式。"
        case 413: "上传的文件太大。"
        case 429: "请求过于频繁，请稍后再试。"
        default: "无法完成请求（\(status.code)）。"
        }
    }

    static func role(_ role: Role) -> String {
        switch role {
        case .coordinator: "牵头协调员"
        case .clerk: "部门管理员"
        case .inspector: "执法检查人员"
        case .auditor: "审计（只读）"
        case .leader: "负责人"
        }
    }

    static func deadlineKind(_ kind: Deadline.Kind) -> String { kind.rawValue }
}
