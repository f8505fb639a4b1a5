#!/usr/bin/env python3
"""Generate a synthetic inspection-object directory (检查对象名录库) as CSV.

Usage:
    scripts/gen-directory.py --count N [--seed S] [--division 130111] [--output FILE]

The output has exactly the header of fixtures/luancheng/enterprises.csv, N data rows, valid and
unique unified social credit codes (GB 32100-2015), and is byte-for-byte deterministic for a given
(count, seed, division). Supervising departments are drawn from {YJ, SL, HB, SC}. Standard library
only; one million rows take a few seconds.

How uniqueness is kept without a big set: row i gets the 6-character block
    perm(i) = (a * i + b) mod 31**6          (a prime to 31, a and b from the seed)
written in the USCC charset; it is the tail of the 9-character organisation code, so organisation
codes (and hence USCCs) of different rows differ. Company names use a similar bijection onto
trade-name roots of 2 characters (up to 2 750 rows), 3 (up to 151 250) or 4 (up to 7 562 500)
and so on, so names are unique too.
"""

import argparse
import csv
import io
import random
import sys

# --------------------------------------------------------------------------------------------
# USCC (GB 32100-2015) and organisation code (GB 11714-1997)

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
assert USCC_WEIGHTS == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def uscc_check_char(body17):
    """The 18th character of a USCC whose first 17 characters are body17."""
    total = 0
    for ch, w in zip(body17, USCC_WEIGHTS):
        total += USCC_VALUE[ch] * w
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc(body17):
    """Complete a 17-character USCC body with its check character."""
    if len(body17) != 17 or any(c not in USCC_VALUE for c in body17):
        raise ValueError("bad USCC body: %r" % (body17,))
    return body17 + uscc_check_char(body17)


def uscc_is_valid(code):
    return (
        isinstance(code, str)
        and len(code) == 18
        and all(c in USCC_VALUE for c in code)
        and uscc_check_char(code[:17]) == code[17]
    )


def org_code(body8):
    """Complete an 8-character organisation-code body with its GB 11714 check character."""
    total = 0
    for ch, w in zip(body8, ORG_WEIGHTS):
        v = int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10
        total += v * w
    c = 11 - total % 11
    return body8 + ("X" if c == 10 else "0" if c == 11 else str(c))


for _ok in ("91130111066UK5484K", "911301110JX5R7R96D", "91350100M000100Y43"):
    assert uscc(_ok[:17]) == _ok, _ok
    assert org_code(_ok[8:16]) == _ok[8:17], _ok

# --------------------------------------------------------------------------------------------
# Shared vocabulary

HEADER = [
    "统一社会信用代码", "单位名称", "行政区划代码", "地址", "法定代表人", "行业代码", "经营状态",
    "排污许可管理类别", "重点排污单位", "正面清单", "绩效评级", "信用风险等级", "上季度受处罚",
    "高环境风险", "挂牌督办", "具备非现场检查条件", "监管部门", "标签",
]

DIVISIONS = {
    # code: (address prefix, short district name, towns)
    "130111": ("石家庄市栾城区", "栾城区",
               ["栾城镇", "冶河镇", "窦妪镇", "楼底镇", "南高乡", "柳林屯乡", "西营乡"]),
    "130110": ("石家庄市鹿泉区", "鹿泉区", ["铜冶镇", "寺家庄镇", "上庄镇", "李村镇", "宜安镇"]),
    "130182": ("石家庄市藁城区", "藁城区", ["廉州镇", "兴安镇", "南营镇", "梅花镇", "岗上镇"]),
    "130104": ("石家庄市桥西区", "桥西区", ["振头街道", "友谊街道", "汇通街道", "红旗街道"]),
}
GENERIC_TOWNS = ["城关镇", "东城镇", "西城镇", "南关乡", "北关乡"]

VILLAGE_A = "东西南北前后大小上下中新"
VILLAGE_B = ["王", "李", "张", "刘", "赵", "高", "孙", "马", "郭", "杨", "周", "胡", "吕", "范", "冯", "任"]
VILLAGE_C = ["庄", "营", "屯", "寨", "家庄", "里", "堡", "店", "铺", "村"]
ROADS = ["宋城路", "栾武路", "兴业路", "裕翔街", "永安大街", "友谊大街", "工业路", "园区路",
         "建设路", "新华路", "东环路", "西环路", "南环路", "北环路", "富强路", "广安路"]

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈曾彭吕苏卢蒋蔡"
            "贾丁魏薛叶阎余潘杜戴夏田任姜范方石姚谭邹金陆郝孔白崔康毛邱秦史顾侯邵孟段雷钱尹常武乔贺"
            "翟齐耿甄解牛申")
GIVEN_SINGLE = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚辉鹏飞亮斌彬林颖晨浩宇博婷峰凯帅坤"
GIVEN_DOUBLE = """建国 建华 建军 建民 建平 志强 志刚 志勇 志华 国强 国华 国庆 国栋 海燕 海涛 海波 海军 红梅
    红霞 红英 玉兰 玉梅 玉芬 春梅 春华 秀英 秀兰 秀芳 桂英 桂兰 丽娟 丽华 丽萍 晓东 晓明 晓燕 晓丽
    晓峰 文博 文华 文杰 文静 振华 振国 庆华 立新 立军 学军 学文 永刚 永强 永红 宏伟 宏亮 卫东 卫国
    彦军 彦辉 俊杰 俊峰 子涵 子豪 雅琪 雅静 梦瑶 思雨 欣怡 一鸣 家豪 浩然 宇航 佳琪 新宇 新民 金山
    金凤 福生 德胜 德明 保国 树林 瑞峰 瑞芳 翠英 淑芳 淑珍 美玲 志远 明辉 金龙 少华 占军 胜利 向东
    向阳 雪梅 亚楠 亚军 静怡 晨阳 博文 嘉欣 梓涵 雨萱 浩宇 子轩""".split()

# Trade-name root characters (each string free of repeats; none of 石, 河, 栾, 市 so that names
# built as prefix + root + suffix cannot collide across prefixes).
ROOT_A = "华恒金瑞鑫宏永兴天顺通立建德正新盛嘉润聚汇泰广益昌丰博诚安佳欣信开凯荣茂源腾旭东冀锦晟誉众合隆祥达利康明辰宁远"
ROOT_B = "信泰鼎丰源达盛隆宇顺通利兴昌华发茂祥瑞和康宁远星辉阳光明新业鑫润晟凯越鹏威德成诚恒安邦帆航图翔晨峰川"
assert len(set(ROOT_A)) == len(ROOT_A) and len(set(ROOT_B)) == len(ROOT_B)
assert not set("石河栾市") & (set(ROOT_A) | set(ROOT_B))

# Industry profiles: (weight, GB/T 4754-2017 code, 行业 label, name suffixes, industrial?,
#   permit weights (重点, 简化, 登记, 无), department probabilities, high-risk probability)
PROFILES = [
    (6, "2614", "危化", ["化工有限公司", "化工科技有限公司"], True, (30, 45, 25, 0),
     {"YJ": 1.0, "HB": 0.95, "SC": 0.35, "SL": 0.2}, 0.30),
    (4, "2662", "危化", ["化学品有限公司", "精细化工有限公司"], True, (20, 45, 35, 0),
     {"YJ": 1.0, "HB": 0.9, "SC": 0.35, "SL": 0.15}, 0.25),
    (2, "2641", "危化", ["涂料有限公司"], True, (20, 50, 30, 0),
     {"YJ": 1.0, "HB": 0.9, "SC": 0.4}, 0.15),
    (3, "5169", "危化", ["化工贸易有限公司", "商贸有限公司"], False, (0, 0, 10, 90),
     {"YJ": 1.0, "SC": 0.7, "HB": 0.1}, 0.05),
    (4, "5265", "危化", ["加油站"], False, (0, 5, 75, 20),
     {"YJ": 1.0, "HB": 0.8, "SC": 0.8}, 0.05),
    (3, "2710", "危化", ["制药有限公司", "药业有限公司"], True, (45, 40, 15, 0),
     {"YJ": 0.8, "HB": 1.0, "SC": 0.8, "SL": 0.3}, 0.25),
    (8, "3391", "工贸", ["铸造有限公司", "机械铸造有限公司"], True, (15, 45, 40, 0),
     {"YJ": 0.95, "HB": 0.9, "SC": 0.35, "SL": 0.1}, 0.05),
    (4, "3130", "工贸", ["型钢有限公司", "金属制品有限公司"], True, (15, 40, 45, 0),
     {"YJ": 0.95, "HB": 0.9, "SC": 0.35}, 0.05),
    (7, "3484", "工贸", ["机械制造有限公司", "机械配件有限公司"], True, (0, 15, 85, 0),
     {"YJ": 0.85, "HB": 0.6, "SC": 0.5}, 0.01),
    (6, "2110", "工贸", ["家具有限公司"], True, (0, 35, 65, 0),
     {"YJ": 0.85, "HB": 0.8, "SC": 0.6}, 0.02),
    (4, "2319", "工贸", ["印刷有限公司", "彩印有限公司"], True, (0, 50, 50, 0),
     {"YJ": 0.7, "HB": 0.85, "SC": 0.5}, 0.02),
    (4, "3031", "工贸", ["砖厂", "新型建材有限公司"], True, (0, 60, 40, 0),
     {"YJ": 0.9, "HB": 0.9, "SC": 0.2}, 0.02),
    (3, "2221", "工贸", ["纸业有限公司"], True, (45, 40, 15, 0),
     {"YJ": 0.9, "HB": 1.0, "SL": 0.85, "SC": 0.3}, 0.08),
    (3, "3360", "涉重金属", ["表面处理有限公司", "电镀有限公司"], True, (55, 35, 10, 0),
     {"YJ": 0.8, "HB": 1.0, "SL": 0.2, "SC": 0.3}, 0.35),
    (3, "1011", "矿山", ["石料厂", "矿业有限公司"], True, (0, 30, 70, 0),
     {"YJ": 1.0, "HB": 0.8, "SL": 0.6}, 0.10),
    (3, "1019", "矿山", ["砂石料有限公司", "矿业有限公司"], True, (0, 30, 70, 0),
     {"YJ": 1.0, "HB": 0.8, "SL": 0.7}, 0.10),
    (2, "4620", "污水处理", ["污水处理有限公司", "水务有限公司"], True, (80, 20, 0, 0),
     {"SL": 1.0, "HB": 1.0, "YJ": 0.5}, 0.15),
    (2, "4610", "涉水", ["供水有限公司", "水厂"], False, (0, 0, 30, 70),
     {"SL": 1.0, "SC": 0.4, "YJ": 0.3, "HB": 0.2}, 0.02),
    (2, "7724", "危废", ["环保科技有限公司"], True, (65, 35, 0, 0),
     {"HB": 1.0, "YJ": 0.6, "SC": 0.2}, 0.45),
    (2, "8111", "涉ODS", ["汽车维修有限公司", "汽车修理厂"], False, (0, 5, 70, 25),
     {"HB": 0.9, "SC": 0.8}, 0.01),
    (4, "5261", "机动车销售", ["汽车销售服务有限公司", "汽车贸易有限公司"], False, (0, 0, 10, 90),
     {"HB": 1.0, "SC": 1.0}, 0.0),
    (6, "1399", "食品", ["食品有限公司", "农副产品有限公司"], True, (0, 15, 75, 10),
     {"SC": 1.0, "HB": 0.6, "YJ": 0.3, "SL": 0.2}, 0.01),
    (3, "5212", "食品", ["超市", "购物广场"], False, (0, 0, 0, 100), {"SC": 1.0}, 0.0),
    (3, "6210", "食品", ["饭店", "餐饮有限公司"], False, (0, 0, 20, 80), {"SC": 1.0}, 0.0),
    (2, "7010", "涉水", ["房地产开发有限公司"], False, (0, 0, 0, 100), {"SL": 0.9, "SC": 0.5}, 0.0),
]
PROFILE_WEIGHTS = [p[0] for p in PROFILES]

PERMITS = ["重点管理", "简化管理", "登记管理", "无"]
STATUSES, STATUS_W = ["在营", "停产", "注销"], [92, 5, 3]
CREDITS, CREDIT_W = ["A", "B", "C", "D"], [20, 50, 22, 8]
GRADES, GRADE_W = ["A", "引领性", "B", "C", "D"], [8, 7, 30, 35, 20]
DEPT_ORDER = ["YJ", "SL", "HB", "SC"]


def perm_params(rng, modulus, factor_of_modulus):
    """An affine bijection x -> (a*x + b) mod modulus; a is prime to modulus."""
    while True:
        a = rng.randrange(1, modulus)
        if a % factor_of_modulus:
            return a, rng.randrange(modulus)


def base31(n, width):
    out = []
    for _ in range(width):
        n, r = divmod(n, 31)
        out.append(USCC_CHARSET[r])
    return "".join(reversed(out))


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Write a synthetic enterprise directory CSV (same header as "
                    "fixtures/luancheng/enterprises.csv) with valid, unique USCCs.")
    ap.add_argument("--count", type=int, required=True, help="number of enterprise rows")
    ap.add_argument("--seed", type=int, default=1, help="PRNG seed (default 1)")
    ap.add_argument("--division", default="130111",
                    help="6-digit GB/T 2260 division code (default 130111, 栾城区)")
    ap.add_argument("--output", help="output file (default: standard output)")
    args = ap.parse_args(argv)

    if args.count < 0:
        ap.error("--count must be >= 0")
    if args.count > 31 ** 6:
        ap.error("--count must be <= %d" % 31 ** 6)
    if len(args.division) != 6 or not args.division.isdigit():
        ap.error("--division must be 6 digits")

    out = (open(args.output, "w", encoding="utf-8", newline="", buffering=1 << 20)
           if args.output else io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="",
                                                write_through=False))
    try:
        generate(out, args.count, args.seed, args.division)
    finally:
        out.flush()
        if args.output:
            out.close()
        else:
            out.detach()


def generate(out, count, seed, division):
    rng = random.Random(seed)
    rand = rng.random
    randrange = rng.randrange
    choice = rng.choice
    choices = rng.choices

    addr_prefix, district, towns = DIVISIONS.get(division, ("", "", GENERIC_TOWNS))
    name_prefixes = ["石家庄", "河北", "石家庄市" + district] if district else ["石家庄", "河北"]

    # Bijections for organisation codes and trade-name roots.
    code_a, code_b = perm_params(rng, 31 ** 6, 31)
    # Root length: the fewest characters (alternating ROOT_A, ROOT_B) whose combinations cover count.
    radices = []
    root_mod = 1
    while root_mod < max(count, 1) or len(radices) < 2:
        radices.append(ROOT_A if len(radices) % 2 == 0 else ROOT_B)
        root_mod *= len(radices[-1])
    while True:  # a must be prime to root_mod for the map to be a bijection
        root_a = randrange(1, root_mod)
        if _gcd(root_a, root_mod) == 1:
            break
    root_b = randrange(root_mod)

    # Per-profile precomputation.
    prof_idx = choices(range(len(PROFILES)), weights=PROFILE_WEIGHTS, k=count)
    prof_dept = [[(d, p[6][d]) for d in DEPT_ORDER if d in p[6]] for p in PROFILES]

    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    rows = []
    for i in range(count):
        p = PROFILES[prof_idx[i]]
        _, code, label, suffixes, industrial, permit_w, _, risk_p = p

        # USCC: organisation code = 2-char prefix + unique 6-char block + GB 11714 check.
        block = base31((code_a * i + code_b) % (31 ** 6), 6)
        suffix = choice(suffixes)
        r = rand()
        company = "公司" in suffix
        individual = not industrial and not company and r < 0.6  # 个体工商户: shops, restaurants
        if r < 0.65 or individual:
            prefix2 = "MA"
        else:
            prefix2 = "0" + str(int(r * 100) % 10)
        org = org_code(prefix2 + block)
        reg = "92" if individual else "91"
        code18 = uscc(reg + division + org)

        # Name: prefix + unique root + suffix.
        x = (root_a * i + root_b) % root_mod
        root = ""
        for chars in radices:
            x, k = divmod(x, len(chars))
            root += chars[k]
        if not company:  # 栾城区XX超市, 栾城区XX砖厂
            name = (district or "") + root + suffix
        else:
            name = name_prefixes[randrange(len(name_prefixes))] + root + suffix

        town = towns[randrange(len(towns))]
        if rand() < 0.5:
            address = "%s%s%s%s%s村" % (addr_prefix, town, choice(VILLAGE_A), choice(VILLAGE_B),
                                       choice(VILLAGE_C))
        else:
            address = "%s%s%s%d号" % (addr_prefix, town, choice(ROADS), randrange(1, 400))
        person = choice(SURNAMES) + (choice(GIVEN_DOUBLE) if rand() < 0.7 else choice(GIVEN_SINGLE))

        status = choices(STATUSES, STATUS_W)[0]
        permit = choices(PERMITS, permit_w)[0]
        key_unit = "是" if (permit == "重点管理" and rand() < 0.75) or \
                           (permit == "简化管理" and rand() < 0.05) else "否"
        credit = choices(CREDITS, CREDIT_W)[0]
        penalised = rand() < (0.16 if credit in ("C", "D") else 0.025)
        supervised = rand() < 0.02
        high_risk = rand() < risk_p
        positive = (not penalised and not supervised and credit != "D" and permit != "无"
                    and rand() < 0.18)
        grade = choices(GRADES, GRADE_W)[0] if industrial and rand() < 0.6 else ""
        nonsite = rand() < (0.8 if positive else 0.55 if permit == "重点管理" else 0.25)

        depts = [d for d, prob in prof_dept[prof_idx[i]] if rand() < prob]
        if not depts:
            depts = [prof_dept[prof_idx[i]][0][0]]
        scale = "规上" if industrial and rand() < 0.35 else "规下"

        rows.append((
            code18, name, division, address, person, code, status, permit, key_unit,
            "是" if positive else "否", grade, credit, "是" if penalised else "否",
            "是" if high_risk else "否", "是" if supervised else "否", "是" if nonsite else "否",
            ";".join(depts), "乡镇=%s;行业=%s;规模=%s" % (town, label, scale),
        ))
        if len(rows) >= 20000:
            w.writerows(rows)
            rows.clear()
    w.writerows(rows)


def _gcd(a, b):
    while b:
        a, b = b, a % b
    return a


if __name__ == "__main__":
    main()
