/// How a bureau knows the documents whose rules liancha follows: issuing body, the document's own
/// title (《》) and number or date. Every text a user reads cites them so, with the section, e.g.
/// `Citation.qinhuangdao2024 + "二(二)"`; where liancha interprets, the text says 本系统 did, and why.
public enum Citation {
    /// 藁城区 2026 (three supervision classes, quarterly ratios, non-site checks).
    public static let gaocheng2026 = "石家庄市生态环境局藁城区分局《2026年“双随机、一公开”监管工作实施方案》（2026年4月23日印发）"
    /// 秦皇岛市 2024 (city/county ratios, joint-check indicators, annual plan tables 附件1、附件2).
    public static let qinhuangdao2024 = "秦皇岛市生态环境局《2024年“双随机、一公开”监管工作实施方案》（〔2024〕-23）"
    /// 建安区 2026 (yearly cap, publication within 20 working days, fixed wording).
    public static let xuchang2026 = "许昌市生态环境局建安分局《2026年污染源日常环境监管双随机抽查工作实施方案》"
    /// 枣庄市 2024 (four classes, exclusions, publication 100 %).
    public static let zaozhuang2024 = "枣庄市生态环境局《枣庄市生态环境“双随机、一公开”监管工作实施方案》（枣环函字〔2024〕20号）"
    /// 栾城区 2026, the sixth cross-department joint inspection (the joint workflow and its statistics table).
    public static let luancheng2026 = "石家庄市栾城区应急管理局《2026年度石家庄市栾城区第六次跨部门“双随机、一公开”联合抽查实施方案》（2026年5月13日）"
}
