#!/usr/bin/env python3
"""Re-check a liancha draw record, independently of liancha (Python 3 standard library only).

    scripts/verify-draw.py FILE.json

FILE.json is a draw record in the format of DRAW.md ("format": "liancha-draw/1"), described field by
field in docs/draw-format.md. For every stratum and every team the script recomputes what DRAW.md
lists under "A record checks out when…":

- snapshot  = SHA-256 of the candidates sorted by UTF-8 bytes, each followed by "\\n";
- quota     ≥ ⌈N·ratio⌉ (exact decimal arithmetic) — or max(⌈N·ratio⌉, minimum) capped at N when
              the stratum carries a "minimum" — and quota ≤ N; for a team, needed ≤ N;
- drawn     = the first quota (team: needed) candidates in ticket order, where
              ticket(id) = SHA-256(seed bytes ‖ UTF-8(scope) ‖ 0x1F ‖ UTF-8(id)), ordered by ticket
              bytes, ties by the UTF-8 bytes of the id;
- commitment = SHA-256 of the seed bytes (and seed = SHA-256(UTF-8(publicEntropy)) when that is given);
- each replacement's "by" is the next candidate of its team in ticket order not already drawn or
  replaced, and the replacement records a reason and an approver.
It also checks that a team's scope is "<draw id>/team/<enterprise>/<department>" and, when the
record also has strata, that its enterprise was drawn in them (a plan's teams are recorded in a
draw of their own, after its enterprises were drawn). All text is NFC-normalised before it is hashed or compared.

Output: one line per stratum, team and replacement, "ok  <scope>  <k> of <N>" or
"MISMATCH <scope>: <first difference>", then "draw <id>: verified" (exit 0) or
"draw <id>: NOT verified (<n> problems)" (exit 1). A file that cannot be read as a draw record
exits 2. A sealed draw whose seed is not yet revealed cannot be recomputed: the checks that need no
seed (snapshots, quotas) are run, and it prints "draw <id>: sealed — commitment <hex>; the seed and
lists are published at reveal" (exit 3), or "NOT verified" (exit 1) if those checks fail.
"""

import hashlib
import json
import math
import re
import sys
import unicodedata
from fractions import Fraction

FORMAT = "liancha-draw/1"
EXIT_VERIFIED, EXIT_NOT_VERIFIED, EXIT_UNREADABLE, EXIT_SEALED = 0, 1, 2, 3
HEX64 = re.compile(r"[0-9a-fA-F]{64}")
RATIO = re.compile(r"(\d+(?:\.\d*)?|\.\d+)([%％]?)")


class Unreadable(Exception):
    """The file is not a draw record this script can read."""


class Mismatch(Exception):
    """The first difference found in one stratum, team or replacement."""


# --- the algorithm of DRAW.md -------------------------------------------------------------------

def utf8(text):
    """UTF-8 bytes of the NFC form: the same characters typed two ways give the same bytes."""
    return unicodedata.normalize("NFC", text).encode("utf-8")


def snapshot(candidates):
    """SHA-256 of the candidates sorted by their UTF-8 bytes, each followed by a line feed."""
    h = hashlib.sha256()
    for b in sorted(utf8(c) for c in candidates):
        h.update(b + b"\n")
    return h.hexdigest()


def ticket(seed, scope, ident):
    """SHA-256(seed bytes ‖ UTF-8(scope) ‖ 0x1F ‖ UTF-8(id)), as bytes."""
    return hashlib.sha256(seed + utf8(scope) + b"\x1f" + utf8(ident)).digest()


def ticket_order(seed, scope, candidates):
    """The candidates by ticket (unsigned bytes), ties by the UTF-8 bytes of the id."""
    return sorted(candidates, key=lambda c: (ticket(seed, scope, c), utf8(c)))


def parse_ratio(text):
    """A ratio as the documents write it ('18%', '0.5%', '0.18', '100%') as an exact Fraction."""
    if not isinstance(text, str):
        raise ValueError(f"ratio {text!r} is not a text such as \"18%\"")
    m = RATIO.fullmatch(text.strip())
    if not m:
        raise ValueError(f"ratio {text!r} is not a decimal ratio (e.g. 18%, 0.5% or 0.18)")
    r = Fraction(m.group(1)) / (100 if m.group(2) else 1)
    if r > 1:
        raise ValueError(f"ratio {text!r} is above 100%")
    return r


def minimum_quota(n, ratio, minimum=None):
    """⌈n·ratio⌉, raised to `minimum` when one is given, never above n."""
    k = math.ceil(n * ratio)
    if minimum is not None:
        k = min(max(k, minimum), n)
    return k


# --- checking one part of a record --------------------------------------------------------------

def nfc(text):
    return unicodedata.normalize("NFC", text)


def field(obj, name, kind, what, nullable=False):
    value = obj.get(name) if isinstance(obj, dict) else None
    if value is None and nullable:
        return None
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if not ok:
        raise Mismatch(f"{what} has no valid \"{name}\"")
    return value


def id_list(obj, name, what, nullable=False):
    value = field(obj, name, list, what, nullable)
    if value is not None and not all(isinstance(x, str) for x in value):
        raise Mismatch(f"\"{name}\" of {what} holds something other than texts")
    return value


def check_candidates(part, what):
    """The candidates, each listed once and none of them also excluded."""
    candidates = id_list(part, "candidates", what)
    seen = set()
    for c in candidates:
        if nfc(c) in seen:
            raise Mismatch(f"candidate {c} is listed twice")
        seen.add(nfc(c))
    for e in field(part, "excluded", list, what, nullable=True) or []:
        ident = e.get("id") if isinstance(e, dict) else None
        if not isinstance(ident, str):
            raise Mismatch("an excluded entry has no \"id\"")
        if nfc(ident) in seen:
            raise Mismatch(f"{ident} is both a candidate and excluded")
    return candidates


def check_snapshot(part, candidates, required):
    if not required and "snapshot" not in part:
        return
    recorded = field(part, "snapshot", str, "this part")
    computed = snapshot(candidates)
    if recorded.lower() != computed:
        raise Mismatch(f"snapshot is {recorded}, the {len(candidates)} candidates hash to {computed}")


def check_drawn(drawn, expected, count_name, order):
    """drawn must be exactly the first `len(expected)` ids of the ticket order."""
    in_order = {nfc(c) for c in order}
    for i, (got, want) in enumerate(zip(drawn, expected), start=1):
        if nfc(got) != nfc(want):
            if nfc(got) not in in_order:
                raise Mismatch(f"drawn #{i} {got} is not a candidate; ticket order gives {want}")
            raise Mismatch(f"drawn #{i} is {got}, ticket order gives {want}")
    if len(drawn) < len(expected):
        raise Mismatch(f"drawn has {len(drawn)} ids, {count_name} is {len(expected)}; "
                       f"next in ticket order is {expected[len(drawn)]}")
    if len(drawn) > len(expected):
        raise Mismatch(f"drawn has {len(drawn)} ids, {count_name} is {len(expected)}")


def check_stratum(s, seed):
    """Returns (k, N); raises Mismatch at the first difference."""
    candidates = check_candidates(s, "the stratum")
    n = len(candidates)
    check_snapshot(s, candidates, required=True)
    try:
        ratio = parse_ratio(s.get("ratio"))
    except ValueError as e:
        raise Mismatch(str(e))
    minimum = field(s, "minimum", int, "the stratum", nullable=True)
    quota = field(s, "quota", int, "the stratum")
    floor = minimum_quota(n, ratio, minimum)
    if quota < floor:
        how = f"⌈{n} × {s['ratio']}⌉ = {math.ceil(n * ratio)}"
        if minimum is not None:
            how = f"max({how}, minimum {minimum}), at most {n}, = {floor}"
        raise Mismatch(f"quota {quota} is below {how}")
    if quota > n:
        raise Mismatch(f"quota {quota} exceeds the {n} candidates")
    if seed is None:
        if s.get("drawn") is not None:
            raise Mismatch("drawn is published while the seed is withheld")
        return quota, n
    drawn = id_list(s, "drawn", "the stratum")
    order = ticket_order(seed, s["scope"], candidates)
    check_drawn(drawn, order[:quota], "quota", order)
    return quota, n


def check_team(t, seed, draw_id, drawn_enterprises):
    enterprise = field(t, "enterprise", str, "the team")
    department = field(t, "department", str, "the team")
    expected_scope = f"{draw_id}/team/{enterprise}/{department}"
    if nfc(t["scope"]) != nfc(expected_scope):
        raise Mismatch(f"scope should be {expected_scope}")
    candidates = check_candidates(t, "the team")
    n = len(candidates)
    check_snapshot(t, candidates, required=False)
    needed = field(t, "needed", int, "the team")
    if needed < 0 or needed > n:
        raise Mismatch(f"needed {needed} is not between 0 and the {n} candidates")
    if seed is None:
        if t.get("drawn") is not None:
            raise Mismatch("drawn is published while the seed is withheld")
        return needed, n
    # A plan's teams may sit in a record of their own (no strata), drawn after its objects were.
    if drawn_enterprises and nfc(enterprise) not in drawn_enterprises:
        raise Mismatch(f"enterprise {enterprise} was not drawn in any stratum")
    drawn = id_list(t, "drawn", "the team")
    order = ticket_order(seed, t["scope"], candidates)
    check_drawn(drawn, order[:needed], "needed", order)
    return needed, n


class TeamState:
    """What a team holds as replacements are applied in record order."""

    def __init__(self, team, seed):
        self.order = ticket_order(seed, team["scope"], team["candidates"])
        self.members = [nfc(x) for x in team["drawn"]]
        self.used = set(self.members)


def check_replacement(r, teams):
    if not isinstance(r, dict):
        raise Mismatch("a replacement is not an object")
    key = (nfc(str(r.get("enterprise"))), nfc(str(r.get("department"))))
    if key not in teams:
        raise Mismatch("the record has no team of this enterprise and department")
    state = teams[key]
    if state is None:
        raise Mismatch("cannot be checked: its team does not check out")
    replaced = field(r, "replaced", str, "the replacement")
    by = field(r, "by", str, "the replacement")
    for name in ("reason", "approvedBy"):
        value = r.get(name)
        if not isinstance(value, str) or not value.strip():
            raise Mismatch(f"no \"{name}\" recorded")
    if nfc(replaced) not in state.members:
        raise Mismatch(f"{replaced} is not on the team")
    following = [c for c in state.order if nfc(c) not in state.used]
    if not following:
        raise Mismatch(f"by is {by}, but no candidate is left in ticket order")
    if nfc(by) != nfc(following[0]):
        raise Mismatch(f"by is {by}, the next candidate in ticket order is {following[0]}")
    state.used.add(nfc(by))
    state.members[state.members.index(nfc(replaced))] = nfc(by)


# --- the record ---------------------------------------------------------------------------------

def load(path):
    try:
        with open(path, "rb") as f:
            record = json.loads(f.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise Unreadable(f"{path}: cannot read a JSON draw record: {e}")
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        found = record.get("format") if isinstance(record, dict) else type(record).__name__
        raise Unreadable(f"{path}: not a {FORMAT} record (format is {found!r})")
    if not isinstance(record.get("id"), str) or not record["id"]:
        raise Unreadable(f"{path}: the record has no \"id\"")
    # DRAW.md's fields are required; those liancha adds (sealed, policy, period, directed, plan, class,
    # className, minimum) may be absent, as in a record written by another implementation.
    for name in ("created", "operator", "purpose", "commitment"):
        if not isinstance(record.get(name), str):
            raise Unreadable(f"{path}: the record has no \"{name}\" (DRAW.md's format requires it)")
    for name in ("strata", "teams", "replacements"):
        value = record.get(name)
        if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
            raise Unreadable(f"{path}: \"{name}\" is not a list of objects (DRAW.md's format requires it)")
    for part in record.get("strata", []) + record.get("teams", []):
        if not isinstance(part.get("scope"), str):
            raise Unreadable(f"{path}: a stratum or team has no \"scope\"")
    return record


def verify(record, out=print):
    """Prints the report of one record; returns the exit status."""
    draw_id = record["id"]
    problems = 0

    def mismatch(scope, message):
        nonlocal problems
        problems += 1
        out(f"MISMATCH {scope}: {message}")

    if record.get("supersedes"):
        out(f"draw {draw_id}: supersedes {record['supersedes']} (reason: {record.get('reason')})")

    def not_verified():
        out(f"draw {draw_id}: NOT verified ({problems} problem{'' if problems == 1 else 's'})")
        return EXIT_NOT_VERIFIED

    seed = None
    seed_hex = record.get("seed")
    commitment = record.get("commitment")
    if seed_hex is None:
        # A seed of null means sealed (DRAW.md); only a record that says it is not sealed contradicts that.
        if record.get("sealed", True) is not True:
            mismatch("seed", "the seed is missing and the draw is not sealed")
            return not_verified()
    elif not isinstance(seed_hex, str) or not HEX64.fullmatch(seed_hex):
        mismatch("seed", f"{seed_hex!r} is not 64 hex characters")
        return not_verified()
    else:
        seed = bytes.fromhex(seed_hex)
    if not isinstance(commitment, str) or not HEX64.fullmatch(commitment):
        mismatch("commitment", f"{commitment!r} is not 64 hex characters")
    elif seed is not None and commitment.lower() != hashlib.sha256(seed).hexdigest():
        mismatch("commitment", f"the record says {commitment}, SHA-256 of the seed is "
                               f"{hashlib.sha256(seed).hexdigest()}")
    entropy = record.get("publicEntropy")
    if seed is not None and entropy is not None:
        derived = hashlib.sha256(utf8(str(entropy))).hexdigest()
        if derived != seed_hex.lower():
            mismatch("publicEntropy", f"SHA-256 of the public entropy text is {derived}, not the seed")

    withheld = seed is None
    drawn_enterprises = set()
    for s in record.get("strata", []):
        # A team is checked against the enterprises the strata name as drawn, even where a stratum
        # fails: that failure is reported once, on the stratum.
        if isinstance(s.get("drawn"), list):
            drawn_enterprises.update(nfc(x) for x in s["drawn"] if isinstance(x, str))
        try:
            k, n = check_stratum(s, seed)
        except Mismatch as e:
            mismatch(s["scope"], str(e))
            continue
        out(f"{'sealed' if withheld else 'ok'}  {s['scope']}  {k} of {n}")

    teams = {}
    for t in record.get("teams", []):
        try:
            k, n = check_team(t, seed, draw_id, drawn_enterprises)
        except Mismatch as e:
            mismatch(t["scope"], str(e))
            teams[(nfc(str(t.get("enterprise"))), nfc(str(t.get("department"))))] = None
            continue
        out(f"{'sealed' if withheld else 'ok'}  {t['scope']}  {k} of {n}")
        if not withheld:
            teams[(nfc(t["enterprise"]), nfc(t["department"]))] = TeamState(t, seed)

    for r in record.get("replacements", []):
        scope = f"{draw_id}/team/{r.get('enterprise')}/{r.get('department')} replacement of {r.get('replaced')}"
        if withheld:
            mismatch(scope, "a replacement is recorded while the seed is withheld")
            continue
        try:
            check_replacement(r, teams)
        except Mismatch as e:
            mismatch(scope, str(e))
            continue
        out(f"ok  {draw_id}/team/{r['enterprise']}/{r['department']}  replacement {r['replaced']} → {r['by']}")

    if problems:
        return not_verified()
    if withheld:
        out(f"draw {draw_id}: sealed — commitment {commitment}; the seed and lists are published at reveal")
        return EXIT_SEALED
    out(f"draw {draw_id}: verified")
    return EXIT_VERIFIED


def main(argv):
    if len(argv) == 2 and argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return EXIT_VERIFIED
    if len(argv) != 2:
        print("usage: scripts/verify-draw.py FILE.json", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        record = load(argv[1])
    except Unreadable as e:
        print(e, file=sys.stderr)
        return EXIT_UNREADABLE
    return verify(record)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
