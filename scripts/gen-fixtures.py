#!/usr/bin/env python3
"""Regenerate the Luancheng sample fixtures under fixtures/ and check them.

    scripts/gen-fixtures.py            # write every fixture, then run the checks
    scripts/gen-fixtures.py --check    # only check the files already in fixtures/

Writes (UTF-8 without BOM, comma-separated, RFC 4180 quoting, LF line ends, header row first):
    fixtures/departments.csv
    fixtures/calendar/cn-calendar-2024-2026.csv   (byte-exact copy of the shared reference file)
    fixtures/luancheng/enterprises.csv
    fixtures/luancheng/inspectors.csv
    fixtures/luancheng/items.csv

Deterministic: a fixed seed (SEED below) and no iteration over hash-ordered containers, so running
it twice gives identical bytes. Standard library only. The USCC and organisation-code routines are
shared with scripts/gen-directory.py.

The 抽查事项 of YJ/SL/HB items 001.. are copied verbatim from seed 004 §二 (the Luancheng joint plan,
2026); the check pass re-parses the seed (when /work/shared/seeds is present) and compares them.
"""

import argparse
import csv
import importlib.util
import io
import os
import random
import re
import sys
from collections import Counter

SEED = 20260513  # the date of the Luancheng plan
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "fixtures")
SHARED = os.environ.get("LIANCHA_SHARED", "/work/shared")
CALENDAR_SRC = os.path.join(SHARED, "reference", "cn-calendar-2024-2026.csv")
SEED_004 = os.path.join(SHARED, "seeds", "004_942f2f5ee8f7d4a1.txt")

_spec = importlib.util.spec_from_file_location(
    "gen_directory", os.path.join(ROOT, "scripts", "gen-directory.py"))
gd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gd)
uscc, uscc_is_valid, org_code = gd.uscc, gd.uscc_is_valid, gd.org_code
CHARSET = gd.USCC_CHARSET
ENTERPRISE_HEADER = gd.HEADER

for _ok in ("91130111066UK5484K", "911301110JX5R7R96D", "91350100M000100Y43"):
    assert uscc(_ok[:17]) == _ok and uscc_is_valid(_ok), _ok
assert not uscc_is_valid("91130111066UK5484J") and not uscc_is_valid("91130111066uk5484K")

# ============================================================================================
# Departments

DEPARTMENTS = [
    ("YJ", "石家庄市栾城区应急管理局", "应急"),
    ("SL", "石家庄市栾城区水利局", "水利"),
    ("HB", "石家庄市生态环境局栾城分局", "生态环境"),
    ("SC", "石家庄市栾城区市场监督管理局", "市场监管"),
    ("XF", "石家庄市栾城区消防救援大队", "消防"),
    ("QX", "石家庄市栾城区气象局", "气象"),
    ("SW", "石家庄市栾城区商务局", "商务"),
    ("CG", "石家庄市栾城区城市管理综合行政执法局", "城管"),
]
DEPT_NAME = {c: n for c, n, _ in DEPARTMENTS}
DEPT_CERT_DIGITS = {"YJ": "01", "SL": "02", "HB": "03", "SC": "04", "XF": "05", "QX": "06",
                    "SW": "07", "CG": "08"}

# ============================================================================================
# Enumerations (the checks accept only these)

STATUSES = ["在营", "停产", "注销"]
PERMITS = ["重点管理", "简化管理", "登记管理", "无"]
YES_NO = ["是", "否"]
GRADES = ["A", "B", "引领性", "C", "D", ""]
CREDITS = ["A", "B", "C", "D"]
INDUSTRY_LABELS = ["危化", "工贸", "矿山", "涉水", "污水处理", "机动车销售", "食品", "涉重金属",
                   "涉ODS", "危废", "商贸", "技术服务"]
SPECIALTIES = ["危险化学品", "工贸安全", "非煤矿山", "水土保持", "取用水", "供水水质", "河道管理",
               "水利工程", "大气", "水环境", "固体废物", "危险废物", "重金属", "辐射", "机动车排放",
               "ODS", "食品安全", "特种设备", "计量", "广告"]
ITEM_CATEGORIES = ["一般", "重点"]
ITEM_METHODS = ["现场", "书面", "非现场"]
INSPECTOR_KINDS = ["执法人员", "辅助人员"]

# ============================================================================================
# Places

LUANCHENG_TOWNS = ["栾城镇", "冶河镇", "窦妪镇", "楼底镇", "南高乡", "柳林屯乡", "西营乡"]
TOWN_WEIGHTS = [24, 18, 18, 12, 10, 9, 9]
TOWN_ROADS = {
    "栾城镇": ["宋城路", "裕翔街", "友谊大街", "兴业路", "永安大街", "东环路", "南环路", "北环路"],
    "冶河镇": ["栾武路", "冶河大街", "工业路"],
    "窦妪镇": ["窦妪工业园区兴业路", "窦妪工业园区创业路", "窦妪工业园区纬三路", "石栾路"],
    "楼底镇": ["楼底工业园区园区路", "栾武路", "楼底大街"],
    "南高乡": ["南高工业园区经一路", "石栾路"],
    "柳林屯乡": ["柳林屯大街", "栾赵路"],
    "西营乡": ["西营大街", "石栾路"],
}
NEIGHBOURS = {
    # division: (address prefix, name prefix, towns and roads)
    "130110": ("石家庄市鹿泉区", "石家庄市鹿泉区",
               {"铜冶镇": ["铜冶大街", "鹿岛路"], "寺家庄镇": ["寺家庄大街"], "上庄镇": ["上庄大街"]}),
    "130182": ("石家庄市藁城区", "石家庄市藁城区",
               {"廉州镇": ["廉州路", "工业街"], "兴安镇": ["兴安大街"], "南营镇": ["南营大街"]}),
    "130104": ("石家庄市桥西区", "石家庄市桥西区",
               {"振头街道": ["中华南大街", "振头大街"], "友谊街道": ["友谊南大街", "新石中路"]}),
}
VILLAGE_FIRST = ["东", "西", "南", "北", "前", "后", "大", "小", "上", "下", "中", "新"]
VILLAGE_MID = ["王", "李", "张", "刘", "赵", "高", "孙", "马", "郭", "杨", "周", "胡", "吕", "范",
               "冯", "任", "苏", "窦", "齐", "宋", "柳", "韩", "石", "聂"]
VILLAGE_LAST = ["庄", "营", "屯", "寨", "家庄", "里", "堡", "店", "铺", "疃"]

# ============================================================================================
# People

SURNAMES = ("王王王王李李李李张张张张刘刘刘赵赵赵高高杨杨陈陈孙孙马马郭郭周吴徐胡朱林何宋郑谢韩冯于"
            "董程曹袁许沈吕苏贾丁魏薛阎潘杜田任姜范石姚邹郝孔白崔康秦史侯孟段雷尹常武乔贺翟齐耿甄"
            "解牛申靳霍焦葛谷闫安")
COMPOUND_SURNAMES = ["欧阳", "司马", "上官"]
GIVEN = {
    "男": ("伟强磊军洋勇杰涛明超平刚辉鹏飞亮斌彬林晨浩宇博峰凯帅坤",
          """建国 建华 建军 建民 建平 建新 志强 志刚 志勇 志华 志军 国强 国华 国庆 国栋 国良 海涛 海波
          海军 海龙 春华 春生 晓东 晓明 晓峰 晓光 文博 文华 文杰 振华 振国 振兴 庆华 庆海 立新 立军
          立华 学军 学文 学斌 永刚 永强 永生 宏伟 宏亮 宏图 卫东 卫国 彦军 彦辉 彦龙 俊杰 俊峰 子豪
          一鸣 家豪 浩然 宇航 新宇 新民 金山 福生 福林 德胜 德明 保国 保华 树林 树军 瑞峰 志远 明辉
          明亮 金龙 少华 少杰 占军 占国 胜利 红军 向东 向阳 亚军 晨阳 博文 浩宇 子轩""".split()),
    "女": ("芳娜敏静丽艳娟霞颖婷",
          """红梅 红霞 红英 红艳 玉兰 玉梅 玉芬 玉珍 春梅 秀英 秀兰 秀芳 秀云 桂英 桂兰 桂芳 丽娟 丽华
          丽萍 丽霞 晓燕 晓丽 文静 雅琪 雅静 梦瑶 梦洁 思雨 思琪 欣怡 欣然 佳琪 佳怡 金凤 瑞芳 翠英
          翠兰 淑芳 淑珍 美玲 美华 雪梅 雪莲 亚楠 静怡 嘉欣 梓涵 雨萱 海燕 子涵 卫红 永红 一诺""".split()),
}
_all_given = GIVEN["男"][1] + GIVEN["女"][1]
assert len(set(_all_given)) == len(_all_given)

# Trade-name (字号) characters.
ROOT_FIRST = "华恒金瑞鑫宏永兴天顺通立建德正盛嘉润聚汇泰广益昌丰博诚安佳欣开凯荣茂源腾旭冀锦晟誉众合隆祥达利康明辰宁远亿中元长"
ROOT_SECOND = "信泰鼎丰源达盛隆宇顺通利兴昌华发茂祥瑞和康宁远星辉阳光明业鑫润晟凯越鹏威德成诚恒安邦帆航翔晨峰川升力"

# ============================================================================================
# Enterprise profiles
#
# count, GB/T 4754-2017 code, 行业 label, name templates, industrial?, permit weights
# (重点, 简化, 登记, 无), department probabilities, high-environmental-risk probability,
# share of individual businesses (USCC "92").
# Name templates: {p} region prefix, {r} trade name, {t} town, {v} village.

P = "{p}{r}"
PROFILES = [
    # ---- hazardous chemicals (危化)
    (26, "2614", "危化", [P + "化工有限公司", P + "化工科技有限公司", "河北{r}化学工业有限公司"], True,
     (35, 45, 20, 0), {"YJ": 1.0, "HB": 0.95, "SC": 0.35, "SL": 0.2}, 0.30, 0),
    (18, "2662", "危化", [P + "精细化工有限公司", P + "化学品有限公司"], True,
     (25, 50, 25, 0), {"YJ": 1.0, "HB": 0.9, "SC": 0.35, "SL": 0.15}, 0.25, 0),
    (8, "2641", "危化", [P + "涂料有限公司", P + "漆业有限公司"], True,
     (15, 50, 35, 0), {"YJ": 1.0, "HB": 0.9, "SC": 0.4}, 0.15, 0),
    (4, "2631", "危化", [P + "农药有限公司", P + "生物化学有限公司"], True,
     (50, 40, 10, 0), {"YJ": 1.0, "HB": 1.0, "SC": 0.5, "SL": 0.25}, 0.40, 0),
    (7, "2669", "危化", [P + "新材料科技有限公司", P + "助剂有限公司"], True,
     (10, 45, 45, 0), {"YJ": 1.0, "HB": 0.85, "SC": 0.3}, 0.15, 0),
    (16, "5169", "危化", [P + "化工贸易有限公司", P + "化工产品销售有限公司"], False,
     (0, 0, 30, 70), {"YJ": 1.0, "SC": 0.7, "HB": 0.1}, 0.05, 0),
    (5, "4511", "危化", [P + "燃气有限公司", P + "天然气有限公司"], False,
     (0, 0, 60, 40), {"YJ": 1.0, "SC": 0.8, "HB": 0.2}, 0.10, 0),
    (22, "5265", "危化", ["栾城区{t}{r}加油站", "石家庄{r}石化有限公司栾城{t}加油站", P + "石油销售有限公司"],
     False, (0, 5, 90, 5), {"YJ": 1.0, "HB": 0.8, "SC": 0.8}, 0.05, 0),
    # ---- pharmaceuticals
    (9, "2710", "危化", [P + "制药有限公司", P + "药业有限公司"], True,
     (50, 40, 10, 0), {"YJ": 0.85, "HB": 1.0, "SC": 0.8, "SL": 0.35}, 0.25, 0),
    (6, "2720", "工贸", [P + "药业有限公司", P + "医药科技有限公司"], True,
     (15, 55, 30, 0), {"YJ": 0.7, "HB": 1.0, "SC": 0.9}, 0.05, 0),
    (4, "2740", "工贸", [P + "中药有限公司", P + "药业有限公司"], True,
     (0, 50, 50, 0), {"YJ": 0.7, "HB": 0.9, "SC": 0.9}, 0.02, 0),
    (3, "2761", "工贸", [P + "生物制药有限公司", P + "生物技术有限公司"], True,
     (35, 45, 20, 0), {"YJ": 0.8, "HB": 1.0, "SC": 0.9, "SL": 0.3}, 0.15, 0),
    # ---- industry and trade (工贸)
    (30, "3391", "工贸", ["河北{r}铸造有限公司", P + "铸造有限公司", P + "机械铸造有限公司", "栾城县{r}铸造厂"],
     True, (25, 50, 25, 0), {"YJ": 0.95, "HB": 0.9, "SC": 0.35, "SL": 0.1}, 0.05, 0),
    (10, "3130", "工贸", [P + "型钢有限公司", P + "钢材加工有限公司"], True,
     (20, 40, 40, 0), {"YJ": 0.95, "HB": 0.9, "SC": 0.35}, 0.05, 0),
    (16, "3311", "工贸", [P + "钢结构有限公司", P + "钢结构工程有限公司"], True,
     (0, 40, 60, 0), {"YJ": 0.9, "HB": 0.75, "SC": 0.4}, 0.02, 0),
    (22, "3484", "工贸", [P + "机械制造有限公司", P + "机械配件有限公司"], True,
     (0, 25, 75, 0), {"YJ": 0.85, "HB": 0.6, "SC": 0.5}, 0.01, 0),
    (17, "3670", "工贸", [P + "汽车零部件有限公司", P + "汽车配件制造有限公司"], True,
     (0, 45, 55, 0), {"YJ": 0.85, "HB": 0.8, "SC": 0.5}, 0.02, 0),
    (17, "2110", "工贸", [P + "家具有限公司", P + "家居制造有限公司"], True,
     (0, 45, 55, 0), {"YJ": 0.85, "HB": 0.85, "SC": 0.6}, 0.02, 0),
    (14, "2319", "工贸", [P + "印刷有限公司", P + "彩印包装有限公司"], True,
     (0, 55, 45, 0), {"YJ": 0.7, "HB": 0.85, "SC": 0.5}, 0.02, 0),
    (7, "2231", "工贸", [P + "纸制品有限公司", P + "包装制品有限公司"], True,
     (0, 30, 70, 0), {"YJ": 0.8, "HB": 0.6, "SC": 0.4}, 0.01, 0),
    (6, "2921", "工贸", [P + "塑料薄膜有限公司", P + "塑业有限公司"], True,
     (0, 30, 70, 0), {"YJ": 0.8, "HB": 0.8, "SC": 0.4}, 0.01, 0),
    (6, "2927", "工贸", [P + "塑料制品有限公司", P + "日用品有限公司"], True,
     (0, 35, 65, 0), {"YJ": 0.75, "HB": 0.7, "SC": 0.6}, 0.01, 0),
    (7, "3021", "工贸", [P + "水泥制品有限公司", P + "建材有限公司"], True,
     (0, 40, 60, 0), {"YJ": 0.85, "HB": 0.9, "SC": 0.3}, 0.02, 0),
    (16, "3031", "工贸", ["栾城区{t}{v}砖厂", P + "新型建材有限公司", "栾城区{r}机砖厂"], True,
     (0, 55, 45, 0), {"YJ": 0.9, "HB": 0.9, "SC": 0.2}, 0.02, 0),
    (5, "3099", "工贸", [P + "新材料有限公司", P + "保温材料有限公司"], True,
     (0, 40, 60, 0), {"YJ": 0.8, "HB": 0.8, "SC": 0.4}, 0.02, 0),
    (6, "1329", "工贸", [P + "饲料有限公司", P + "牧业饲料有限公司"], True,
     (0, 35, 65, 0), {"YJ": 0.7, "HB": 0.6, "SC": 0.8}, 0.01, 0),
    # ---- water-intensive industry (SL as well)
    (9, "2221", "工贸", [P + "纸业有限公司", "河北{r}纸业有限公司"], True,
     (55, 35, 10, 0), {"YJ": 0.9, "HB": 1.0, "SL": 0.9, "SC": 0.3}, 0.08, 0),
    (6, "1713", "工贸", [P + "印染有限公司", P + "纺织印染有限公司"], True,
     (70, 25, 5, 0), {"YJ": 0.85, "HB": 1.0, "SL": 0.9, "SC": 0.3}, 0.10, 0),
    (2, "4412", "工贸", [P + "热电有限公司"], True,
     (100, 0, 0, 0), {"YJ": 1.0, "HB": 1.0, "SL": 1.0, "SC": 0.5}, 0.30, 0),
    (1, "4411", "工贸", ["河北{r}发电有限公司"], True,
     (100, 0, 0, 0), {"YJ": 1.0, "HB": 1.0, "SL": 1.0}, 0.30, 0),
    (4, "4430", "工贸", [P + "供热有限公司", P + "热力有限公司"], True,
     (40, 50, 10, 0), {"YJ": 0.9, "HB": 1.0, "SL": 0.6, "SC": 0.4}, 0.10, 0),
    # ---- ODS (refrigeration, foam, car repair)
    (4, "3464", "涉ODS", [P + "制冷设备有限公司", P + "空调设备有限公司"], True,
     (0, 40, 60, 0), {"HB": 1.0, "YJ": 0.7, "SC": 0.6}, 0.05, 0),
    (3, "2924", "涉ODS", [P + "泡沫制品有限公司", P + "保温泡沫有限公司"], True,
     (0, 50, 50, 0), {"HB": 1.0, "YJ": 0.8, "SC": 0.4}, 0.05, 0),
    (15, "8111", "涉ODS", [P + "汽车维修有限公司", "栾城区{r}汽车修理部", "栾城区{r}汽车快修店"], False,
     (0, 5, 85, 10), {"HB": 0.9, "SC": 0.8}, 0.01, 0.45),
    # ---- heavy metals, hazardous waste
    (9, "3360", "涉重金属", [P + "表面处理有限公司", P + "电镀有限公司", P + "金属热处理有限公司"], True,
     (55, 35, 10, 0), {"YJ": 0.8, "HB": 1.0, "SL": 0.25, "SC": 0.3}, 0.35, 0),
    (3, "3843", "涉重金属", [P + "蓄电池有限公司", P + "电源科技有限公司"], True,
     (100, 0, 0, 0), {"YJ": 0.9, "HB": 1.0, "SC": 0.5}, 0.50, 0),
    (2, "1910", "涉重金属", [P + "皮革有限公司"], True,
     (100, 0, 0, 0), {"YJ": 0.8, "HB": 1.0, "SL": 0.5}, 0.50, 0),
    (4, "7724", "危废", [P + "环保科技有限公司", P + "固废处置有限公司"], True,
     (75, 25, 0, 0), {"HB": 1.0, "YJ": 0.7, "SC": 0.2}, 0.50, 0),
    # ---- mines
    (8, "1011", "矿山", [P + "石料厂", P + "矿业有限公司"], True,
     (0, 30, 70, 0), {"YJ": 1.0, "HB": 0.8, "SL": 0.65}, 0.10, 0),
    (11, "1019", "矿山", [P + "砂石料有限公司", P + "矿业有限公司", "栾城区{t}{v}砂石料场"], True,
     (0, 30, 70, 0), {"YJ": 1.0, "HB": 0.8, "SL": 0.75}, 0.10, 0),
    # ---- water (SL)
    (8, "4620", "污水处理", ["栾城区{t}污水处理厂", "石家庄{r}水务有限公司"], True,
     (80, 20, 0, 0), {"SL": 1.0, "HB": 1.0, "YJ": 0.6}, 0.15, 0),
    (7, "4610", "涉水", ["栾城区{t}水厂", P + "供水有限公司"], False,
     (0, 0, 30, 70), {"SL": 1.0, "YJ": 0.5, "SC": 0.4, "HB": 0.2}, 0.02, 0),
    (2, "4690", "涉水", [P + "再生水利用有限公司"], False,
     (0, 0, 60, 40), {"SL": 1.0, "HB": 0.6}, 0.02, 0),
    (7, "4822", "涉水", ["河北{r}水利工程有限公司", P + "水利水电工程有限公司"], False,
     (0, 0, 0, 100), {"SL": 1.0, "YJ": 0.6, "SC": 0.3}, 0.0, 0),
    (8, "7010", "涉水", [P + "房地产开发有限公司", "石家庄{r}置业有限公司"], False,
     (0, 0, 0, 100), {"SL": 0.9, "SC": 0.5}, 0.0, 0),
    (5, "8051", "涉水", ["栾城区{r}洗浴中心", P + "洗浴有限公司"], False,
     (0, 0, 20, 80), {"SL": 1.0, "SC": 1.0}, 0.0, 0.6),
    (4, "1522", "食品", [P + "饮品有限公司", P + "矿泉水有限公司"], True,
     (0, 20, 80, 0), {"SC": 1.0, "SL": 0.9, "HB": 0.5, "YJ": 0.3}, 0.01, 0),
    (4, "1512", "食品", ["栾城县{r}酒厂", P + "酒业有限公司"], True,
     (0, 40, 60, 0), {"SC": 1.0, "SL": 0.9, "HB": 0.7, "YJ": 0.6}, 0.02, 0),
    # ---- motor vehicles
    (26, "5261", "机动车销售", [P + "汽车销售服务有限公司", P + "汽车贸易有限公司", "石家庄{r}汽车销售有限公司"],
     False, (0, 0, 40, 60), {"HB": 1.0, "SC": 1.0}, 0.0, 0),
    # ---- food
    (14, "1399", "食品", [P + "食品有限公司", P + "农副产品加工有限公司"], True,
     (0, 15, 75, 10), {"SC": 1.0, "HB": 0.6, "YJ": 0.35, "SL": 0.2}, 0.01, 0),
    (6, "1391", "食品", [P + "淀粉有限公司", P + "粉业有限公司"], True,
     (0, 40, 60, 0), {"SC": 1.0, "HB": 0.8, "YJ": 0.5, "SL": 0.5}, 0.02, 0),
    (8, "1411", "食品", [P + "食品有限公司", "栾城区{r}糕点坊"], True,
     (0, 5, 80, 15), {"SC": 1.0, "HB": 0.3, "YJ": 0.2}, 0.0, 0.3),
    (6, "1353", "食品", [P + "肉类食品有限公司", P + "肉制品有限公司"], True,
     (0, 40, 60, 0), {"SC": 1.0, "HB": 0.8, "YJ": 0.5, "SL": 0.3}, 0.02, 0),
    (3, "1441", "食品", [P + "乳业有限公司"], True,
     (0, 60, 40, 0), {"SC": 1.0, "HB": 0.9, "YJ": 0.6, "SL": 0.5}, 0.02, 0),
    (11, "5212", "食品", ["栾城区{r}超市", "石家庄{r}商贸有限公司{t}超市", "栾城区{r}购物广场"], False,
     (0, 0, 0, 100), {"SC": 1.0}, 0.0, 0.6),
    (11, "6210", "食品", ["栾城区{r}饭店", "栾城区{r}酒楼", P + "餐饮管理有限公司"], False,
     (0, 0, 15, 85), {"SC": 1.0, "HB": 0.1}, 0.0, 0.6),
    # ---- other commerce and services
    (4, "5211", "商贸", ["栾城区{r}百货商店", P + "百货有限公司"], False,
     (0, 0, 0, 100), {"SC": 1.0}, 0.0, 0.6),
    (6, "5251", "商贸", ["栾城区{r}大药房", "石家庄{r}大药房连锁有限公司栾城{t}店"], False,
     (0, 0, 0, 100), {"SC": 1.0}, 0.0, 0.5),
    (6, "7452", "技术服务", ["河北{r}安全技术服务有限公司", P + "检测技术有限公司", "河北{r}安全评价有限公司"],
     False, (0, 0, 0, 100), {"YJ": 1.0, "SC": 0.4}, 0.0, 0),
]
DEPT_ORDER = ["YJ", "SL", "HB", "SC"]


def build_name_person(rng, taken, gender=None):
    """A person's name (of the given gender, else mostly male) not in taken (membership only)."""
    gender = gender or ("男" if rng.random() < 0.8 else "女")
    singles, doubles = GIVEN[gender]
    while True:
        if rng.random() < 0.01:
            surname = rng.choice(COMPOUND_SURNAMES)
        else:
            surname = rng.choice(SURNAMES)
        given = rng.choice(singles) if rng.random() < 0.3 else rng.choice(doubles)
        name = surname + given
        if given[-1:] != surname[-1:] and name not in taken:
            taken.add(name)
            return name


def village(rng):
    return rng.choice(VILLAGE_FIRST) + rng.choice(VILLAGE_MID) + rng.choice(VILLAGE_LAST)


def make_address(rng, division, town, village_name=None):
    if village_name:
        return "石家庄市栾城区%s%s村" % (town, village_name)
    if division == "130111":
        prefix, roads = "石家庄市栾城区", TOWN_ROADS[town]
    else:
        prefix, _, towns = NEIGHBOURS[division]
        roads = towns[town]
    r = rng.random()
    if division == "130104" or r < 0.45:
        return "%s%s%s%d号" % (prefix, town, rng.choice(roads), rng.randrange(1, 300))
    if r < 0.8:
        return "%s%s%s村" % (prefix, town, village(rng))
    return "%s%s%s村%s%d米" % (prefix, town, village(rng), rng.choice("东西南北"),
                             rng.randrange(2, 11) * 100)


def random_org_code(rng, individual):
    if individual or rng.random() < 0.62:
        # post-2015 organisation codes: MA + 6 characters
        body = "MA" + rng.choice(["07", "08", "09", "0A", "0C", "0D", "0E", "0F", "0G", "0H",
                                   "CY", "CX", "D0", "D2"])
        body += "".join(rng.choice(CHARSET) for _ in range(4))
    else:
        # pre-2015 organisation codes: mostly digits
        body = rng.choice("0567") + "".join(rng.choice("0123456789") for _ in range(5))
        body += "".join(rng.choice("0123456789" if rng.random() < 0.85 else CHARSET)
                        for _ in range(2))
    return org_code(body)


def pick(rng, weights_by_value):
    values = [v for v, _ in weights_by_value]
    return rng.choices(values, [w for _, w in weights_by_value])[0]


def gen_enterprises(rng):
    used_codes, used_names, used_people, used_roots = set(), set(), set(), set()
    rows = []

    def new_code(division, individual):
        while True:
            code = uscc(("92" if individual else "91") + division + random_org_code(rng, individual))
            if code not in used_codes:
                used_codes.add(code)
                return code

    def root():
        while True:
            r = rng.choice(ROOT_FIRST) + rng.choice(ROOT_SECOND)
            if r[0] != r[1] and r not in used_roots:
                used_roots.add(r)
                return r

    # A few enterprises just across the border: industry in 鹿泉区/藁城区, trade in 桥西区.
    industry_plan = ["130110", "130182"] * 5
    trade_plan = ["130104"] * 4
    industry_codes = ("2614", "3391", "3130", "3484", "3670", "2110", "1399")
    trade_codes = ("5261", "5169")

    for (count, icode, label, templates, industrial, permit_w, dept_p, risk_p,
         indiv_share) in PROFILES:
        for k in range(count):
            # Place: most in 栾城区; a few of the common industries just across the border.
            division = "130111"
            plan = (industry_plan if icode in industry_codes else
                    trade_plan if icode in trade_codes else [])
            if plan and rng.random() < 0.12:
                division = plan.pop(0)
            if division == "130111":
                town = rng.choices(LUANCHENG_TOWNS, TOWN_WEIGHTS)[0]
            else:
                town = rng.choice(sorted(NEIGHBOURS[division][2]))
            while True:
                template = rng.choice(templates)
                # individual businesses (个体工商户, USCC "92") only under non-company names
                individual = "公司" not in template and rng.random() < indiv_share
                if division != "130111":
                    if "栾城" in template:
                        continue
                    region = NEIGHBOURS[division][1]
                else:
                    region = pick(rng, [("石家庄市栾城区", 5), ("石家庄", 3), ("河北", 2),
                                        ("石家庄市", 1)])
                v = village(rng)
                name = template.format(p=region, r=root(), t=town, v=v)
                if name not in used_names:
                    used_names.add(name)
                    break
            reg_division = division
            if not individual and name.startswith(("河北", "石家庄")) and \
                    not name.startswith("石家庄市栾城区") and rng.random() < 0.15:
                reg_division = "130100"  # registered by the city bureau
            code = new_code(reg_division, individual)
            # a name that carries its village (栾城区冶河镇小张铺砂石料场) is located there
            address = make_address(rng, division, town, v if "{v}" in template else None)
            rows.append(make_row(rng, code, name, division, town, icode, label, industrial,
                                 permit_w, dept_p, risk_p, used_people, address=address))

    # Edge cases that are still valid.
    edge = []
    town = "窦妪镇"
    edge.append(make_row(
        rng, new_code("130111", False), '石家庄"诚信"化工有限公司', "130111", town, "2614", "危化",
        True, (0, 100, 0, 0), {"YJ": 1.0, "HB": 1.0}, 0.0, used_people,
        address="石家庄市栾城区窦妪镇窦妪工业园区兴业路18号,东院"))
    used_names.add('石家庄"诚信"化工有限公司')
    edge.append(make_row(
        rng, new_code("130111", False), "石家庄%s（栾城）食品有限公司" % root(), "130111", "栾城镇",
        "1399", "食品", True, (0, 0, 100, 0), {"SC": 1.0, "HB": 1.0}, 0.0, used_people,
        address="石家庄市栾城区栾城镇裕翔街66号（原栾城县食品公司院内）"))
    edge.append(make_row(
        rng, new_code("130111", False), "河北%s化工股份有限公司栾城分公司" % root(), "130111", "冶河镇",
        "2662", "危化", True, (100, 0, 0, 0), {"YJ": 1.0, "HB": 1.0, "SL": 1.0, "SC": 1.0}, 1.0,
        used_people, person="欧阳晓峰"))
    for e in edge:
        assert e[1] not in [r[1] for r in rows]
    rows.extend(edge)
    rng.shuffle(rows)
    return rows


def make_row(rng, code, name, division, town, icode, label, industrial, permit_w, dept_p, risk_p,
             used_people, address=None, person=None):
    address = address or make_address(rng, division, town)
    person = person or build_name_person(rng, used_people)
    used_people.add(person)
    status = rng.choices(STATUSES, [92, 5, 3])[0]
    permit = rng.choices(PERMITS, permit_w)[0]
    key_unit = (permit == "重点管理" and rng.random() < 0.8) or \
               (permit == "简化管理" and rng.random() < 0.05)
    credit = rng.choices(CREDITS, [20, 50, 22, 8])[0]
    penalised = rng.random() < (0.16 if credit in ("C", "D") else 0.025)
    supervised = rng.random() < (0.06 if industrial and credit in ("C", "D") else 0.008)
    high_risk = rng.random() < risk_p
    positive = (not penalised and not supervised and credit != "D" and permit != "无"
                and status == "在营" and rng.random() < 0.22)
    grade = ""
    if industrial and rng.random() < 0.6:
        grade = rng.choices(["A", "引领性", "B", "C", "D"], [8, 7, 30, 35, 20])[0]
    if positive and grade in ("C", "D"):
        grade = "B"
    nonsite = rng.random() < (0.8 if positive else 0.5 if permit == "重点管理" else 0.3)
    depts = [d for d in DEPT_ORDER if d in dept_p and rng.random() < dept_p[d]]
    if not depts:
        depts = [max(DEPT_ORDER, key=lambda d: (dept_p.get(d, 0), -DEPT_ORDER.index(d)))]
    scale = "规上" if industrial and rng.random() < 0.35 else "规下"
    yn = lambda b: "是" if b else "否"
    return [code, name, division, address, person, icode, status, permit, yn(key_unit),
            yn(positive), grade, credit, yn(penalised), yn(high_risk), yn(supervised),
            yn(nonsite), ";".join(depts), "乡镇=%s;行业=%s;规模=%s" % (town, label, scale)]


# ============================================================================================
# Inspectors

INSPECTOR_HEADER = ["执法证号", "姓名", "部门", "职务", "行政区划代码", "性别", "从业年限", "专长",
                    "在岗", "人员类别"]
ROSTER = {
    # dept: (on duty, off duty, auxiliary, specialties, leader posts, auxiliary posts)
    "YJ": (13, 2, 3, ["危险化学品", "工贸安全", "非煤矿山"],
           ["大队长", "副大队长", "科长", "副科长"], ["高级工程师", "注册安全工程师", "工程师"]),
    "SL": (12, 1, 2, ["水土保持", "取用水", "供水水质", "河道管理", "水利工程"],
           ["大队长", "科长", "副科长"], ["高级工程师", "工程师"]),
    "HB": (14, 2, 3, ["大气", "水环境", "固体废物", "危险废物", "重金属", "辐射", "机动车排放", "ODS"],
           ["大队长", "副大队长", "科长", "副科长"], ["监测员", "监测员", "高级工程师"]),
    "SC": (13, 1, 2, ["食品安全", "特种设备", "计量", "广告"],
           ["所长", "副所长", "科长", "副科长"], ["高级工程师", "检验员"]),
    "XF": (4, 0, 0, ["危险化学品", "工贸安全"], ["大队长", "监督员"], []),
    "CG": (3, 0, 0, ["广告", "大气"], ["中队长"], []),
}


def gen_inspectors(rng):
    rows, taken = [], set()
    for dept in ["YJ", "SL", "HB", "SC", "XF", "CG"]:
        on, off, aux, specs, leader_posts, aux_posts = ROSTER[dept]
        n = len(specs)
        seq = 0
        full_name_rows = {3} if dept in ("YJ", "SL", "HB", "SC") else set()
        if dept == "HB":
            full_name_rows.add(11)
        for k in range(on + off):
            seq += 1
            on_duty = k < on
            if k < len(leader_posts):
                post, years = leader_posts[k], rng.randrange(12, 31)
            else:
                post, years = "执法队员", rng.randrange(1, 21)
            if on_duty:
                # every specialty held by at least two qualified inspectors on duty
                mine = [specs[k % n], specs[(k + 1) % n]] if n > 1 else [specs[0]]
                if n > 2 and rng.random() < 0.3:
                    mine.append(rng.choice(specs))
            else:
                mine = [rng.choice(specs)]
            mine = [s for s in specs if s in mine]  # de-duplicate, keep list order
            gender = "男" if rng.random() < 0.7 else "女"
            rows.append([
                "130111%s%03d" % (DEPT_CERT_DIGITS[dept], seq),
                build_name_person(rng, taken, gender),
                DEPT_NAME[dept] if k in full_name_rows else dept,
                post, "130111", gender, str(years),
                ";".join(mine), "是" if on_duty else "否", "执法人员"])
        for k in range(aux):
            gender = "男" if rng.random() < 0.6 else "女"
            rows.append([
                "ZJ-%s-%03d" % (dept, k + 1), build_name_person(rng, taken, gender), dept,
                aux_posts[k], "130100" if k == aux - 1 else "130111", gender,
                str(rng.randrange(5, 31)), ";".join(sorted(rng.sample(specs, min(2, len(specs))),
                                                          key=specs.index)),
                "是", "辅助人员"])
    return rows


# ============================================================================================
# Items

ITEM_HEADER = ["部门", "事项编码", "抽查事项", "检查内容", "检查对象", "事项类别", "检查方式",
               "抽查比例及频次", "检查依据", "所需专长"]

# (抽查事项, 检查内容, 检查对象, 事项类别, 检查方式, 抽查比例及频次, 检查依据, 所需专长)
ITEMS = {
    "YJ": [
        # seed 004 §二, verbatim
        ("对工贸行业企业的安全检查",
         "检查安全生产责任制、安全管理机构和人员配备、教育培训、重大事故隐患排查治理及粉尘涉爆、有限空间等重点环节的安全措施落实情况。",
         "工贸行业企业", "一般", "现场", "不低于3%，每年1次",
         "《中华人民共和国安全生产法》第六十五条", "工贸安全"),
        ("对危险化学品及相关企业的安全检查",
         "检查危险化学品安全生产许可或经营许可、重大危险源管控、储存和装卸作业、特殊作业管理及应急处置措施落实情况。",
         "危险化学品生产、经营、使用企业", "重点", "现场", "不低于3%，每年1次",
         "《中华人民共和国安全生产法》第六十五条；《危险化学品安全管理条例》第六条", "危险化学品"),
        ("安全生产技术服务机构的行政检查",
         "检查安全评价、检测检验机构的资质条件、从业人员、技术服务过程记录和报告质量。",
         "安全生产技术服务机构", "一般", "书面", "不低于5%，每年1次",
         "《中华人民共和国安全生产法》第七十二条；《安全评价检测检验机构管理办法》", ""),
        # extra
        ("对非煤矿山企业的安全检查",
         "检查安全生产许可证、采场边坡、排土场、爆破作业及矿山安全设施的管理情况。",
         "非煤矿山企业", "重点", "现场", "不低于10%，每年1次",
         "《中华人民共和国矿山安全法》；《中华人民共和国安全生产法》第六十五条", "非煤矿山"),
        ("对生产经营单位生产安全事故应急预案管理情况的检查",
         "检查应急预案的编制、评审、公布、备案、培训和演练情况。",
         "生产经营单位", "一般", "书面", "不低于3%，每年1次",
         "《生产安全事故应急条例》；《生产安全事故应急预案管理办法》", ""),
    ],
    "SL": [
        ("因工程建设确需改装、拆除或者迁移城市公共供水设施的审批后的监督检查",
         "检查经批准改装、拆除或者迁移城市公共供水设施的建设单位是否按批准方案实施并保障供水安全。",
         "建设单位", "一般", "现场", "不低于5%，每年1次", "《城市供水条例》", ""),
        ("城市供水水质监督检查",
         "检查城市公共供水单位的水质检测制度、检测项目和频次及出厂水、管网水水质达标情况。",
         "城市公共供水单位", "重点", "现场", "不低于10%，每年1次",
         "《城市供水条例》；《城市供水水质管理规定》", "供水水质"),
        ("对生产建设项目水土保持审批的后续监管",
         "检查生产建设项目水土保持方案落实、水土保持设施建设和验收报备情况。",
         "生产建设项目单位", "一般", "现场", "不低于5%，每年1次",
         "《中华人民共和国水土保持法》第四十三条", "水土保持"),
        ("对洪水影响评价类审批（河道管理范围内建设项目工程建设方案审批）的后续监管",
         "检查河道管理范围内建设项目是否按批准的工程建设方案和位置界限实施。",
         "河道管理范围内建设项目建设单位", "一般", "现场", "不低于5%，每年1次",
         "《中华人民共和国防洪法》第二十七条", "河道管理"),
        ("对河道管理范围内有关活动（不含河道采砂）审批的后续监管",
         "检查在河道管理范围内取土、爆破、钻探、挖筑鱼塘等活动是否按批准的范围和方式进行。",
         "河道管理范围内从事有关活动的单位和个人", "一般", "现场", "不低于5%，每年1次",
         "《中华人民共和国河道管理条例》第二十五条", "河道管理"),
        ("水利项目投资计划及统计管理事项检查",
         "检查水利项目投资计划执行、资金使用和统计数据报送的及时性与真实性。",
         "水利项目建设单位", "一般", "书面", "不低于5%，每年1次",
         "《中华人民共和国统计法》；《水利统计管理办法》", ""),
        ("水旱灾害防御工作监督检查",
         "检查防汛抗旱责任制、应急预案、物资储备和汛前隐患排查整改情况。",
         "水旱灾害防御责任单位", "一般", "现场", "不低于5%，每年1次",
         "《中华人民共和国防洪法》；《中华人民共和国抗旱条例》", ""),
        ("水工程建设规划同意书审核监督检查",
         "检查水工程建设是否取得水工程建设规划同意书并符合流域综合规划。",
         "水工程建设单位", "一般", "书面", "不低于5%，每年1次",
         "《中华人民共和国水法》第十九条", "水利工程"),
        ("对水利行业安全生产实施情况的监督检查",
         "检查水利工程建设和运行管理单位安全生产责任制、隐患排查治理和应急管理情况。",
         "水利生产经营单位", "重点", "现场", "不低于5%，每年1次",
         "《中华人民共和国安全生产法》；《水利工程建设安全生产管理规定》", "水利工程"),
        ("对大中型水利水电工程移民安置实施情况监督检查",
         "检查移民安置规划实施、补偿补助资金兑付和后期扶持政策落实情况。",
         "移民安置实施单位", "一般", "书面", "不低于5%，每年1次",
         "《大中型水利水电工程建设征地补偿和移民安置条例》", ""),
        ("对围垦河道审批的后续监管",
         "检查经批准的围垦河道活动是否按批准的范围和方案实施，是否影响行洪、输水。",
         "围垦河道的单位和个人", "一般", "现场", "不低于5%，每年1次",
         "《中华人民共和国防洪法》第四十条", "河道管理"),
        ("对单位/个人取用水行为的随机抽查",
         "检查取水许可证持证情况、取水计量设施安装运行、取水量和退水情况。",
         "取用水单位", "一般", "非现场", "不低于5%，每年1次",
         "《中华人民共和国水法》第四十八条；《取水许可和水资源费征收管理条例》", "取用水"),
        ("对危害南水北调配套工程运行安全行为的监督检查",
         "检查南水北调配套工程管理和保护范围内是否存在危害工程运行安全的行为。",
         "南水北调配套工程管理和保护范围内的单位和个人", "一般", "现场", "不低于5%，每年1次",
         "《南水北调工程供用水管理条例》", "水利工程"),
        ("对节约用水工作的监督检查",
         "检查用水单位计划用水、用水计量、节水设施建设和运行及用水定额执行情况。",
         "用水单位", "一般", "书面", "不低于5%，每年1次",
         "《节约用水条例》", "取用水"),
        # extra
        ("对水利工程质量的监督检查",
         "检查水利工程建设项目质量管理体系、质量检测和隐蔽工程验收情况。",
         "水利工程建设单位", "一般", "现场", "不低于5%，每年1次",
         "《建设工程质量管理条例》；《水利工程质量管理规定》", "水利工程"),
        ("对河道采砂活动的监督检查",
         "检查河道采砂许可、采砂范围、作业方式和采后河道平整情况。",
         "河道采砂单位和个人", "重点", "现场", "不低于10%，每年1次",
         "《中华人民共和国水法》第三十九条；《中华人民共和国河道管理条例》第二十五条", "河道管理"),
    ],
    "HB": [
        ("涉消耗臭氧层物质（ODS）的生产、使用、销售、维修、回收、销毁及原料用途等企业和单位的监管",
         "检查消耗臭氧层物质的配额或许可、使用和销售台账、回收和无害化处置记录及备案情况。",
         "涉消耗臭氧层物质的企业和单位", "一般", "现场", "不低于5%，每年1次",
         "《消耗臭氧层物质管理条例》", "ODS"),
        ("对机动车销售企业的检查",
         "检查销售的机动车是否符合国家排放标准，随车清单和环保信息公开是否一致。",
         "机动车销售企业", "一般", "现场", "不低于5%，每年1次",
         "《中华人民共和国大气污染防治法》", "机动车排放"),
        ("对自然保护地的执法检查",
         "检查自然保护地内开发建设活动和生态环境破坏问题及整改情况。",
         "自然保护地内的单位和个人", "一般", "现场", "不低于5%，每年1次",
         "《中华人民共和国自然保护区条例》", ""),
        ("对重点管控新污染物的监督",
         "检查重点管控新污染物的生产、使用、排放和环境信息披露情况。",
         "涉重点管控新污染物企业", "一般", "书面", "不低于5%，每年1次",
         "《中华人民共和国环境保护法》；《重点管控新污染物清单（2023年版）》", ""),
        ("对危险废物日常管理情况的检查",
         "检查危险废物管理计划、管理台账、申报登记、贮存设施、识别标志和转移联单执行情况。",
         "危险废物产生、经营单位", "重点", "现场", "不低于10%，每年1次",
         "《中华人民共和国固体废物污染环境防治法》第七十八条", "危险废物"),
        ("对涉重金属行业企业及相关堆场、尾矿库等设施管理情况的检查",
         "检查涉重金属企业污染防治设施运行、重金属污染物排放和堆场、尾矿库防渗防扬散措施。",
         "涉重金属企业", "重点", "现场", "不低于10%，每年1次",
         "《中华人民共和国土壤污染防治法》；《尾矿污染环境防治管理办法》", "重金属"),
        # extra
        ("对排污单位排污许可证执行情况的检查",
         "检查排污许可证载明事项的落实、自行监测、环境管理台账和执行报告情况。",
         "排污单位", "重点", "现场", "重点管理每季度不低于25%，简化管理每季度不低于5%",
         "《排污许可管理条例》", "大气"),
        ("对建设项目环境影响评价制度执行情况的检查",
         "检查建设项目环境影响评价文件审批和环境保护设施“三同时”及竣工验收情况。",
         "建设单位", "一般", "现场", "不低于5%，每年1次",
         "《中华人民共和国环境影响评价法》；《建设项目环境保护管理条例》", ""),
        ("对核技术利用单位辐射安全的检查",
         "检查辐射安全许可证、辐射安全防护设施、个人剂量监测和放射源管理情况。",
         "核技术利用单位", "重点", "现场", "不低于10%，每年1次",
         "《放射性同位素与射线装置安全和防护条例》", "辐射"),
    ],
    "SC": [
        ("食品生产者生产活动的检查",
         "检查食品生产许可、原辅料进货查验、生产过程控制、出厂检验和标签标识情况。",
         "食品生产者", "重点", "现场", "不低于5%，每年1次",
         "《中华人民共和国食品安全法》第一百一十条", "食品安全"),
        ("食品销售者经营活动的检查",
         "检查食品经营许可、进货查验记录、食品贮存条件和过期食品处置情况。",
         "食品销售者", "一般", "现场", "不低于3%，每年1次",
         "《中华人民共和国食品安全法》第一百一十条", "食品安全"),
        ("餐饮服务提供者经营活动的检查",
         "检查餐饮服务许可、从业人员健康管理、原料控制、加工制作和餐饮具清洗消毒情况。",
         "餐饮服务提供者", "一般", "现场", "不低于3%，每年1次",
         "《中华人民共和国食品安全法》第一百一十条", "食品安全"),
        ("特种设备生产单位的检查",
         "检查特种设备生产许可、质量保证体系运行和出厂检验资料情况。",
         "特种设备生产单位", "重点", "现场", "不低于5%，每年1次",
         "《中华人民共和国特种设备安全法》第五十七条", "特种设备"),
        ("特种设备使用单位的检查",
         "检查特种设备使用登记、定期检验、安全管理人员和作业人员持证及维护保养情况。",
         "特种设备使用单位", "一般", "现场", "不低于3%，每年1次",
         "《中华人民共和国特种设备安全法》第五十七条", "特种设备"),
        ("计量器具使用的检查",
         "检查强制检定计量器具的登记备案、按期检定和使用情况，重点为加油机、衡器等。",
         "计量器具使用单位", "一般", "现场", "不低于3%，每年1次",
         "《中华人民共和国计量法》；《中华人民共和国计量法实施细则》", "计量"),
        ("广告发布行为的检查",
         "检查广告内容的真实性、合法性及广告发布审查和档案管理情况。",
         "广告主、广告经营者、广告发布者", "一般", "书面", "不低于3%，每年1次",
         "《中华人民共和国广告法》第四十九条", "广告"),
        ("产品质量的监督抽查",
         "对生产、销售的产品抽取样品进行检验，检查产品是否符合标准和明示的质量状况。",
         "产品生产者、销售者", "一般", "现场", "不低于3%，每年1次",
         "《中华人民共和国产品质量法》第十五条", ""),
        ("企业公示信息的检查",
         "检查企业年度报告和即时公示信息的真实性、及时性。",
         "企业", "一般", "书面", "不低于3%，每年1次",
         "《企业信息公示暂行条例》", ""),
    ],
}
SEED_ITEM_COUNTS = {"YJ": 3, "SL": 14, "HB": 6}


def gen_items():
    rows = []
    for dept in ["YJ", "SL", "HB", "SC"]:
        for k, item in enumerate(ITEMS[dept], start=1):
            rows.append([dept, "%s-%03d" % (dept, k)] + list(item))
    return rows


# ============================================================================================
# Writing

def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)


def generate():
    rng = random.Random(SEED)
    write_csv(os.path.join(FIX, "departments.csv"), ["部门编码", "部门名称", "简称"],
              [list(d) for d in DEPARTMENTS])
    cal_dst = os.path.join(FIX, "calendar", "cn-calendar-2024-2026.csv")
    os.makedirs(os.path.dirname(cal_dst), exist_ok=True)
    if os.path.exists(CALENDAR_SRC):
        with open(CALENDAR_SRC, "rb") as src:
            data = src.read()  # byte-exact, CRLF kept; the copy is writable even if the source is not
        if os.path.exists(cal_dst):
            os.chmod(cal_dst, 0o644)
        with open(cal_dst, "wb") as dst:
            dst.write(data)
        os.chmod(cal_dst, 0o644)
    elif not os.path.exists(cal_dst):
        sys.exit("missing %s and no existing copy" % CALENDAR_SRC)
    write_csv(os.path.join(FIX, "luancheng", "enterprises.csv"), ENTERPRISE_HEADER,
              gen_enterprises(random.Random(rng.random())))
    write_csv(os.path.join(FIX, "luancheng", "inspectors.csv"), INSPECTOR_HEADER,
              gen_inspectors(random.Random(rng.random())))
    write_csv(os.path.join(FIX, "luancheng", "items.csv"), ITEM_HEADER, gen_items())


# ============================================================================================
# Checks

class CheckFailed(Exception):
    pass


def expect(cond, msg):
    if not cond:
        raise CheckFailed(msg)


def read_csv(path, header, allow_crlf=False):
    raw = open(path, "rb").read()
    expect(not raw.startswith(b"\xef\xbb\xbf"), "%s: has a BOM" % path)
    text = raw.decode("utf-8")
    if not allow_crlf:
        expect("\r" not in text, "%s: CR found (LF line ends expected)" % path)
    expect(text.endswith("\n"), "%s: no final line end" % path)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    expect(rows and rows[0] == header, "%s: header %r" % (path, rows[0] if rows else None))
    width = len(header)
    for i, r in enumerate(rows[1:], start=2):
        expect(len(r) == width, "%s line %d: %d fields, want %d" % (path, i, len(r), width))
        for v in r:
            expect(v == v.strip(), "%s line %d: surrounding whitespace in %r" % (path, i, v))
    return rows[1:]


def seed_items():
    """Parse seed 004 §二 into {dept: [item, ...]}."""
    text = open(SEED_004, encoding="utf-8").read()
    out = {}
    for line in text.splitlines():
        line = line.strip()
        for dept, lead, sep in (("YJ", "区应急管理局：", "、"), ("SL", "区水利局：", "[；;]"),
                                ("HB", "市生态环境局栾城分局：", "；")):
            if line.startswith(lead):
                body = line[len(lead):].rstrip("。")
                out[dept] = re.split(sep, body)
    return out


def check():
    report = []

    # departments
    depts = read_csv(os.path.join(FIX, "departments.csv"), ["部门编码", "部门名称", "简称"])
    codes = [d[0] for d in depts]
    expect(len(set(codes)) == len(codes), "duplicate department code")
    expect(all(re.fullmatch(r"[A-Z]{2,4}", c) for c in codes), "department code format")
    dept_by_name = {d[1]: d[0] for d in depts}
    expect(len(dept_by_name) == len(depts), "duplicate department name")

    # calendar
    cal = os.path.join(FIX, "calendar", "cn-calendar-2024-2026.csv")
    if os.path.exists(CALENDAR_SRC):
        expect(open(cal, "rb").read() == open(CALENDAR_SRC, "rb").read(),
               "calendar differs from the shared reference")
    cal_rows = read_csv(cal, ["date", "kind", "name"], allow_crlf=True)
    expect(all(r[1] in ("holiday", "workday") for r in cal_rows), "calendar kind")

    # enterprises
    ents = read_csv(os.path.join(FIX, "luancheng", "enterprises.csv"), ENTERPRISE_HEADER)
    H = {h: i for i, h in enumerate(ENTERPRISE_HEADER)}
    expect(len(ents) >= 520, "only %d enterprises" % len(ents))
    seen_codes, seen_names = set(), set()
    for r in ents:
        code, name = r[H["统一社会信用代码"]], r[H["单位名称"]]
        expect(uscc_is_valid(code), "invalid USCC %s" % code)
        expect(code[:2] in ("91", "92"), "USCC type %s" % code)
        expect(code not in seen_codes, "duplicate USCC %s" % code)
        expect(name not in seen_names, "duplicate name %s" % name)
        seen_codes.add(code)
        seen_names.add(name)
        div = r[H["行政区划代码"]]
        expect(div in ("130111", "130104", "130110", "130182"), "division %s" % div)
        expect(code[2:8] in (div, "130100"), "USCC division %s vs %s" % (code, div))
        expect(re.fullmatch(r"[1-9]\d{3}", r[H["行业代码"]]), "industry code %r" % r[H["行业代码"]])
        expect(r[H["经营状态"]] in STATUSES, "status")
        expect(r[H["排污许可管理类别"]] in PERMITS, "permit")
        for col in ("重点排污单位", "正面清单", "上季度受处罚", "高环境风险", "挂牌督办", "具备非现场检查条件"):
            expect(r[H[col]] in YES_NO, "%s %r" % (col, r[H[col]]))
        expect(r[H["绩效评级"]] in GRADES, "grade")
        expect(r[H["信用风险等级"]] in CREDITS, "credit")
        expect(not (r[H["正面清单"]] == "是" and r[H["上季度受处罚"]] == "是"), "penalised on positive list")
        ds = r[H["监管部门"]].split(";")
        expect(ds and all(d in codes for d in ds) and len(set(ds)) == len(ds),
               "departments %r" % r[H["监管部门"]])
        expect(r[H["法定代表人"]] and r[H["地址"]], "empty person/address")
        labels = dict(kv.split("=", 1) for kv in r[H["标签"]].split(";"))
        expect(len(labels) == 3 and set(labels) == {"乡镇", "行业", "规模"}, "labels %r" % r[H["标签"]])
        expect(labels["乡镇"] in r[H["地址"]], "town label vs address: %r" % r)
        expect(labels["行业"] in INDUSTRY_LABELS, "industry label")
        expect(labels["规模"] in ("规上", "规下"), "scale label")
        if div == "130111":
            expect(r[H["地址"]].startswith("石家庄市栾城区" + labels["乡镇"]), "address %r" % r)
            expect(labels["乡镇"] in LUANCHENG_TOWNS, "town")
        expect(code == code.upper(), "lower-case USCC")
    dept_count = Counter(d for r in ents for d in r[H["监管部门"]].split(";"))
    multi_sl = sum(1 for r in ents if "SL" in r[H["监管部门"]].split(";")
                   and ({"YJ", "HB"} & set(r[H["监管部门"]].split(";"))))
    expect(dept_count["YJ"] >= 200, "YJ enterprises %d < 200" % dept_count["YJ"])
    expect(multi_sl >= 60, "SL+(YJ|HB) enterprises %d < 60" % multi_sl)
    expect(any('"' in r[1] for r in ents) and any("," in r[3] for r in ents), "quoting edge case")

    # inspectors
    insp = read_csv(os.path.join(FIX, "luancheng", "inspectors.csv"), INSPECTOR_HEADER)
    I = {h: i for i, h in enumerate(INSPECTOR_HEADER)}
    certs = [r[I["执法证号"]] for r in insp]
    expect(len(set(certs)) == len(certs), "duplicate certificate")
    expect(len({r[I["姓名"]] for r in insp}) == len(insp), "duplicate inspector name")
    per_dept = Counter()
    qualified = {}
    for r in insp:
        d = r[I["部门"]]
        expect(d in codes or d in dept_by_name, "inspector department %r" % d)
        d = d if d in codes else dept_by_name[d]
        kind = r[I["人员类别"]]
        expect(kind in INSPECTOR_KINDS, "kind")
        expect(r[I["在岗"]] in YES_NO and r[I["性别"]] in ("男", "女"), "duty/gender")
        expect(1 <= int(r[I["从业年限"]]) <= 30, "years")
        expect(re.fullmatch(r"\d{6}", r[I["行政区划代码"]]), "region")
        specs = [s for s in r[I["专长"]].split(";") if s]
        expect(all(s in SPECIALTIES for s in specs), "specialty %r" % r[I["专长"]])
        if kind == "执法人员":
            expect(re.fullmatch(r"130111%s\d{3}" % DEPT_CERT_DIGITS[d], r[I["执法证号"]]),
                   "certificate %r" % r[I["执法证号"]])
        else:
            expect(re.fullmatch(r"ZJ-%s-\d{3}" % d, r[I["执法证号"]]), "expert id")
        per_dept[(d, kind, r[I["在岗"]])] += 1
        if kind == "执法人员" and r[I["在岗"]] == "是":
            for s in specs:
                qualified.setdefault((d, s), 0)
                qualified[(d, s)] += 1
    for d in ("YJ", "SL", "HB", "SC"):
        expect(per_dept[(d, "执法人员", "是")] >= 12, "%s: on-duty inspectors" % d)
        expect(2 <= per_dept[(d, "辅助人员", "是")] <= 3, "%s: auxiliary" % d)
        expect(1 <= per_dept[(d, "执法人员", "否")] <= 2, "%s: off duty" % d)
        total = sum(v for (dd, _, _), v in per_dept.items() if dd == d)
        expect(total >= 14, "%s: %d people" % (d, total))
    for d in ("XF", "CG"):
        expect(3 <= sum(v for (dd, _, _), v in per_dept.items() if dd == d) <= 4, d)

    # items
    items = read_csv(os.path.join(FIX, "luancheng", "items.csv"), ITEM_HEADER)
    J = {h: i for i, h in enumerate(ITEM_HEADER)}
    keys = [(r[0], r[1]) for r in items]
    expect(len(set(keys)) == len(keys), "duplicate item code")
    for r in items:
        d = r[J["部门"]]
        expect(d in codes, "item department %r" % d)
        expect(re.fullmatch(r"%s-\d{3}" % d, r[J["事项编码"]]), "item code %r" % r[1])
        expect(r[J["事项类别"]] in ITEM_CATEGORIES, "category")
        expect(r[J["检查方式"]] in ITEM_METHODS, "method")
        for col in ("抽查事项", "检查内容", "检查对象", "抽查比例及频次", "检查依据"):
            expect(r[J[col]], "empty %s in %s" % (col, r[1]))
        expect(r[J["检查依据"]].startswith("《"), "basis %r" % r[J["检查依据"]])
        s = r[J["所需专长"]]
        if s:
            expect(s in SPECIALTIES, "item specialty %r" % s)
            expect(qualified.get((d, s), 0) >= 2,
                   "%s needs %s but %s has %d qualified on-duty inspectors with it"
                   % (r[1], s, d, qualified.get((d, s), 0)))
    by_dept = {}
    for r in items:
        by_dept.setdefault(r[0], []).append(r[J["抽查事项"]])
    for d, n in SEED_ITEM_COUNTS.items():
        expect(len(by_dept[d]) - n <= 3, "%s: more than 3 extra items" % d)
    expect(8 <= len(by_dept["SC"]) <= 10, "SC item count")
    if os.path.exists(SEED_004):
        seed_text = open(SEED_004, encoding="utf-8").read()
        parsed = seed_items()
        for d, n in SEED_ITEM_COUNTS.items():
            expect(len(parsed[d]) == n, "seed %s has %d items, want %d" % (d, len(parsed[d]), n))
            expect(by_dept[d][:n] == parsed[d], "%s items differ from seed 004" % d)
            for t in by_dept[d][:n]:
                expect(t in seed_text, "not verbatim in seed: %s" % t)
            for t in by_dept[d][n:]:
                expect(t not in parsed[d], "extra item duplicates the seed: %s" % t)
        report.append("seed 004 items verbatim: YJ 3, SL 14, HB 6 (checked against %s)" % SEED_004)
    else:
        report.append("seed 004 not found; verbatim check skipped")

    # summary
    report.append("departments: %d" % len(depts))
    report.append("calendar rows: %d" % len(cal_rows))
    report.append("enterprises: %d" % len(ents))
    report.append("  by department: %s" % ", ".join("%s %d" % (d, dept_count[d]) for d in codes
                                                   if dept_count[d]))
    report.append("  SL together with YJ or HB: %d" % multi_sl)
    combos = Counter(r[H["监管部门"]] for r in ents)
    report.append("  department sets: %s" % ", ".join("%s %d" % kv for kv in
                                                      sorted(combos.items(), key=lambda kv: -kv[1])))
    for col in ("经营状态", "排污许可管理类别", "重点排污单位", "正面清单", "绩效评级", "信用风险等级",
                "上季度受处罚", "高环境风险", "挂牌督办", "具备非现场检查条件", "行政区划代码"):
        c = Counter(r[H[col]] for r in ents)
        report.append("  %s: %s" % (col, ", ".join("%s %d" % (k or "(空)", v)
                                                  for k, v in sorted(c.items(), key=lambda kv: -kv[1]))))
    c = Counter(dict(kv.split("=", 1) for kv in r[H["标签"]].split(";"))["行业"] for r in ents)
    report.append("  行业 label: %s" % ", ".join("%s %d" % kv for kv in sorted(c.items(), key=lambda kv: -kv[1])))
    c = Counter(dict(kv.split("=", 1) for kv in r[H["标签"]].split(";"))["乡镇"] for r in ents)
    report.append("  乡镇 label: %s" % ", ".join("%s %d" % kv for kv in sorted(c.items(), key=lambda kv: -kv[1])))
    report.append("inspectors: %d" % len(insp))
    for d in codes:
        parts = ["%s/%s %d" % (k, "在岗" if o == "是" else "不在岗", v)
                 for (dd, k, o), v in sorted(per_dept.items()) if dd == d]
        if parts:
            report.append("  %s: %s" % (d, ", ".join(parts)))
    report.append("items: %d (%s)" % (len(items), ", ".join("%s %d" % (d, len(by_dept[d]))
                                                           for d in codes if d in by_dept)))
    return report


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check the existing fixtures")
    args = ap.parse_args()
    if not args.check:
        generate()
    try:
        for line in check():
            print(line)
    except CheckFailed as e:
        sys.exit("CHECK FAILED: %s" % e)
    print("all checks passed")


if __name__ == "__main__":
    main()
