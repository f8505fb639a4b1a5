"""Self-tests of scripts/verify-draw.py (standard library only).

    python3 -m unittest scripts/test_verify_draw.py        # from the repository root

A draw record is built from the shared vectors A and B of fixtures/draw-vectors.json (two strata,
one seed), with one team and one replacement; it must verify, and each tampering must be reported.
Expected team orders come from a second, independent implementation of the ticket (below), not from
the script under test.
"""

import copy
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "verify-draw.py"
VECTORS = json.loads((ROOT / "fixtures" / "draw-vectors.json").read_text(encoding="utf-8"))

_spec = importlib.util.spec_from_file_location("verify_draw", SCRIPT)
vd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vd)

DRAW_ID = "D2026Q2-0001"
SEED = VECTORS["A"]["seed"]


def independent_order(seed_hex, scope, ids):
    """DRAW.md's order, written out again (ASCII ids and NFC scopes only)."""
    prefix = bytes.fromhex(seed_hex) + scope.encode("utf-8") + b"\x1f"
    return sorted(ids, key=lambda i: (hashlib.sha256(prefix + i.encode("utf-8")).digest(), i.encode("utf-8")))


def stratum(name, cls, class_name):
    v = VECTORS[name]
    return {
        "scope": v["scope"], "class": cls, "className": class_name, "ratio": v["ratio"], "method": "site",
        "candidates": list(v["candidates"]), "snapshot": v["snapshot"],
        "excluded": [{"id": "91130111ZZZZZZZZZZ", "reason": "注销"}],
        "quota": v["k"], "minimum": None, "drawn": list(v["drawn"]),
    }


def build_record():
    a = stratum("A", "key", "重点监管对象")
    b = stratum("B", "credit-b", "信用风险B类")
    enterprise = a["drawn"][0]
    scope = f"{DRAW_ID}/team/{enterprise}/HB"
    inspectors = [f"13011103{n:03d}" for n in range(1, 9)]
    order = independent_order(SEED, scope, inspectors)
    team = {"enterprise": enterprise, "department": "HB", "scope": scope, "candidates": inspectors,
            "excluded": [{"id": "13011103012", "reason": "off duty"}], "needed": 2, "drawn": order[:2]}
    replacement = {"enterprise": enterprise, "department": "HB", "replaced": order[0], "by": order[2],
                   "reason": "病假", "approvedBy": "李某"}
    return {
        "format": "liancha-draw/1", "id": DRAW_ID, "created": "2026-04-01T09:30:00+08:00",
        "operator": "王某", "purpose": "2026Q2 routine draw, test vectors A and B",
        "sealed": False, "policy": "gaocheng-2026", "period": "2026Q2", "directed": [], "plan": None,
        "seed": SEED, "commitment": hashlib.sha256(bytes.fromhex(SEED)).hexdigest(),
        "publicEntropy": None, "supersedes": None, "reason": None,
        "strata": [a, b], "teams": [team], "replacements": [replacement],
    }


def draw_md_only(record):
    """The record without what liancha adds to DRAW.md's format, as another implementation writes it."""
    r = {k: v for k, v in record.items() if k not in ("sealed", "policy", "period", "directed", "plan")}
    r["strata"] = [{k: v for k, v in s.items() if k not in ("class", "className", "minimum")} for s in r["strata"]]
    return r


def run(record=None, raw=None):
    """Runs the script on a record (or raw bytes); returns (exit status, stdout lines, stderr)."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "draw.json")
        with open(path, "wb") as f:
            f.write(raw if raw is not None else json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
        p = subprocess.run([sys.executable, str(SCRIPT), path], capture_output=True, text=True, encoding="utf-8")
    return p.returncode, p.stdout.splitlines(), p.stderr


class AlgorithmTests(unittest.TestCase):
    def test_reproduces_the_shared_vectors(self):
        for name in ("A", "B"):
            v = VECTORS[name]
            seed = bytes.fromhex(v["seed"])
            self.assertEqual(vd.snapshot(v["candidates"]), v["snapshot"])
            self.assertEqual(vd.minimum_quota(len(v["candidates"]), vd.parse_ratio(v["ratio"])), v["k"])
            for ident, t in v["first_ticket"].items():
                self.assertEqual(vd.ticket(seed, v["scope"], ident).hex(), t)
            self.assertEqual(vd.ticket_order(seed, v["scope"], v["candidates"])[:v["k"]], v["drawn"])
            self.assertEqual(vd.ticket_order(seed, v["scope"], v["candidates"][::-1])[:v["k"]], v["drawn"])

    def test_worked_example_of_the_docs(self):
        seed = bytes.fromhex(VECTORS["B"]["seed"])
        self.assertEqual(vd.ticket(seed, "栾联2026006/信用风险B类", "91130111066UK5484K").hex(),
                         "774f0d9f406fb0d716e546393abdaa88dde5425c14450b673734a2546f4ae4b0")

    def test_quota_vectors_in_exact_arithmetic(self):
        for n, ratio, k in [(100, "7%", 7), (47, "3%", 2), (0, "18%", 0), (1, "0.5%", 1), (200, "0.5%", 1),
                            (201, "0.5%", 2), (33, "18%", 6), (10, "25%", 3), (10, "0.25", 3), (40, "100%", 40)]:
            self.assertEqual(vd.minimum_quota(n, vd.parse_ratio(ratio)), k, (n, ratio))
        self.assertEqual(vd.parse_ratio("0.5%"), Fraction(1, 200))
        self.assertEqual(vd.parse_ratio("5％"), Fraction(1, 20))
        for bad in ("abc", "18.5", "101%", "", "1e-2", None, 0.18):
            with self.assertRaises(ValueError, msg=repr(bad)):
                vd.parse_ratio(bad)

    def test_minimum_raises_the_quota_up_to_n(self):
        r = vd.parse_ratio("3%")
        self.assertEqual(vd.minimum_quota(40, r, 10), 10)
        self.assertEqual(vd.minimum_quota(40, r, 1), 2)
        self.assertEqual(vd.minimum_quota(40, r, 50), 40)

    def test_text_is_nfc_normalised(self):
        seed = bytes(32)
        self.assertEqual(vd.ticket(seed, "栾联/\u00e9", "X"), vd.ticket(seed, "栾联/e\u0301", "X"))
        self.assertEqual(vd.snapshot(["\u00e9"]), vd.snapshot(["e\u0301"]))


class RecordTests(unittest.TestCase):
    def assertProblems(self, record, n, *expected_prefixes):
        status, lines, _ = run(record)
        self.assertEqual(status, 1, lines)
        self.assertEqual(lines[-1], f"draw {DRAW_ID}: NOT verified ({n} problem{'' if n == 1 else 's'})")
        for prefix in expected_prefixes:
            self.assertTrue(any(line.startswith(prefix) for line in lines), (prefix, lines))
        return lines

    def test_a_correct_record_verifies(self):
        status, lines, err = run(build_record())
        team = build_record()["teams"][0]
        rep = build_record()["replacements"][0]
        self.assertEqual(status, 0, lines + [err])
        self.assertEqual(lines, [
            "ok  TEST/A  8 of 40",
            "ok  栾联2026006/信用风险B类  2 of 40",
            f"ok  {team['scope']}  2 of 8",
            f"ok  {team['scope']}  replacement {rep['replaced']} → {rep['by']}",
            f"draw {DRAW_ID}: verified",
        ])

    def test_a_tampered_drawn_id_is_reported(self):
        r = build_record()
        outsider = next(c for c in r["strata"][0]["candidates"] if c not in r["strata"][0]["drawn"])
        r["strata"][0]["drawn"][3] = outsider
        self.assertProblems(r, 1, "MISMATCH TEST/A: drawn #4 is " + outsider)

    def test_a_tampered_candidate_is_reported(self):
        r = build_record()
        r["strata"][1]["candidates"][5] = "91130111000000000X"
        self.assertProblems(r, 1, "MISMATCH 栾联2026006/信用风险B类: snapshot is " + VECTORS["B"]["snapshot"] + ", the 40 candidates hash to ")

    def test_a_dropped_candidate_is_reported(self):
        r = build_record()
        r["strata"][0]["candidates"].remove(r["strata"][0]["drawn"][0])
        self.assertProblems(r, 1, "MISMATCH TEST/A: snapshot")

    def test_a_tampered_seed_is_reported(self):
        r = build_record()
        r["seed"] = ("0" if SEED[0] != "0" else "1") + SEED[1:]
        lines = self.assertProblems(r, 5, "MISMATCH commitment: the record says", "MISMATCH TEST/A: drawn #1",
                                    "MISMATCH 栾联2026006/信用风险B类: drawn #1",
                                    f"MISMATCH {r['teams'][0]['scope']}: drawn #1",
                                    f"MISMATCH {r['teams'][0]['scope']} replacement of ")
        self.assertIn("its team does not check out", lines[-2])

    def test_a_seed_matching_a_forged_commitment_still_fails_on_the_lists(self):
        r = build_record()
        r["seed"] = "11" * 32
        r["commitment"] = hashlib.sha256(bytes.fromhex(r["seed"])).hexdigest()
        self.assertProblems(r, 4, "MISMATCH TEST/A: drawn #1")

    def test_a_lowered_quota_is_reported(self):
        r = build_record()
        r["strata"][0]["quota"] = 7
        r["strata"][0]["drawn"] = r["strata"][0]["drawn"][:7]
        self.assertProblems(r, 1, "MISMATCH TEST/A: quota 7 is below ⌈40 × 18%⌉ = 8")

    def test_a_quota_above_the_ratio_is_allowed_when_drawn_follows_it(self):
        r = build_record()
        s = r["strata"][0]
        s["quota"] = 9
        s["drawn"] = independent_order(SEED, s["scope"], s["candidates"])[:9]
        status, lines, _ = run(r)
        self.assertEqual(status, 0, lines)
        self.assertIn("ok  TEST/A  9 of 40", lines)

    def test_a_quota_that_does_not_match_drawn_is_reported(self):
        r = build_record()
        r["strata"][0]["quota"] = 9
        self.assertProblems(r, 1, "MISMATCH TEST/A: drawn has 8 ids, quota is 9; next in ticket order is ")

    def test_a_quota_above_n_is_reported(self):
        r = build_record()
        r["strata"][1]["quota"] = 41
        self.assertProblems(r, 1, "MISMATCH 栾联2026006/信用风险B类: quota 41 exceeds the 40 candidates")

    def test_a_minimum_raises_the_floor(self):
        r = build_record()
        s = r["strata"][1]
        s["minimum"] = 5
        self.assertProblems(r, 1, "MISMATCH 栾联2026006/信用风险B类: quota 2 is below max(⌈40 × 3%⌉ = 2, minimum 5)")
        s["quota"] = 5
        s["drawn"] = independent_order(SEED, s["scope"], s["candidates"])[:5]
        status, lines, _ = run(r)
        self.assertEqual(status, 0, lines)
        self.assertIn("ok  栾联2026006/信用风险B类  5 of 40", lines)
        s["minimum"] = 50            # capped at N: everybody
        s["quota"] = 40
        s["drawn"] = independent_order(SEED, s["scope"], s["candidates"])
        self.assertEqual(run(r)[0], 0)

    def test_a_wrong_replacement_is_reported(self):
        r = build_record()
        team = r["teams"][0]
        order = independent_order(SEED, team["scope"], team["candidates"])
        r["replacements"][0]["by"] = order[3]
        self.assertProblems(r, 1, f"MISMATCH {team['scope']} replacement of {order[0]}: by is {order[3]}, "
                                  f"the next candidate in ticket order is {order[2]}")

    def test_a_second_replacement_takes_the_next_one_again(self):
        r = build_record()
        team = r["teams"][0]
        order = independent_order(SEED, team["scope"], team["candidates"])
        r["replacements"].append({"enterprise": team["enterprise"], "department": "HB", "replaced": order[2],
                                  "by": order[3], "reason": "回避：曾在该企业任职", "approvedBy": "李某"})
        self.assertEqual(run(r)[0], 0)
        r["replacements"][1]["by"] = order[0]        # the replaced one cannot come back
        self.assertProblems(r, 1, f"MISMATCH {team['scope']} replacement of {order[2]}: by is {order[0]}")

    def test_a_replacement_without_approval_is_reported(self):
        r = build_record()
        r["replacements"][0]["approvedBy"] = ""
        self.assertProblems(r, 1, "MISMATCH D2026Q2-0001/team/")

    def test_a_team_with_a_chosen_scope_is_reported(self):
        r = build_record()
        team = r["teams"][0]
        team["scope"] += "x"
        team["drawn"] = independent_order(SEED, team["scope"], team["candidates"])[:2]
        self.assertProblems(r, 2, f"MISMATCH {team['scope']}: scope should be ")

    def test_a_team_for_an_enterprise_not_drawn_is_reported(self):
        r = build_record()
        team = r["teams"][0]
        outsider = next(c for c in r["strata"][0]["candidates"] if c not in r["strata"][0]["drawn"])
        team["enterprise"] = outsider
        team["scope"] = f"{DRAW_ID}/team/{outsider}/HB"
        team["drawn"] = independent_order(SEED, team["scope"], team["candidates"])[:2]
        r["replacements"] = []
        self.assertProblems(r, 1, f"MISMATCH {team['scope']}: enterprise {outsider} was not drawn")

    def test_a_candidate_also_excluded_is_reported(self):
        r = build_record()
        r["strata"][0]["excluded"].append({"id": r["strata"][0]["candidates"][0], "reason": "年度已抽取且未发现问题"})
        self.assertProblems(r, 1, "MISMATCH TEST/A: 91130111066UK5484K is both a candidate and excluded")

    def test_public_entropy_must_give_the_seed(self):
        r = build_record()
        r["publicEntropy"] = "abc"
        seed = hashlib.sha256(b"abc").hexdigest()
        r["seed"] = seed
        r["commitment"] = hashlib.sha256(bytes.fromhex(seed)).hexdigest()
        for s in r["strata"]:
            s["drawn"] = independent_order(seed, s["scope"], s["candidates"])[:s["quota"]]
        team = r["teams"][0]
        team["enterprise"] = r["strata"][0]["drawn"][0]
        team["scope"] = f"{DRAW_ID}/team/{team['enterprise']}/HB"
        order = independent_order(seed, team["scope"], team["candidates"])
        team["drawn"] = order[:2]
        r["replacements"][0].update(enterprise=team["enterprise"], replaced=order[0], by=order[2])
        self.assertEqual(run(r)[0], 0)
        r["publicEntropy"] = "abd"
        self.assertProblems(r, 1, "MISMATCH publicEntropy: ")

    def test_a_superseding_draw_says_so(self):
        r = build_record()
        r["supersedes"] = "D2026Q2-0000"
        r["reason"] = "名录导入错误，重新抽取"
        status, lines, _ = run(r)
        self.assertEqual(status, 0)
        self.assertEqual(lines[0], f"draw {DRAW_ID}: supersedes D2026Q2-0000 (reason: 名录导入错误，重新抽取)")


class SealedAndUnreadableTests(unittest.TestCase):
    def sealed(self):
        r = build_record()
        r["sealed"] = True
        r["seed"] = None
        for s in r["strata"]:
            s["drawn"] = None
        r["teams"] = []
        r["replacements"] = []
        return r

    def test_a_sealed_draw_prints_its_commitment_and_exits_3(self):
        r = self.sealed()
        status, lines, _ = run(r)
        self.assertEqual(status, 3, lines)
        self.assertEqual(lines, [
            "sealed  TEST/A  8 of 40",
            "sealed  栾联2026006/信用风险B类  2 of 40",
            f"draw {DRAW_ID}: sealed — commitment {r['commitment']}; the seed and lists are published at reveal",
        ])

    def test_a_sealed_draw_still_checks_snapshots_and_quotas(self):
        r = self.sealed()
        r["strata"][0]["candidates"].pop()
        r["strata"][1]["quota"] = 1
        status, lines, _ = run(r)
        self.assertEqual(status, 1, lines)
        self.assertEqual(lines[-1], f"draw {DRAW_ID}: NOT verified (2 problems)")

    def test_a_sealed_draw_that_shows_its_lists_is_reported(self):
        r = self.sealed()
        r["strata"][0]["drawn"] = VECTORS["A"]["drawn"]
        self.assertEqual(run(r)[0], 1)

    def test_a_missing_seed_without_sealing_is_reported(self):
        r = self.sealed()
        r["sealed"] = False
        status, lines, _ = run(r)
        self.assertEqual(status, 1)
        self.assertIn("MISMATCH seed: the seed is missing and the draw is not sealed", lines)

    def test_a_malformed_seed_is_reported(self):
        r = build_record()
        r["seed"] = "98feac9f"
        status, lines, _ = run(r)
        self.assertEqual((status, lines), (1, ["MISMATCH seed: '98feac9f' is not 64 hex characters",
                                               f"draw {DRAW_ID}: NOT verified (1 problem)"]))

    def test_a_revealed_sealed_draw_verifies(self):
        r = build_record()
        r["sealed"] = True
        self.assertEqual(run(r)[0], 0)

    def test_a_record_with_only_draw_md_fields_verifies(self):
        r = draw_md_only(build_record())
        self.assertEqual(run(r)[0], 0)
        r["strata"][0]["drawn"][0], r["strata"][0]["drawn"][1] = r["strata"][0]["drawn"][1], r["strata"][0]["drawn"][0]
        self.assertEqual(run(r)[0], 1)

    def test_a_sealed_record_with_only_draw_md_fields_is_sealed(self):
        r = draw_md_only(self.sealed())
        self.assertEqual(run(r)[0], 3)

    def test_a_record_lacking_a_draw_md_field_is_unreadable(self):
        for name in ("commitment", "teams", "strata", "purpose"):
            r = draw_md_only(build_record())
            del r[name]
            self.assertEqual(run(r)[0], 2, name)

    def test_unreadable_files_exit_2(self):
        self.assertEqual(run(raw=b"{not json")[0], 2)
        self.assertEqual(run(raw=b"\xff\xfe")[0], 2)
        self.assertEqual(run(raw=json.dumps({"format": "liancha-draw/2", "id": "D"}).encode())[0], 2)
        self.assertEqual(run(raw=b"[]")[0], 2)
        p = subprocess.run([sys.executable, str(SCRIPT), "/nonexistent/draw.json"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("cannot read", p.stderr)
        p = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)


if __name__ == "__main__":
    unittest.main()
