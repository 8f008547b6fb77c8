#!/usr/bin/env python3
"""Side-by-side throughput benchmark: `redact` against ripgrep, sed and perl.

Run from anywhere; paths are resolved relative to the repository root:

    Benchmarks/compare.py                       # build, 100 MB corpus, 5 repeats
    Benchmarks/compare.py --size-mb 20 --repeats 3 --no-build

Steps (one function each, in this order):
  1. build_redact        swift build -c release --scratch-path .build-bench
  2. build_corpus        ~100 MB of real loghub lines, a fake secret in ~0.5% of them
  3. check_secrets       `redact --check` finds the secrets of a sample; none survive
                         redaction of the whole corpus
  4. export_rules        `redact rules list --json` -> pattern files for rg, rg -P,
                         perl and sed (each with the subset its engine accepts)
  5. time_tools          redact, rg, rg -P, cat on the corpus; perl and sed on a slice;
                         startup of `redact </dev/null` with hyperfine
  6. write_report        Markdown table on stdout and in Benchmarks/results.md

Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import glob
import json
import os
import platform
import random
import re
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
LOGHUB = REPO / "Tests" / "Fixtures" / "loghub"  # vendored, see its NOTICE.md
CORPUS_DIR = BENCH_DIR / "corpus"
RESULTS = BENCH_DIR / "results.md"
SCRATCH = ".build-bench"
GENERATOR_VERSION = 4  # bump when the corpus format changes (invalidates the cache)
MB = 1_000_000  # throughput is in MB/s (10^6 bytes); memory in MiB (2^20 bytes)
MIB = 1024 * 1024


def log(msg: str) -> None:
    print(f"[compare] {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, **kw)


# --------------------------------------------------------------------------- step 0: tools


def ensure_tools() -> None:
    """rg, hyperfine and GNU time; installed with apt-get when missing and running as root."""
    wanted = {"rg": "ripgrep", "hyperfine": "hyperfine", "perl": "perl", "sed": "sed"}
    missing = [pkg for exe, pkg in wanted.items() if shutil.which(exe) is None]
    if not os.path.exists("/usr/bin/time"):
        missing.append("time")
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        log(f"missing tools {missing}; not root (or no apt-get), continuing without them")
        return
    log(f"installing {missing} with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    r = run(["apt-get", "install", "-y", *missing], env=env)
    if r.returncode != 0:
        run(["apt-get", "update"], env=env)
        run(["apt-get", "install", "-y", *missing], env=env)


# --------------------------------------------------------------------------- step 1: build


def build_redact(retries: int) -> Path:
    """Release build in its own scratch folder; retried because the engine is being edited."""
    cmd = ["swift", "build", "-c", "release", "--scratch-path", SCRATCH, "--product", "redact"]
    for attempt in range(1, retries + 1):
        log(f"building: {' '.join(cmd)} (attempt {attempt}/{retries})")
        r = run(cmd, cwd=REPO)
        if r.returncode == 0:
            return REPO / SCRATCH / "release" / "redact"
        if attempt < retries:
            log("build failed; waiting 60 s (in-progress edits?) and retrying")
            time.sleep(60)
    sys.exit("build failed; use --no-build --redact PATH to benchmark an existing binary")


# --------------------------------------------------------------------------- step 2: corpus

ALNUM = string.ascii_letters + string.digits
B32 = string.ascii_uppercase + "234567"


def _rand(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _jwt(rng: random.Random) -> str:
    header = _b64url(b'{"alg":"HS256","typ":"JWT"}')
    claims = {"sub": str(rng.randrange(10**6, 10**9)), "name": _rand(rng, string.ascii_lowercase, 8),
              "iat": rng.randrange(1_600_000_000, 1_750_000_000)}
    payload = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    return f"{header}.{payload}.{_rand(rng, ALNUM + '-_', 43)}"


def _password(rng: random.Random, punct: str = "!#%*+-.") -> str:
    # random, high entropy, no quotes/separators so every form below stays well-formed
    return _rand(rng, ALNUM, rng.randint(3, 6)) + rng.choice(punct) + _rand(rng, ALNUM, rng.randint(8, 14))


def make_secret(kind: str, rng: random.Random) -> tuple[str, str]:
    """Return (fragment inserted into the line, the secret inside it that must disappear)."""
    if kind == "bearer-jwt":
        s = _jwt(rng)
        form = rng.choice(["Authorization: Bearer {s}", '"Authorization": "Bearer {s}"',
                           "authorization=\"Bearer {s}\""])
    elif kind == "password":
        s = _password(rng)
        form = rng.choice(["password={s}", "password: {s}", '"password": "{s}"', "db_password={s}",
                           "--password {s}", "PGPASSWORD={s}"])
    elif kind == "github-pat":
        s = "ghp_" + _rand(rng, ALNUM, 36)
        form = rng.choice(["{s}", "token {s} accepted", "GITHUB_TOKEN={s}"])
    elif kind == "aws-akid":
        s = "AKIA" + _rand(rng, B32, 16)
        form = rng.choice(["{s}", "AccessKeyId={s}", "aws_access_key_id: {s}"])
    elif kind == "slack-bot":
        s = f"xoxb-{_rand(rng, string.digits, rng.randint(10, 13))}-{_rand(rng, string.digits, rng.randint(10, 13))}-{_rand(rng, ALNUM, 24)}"
        form = rng.choice(["{s}", "slack token={s}", "SLACK_BOT_TOKEN={s}"])
    elif kind == "stripe-live":
        s = "sk_live_" + _rand(rng, ALNUM, rng.choice([24, 32, 99]))
        form = rng.choice(["{s}", "stripe.api_key={s}", "key {s}"])
    elif kind == "postgres-url":
        s = _password(rng, punct="!*+-._~")  # valid in URL userinfo without percent-encoding ('#' is not)
        user = rng.choice(["app", "postgres", "svc_orders", "reporting"])
        host = rng.choice(["db.internal", "10.0.3.17:5432", "pg-primary.prod.svc"])
        form = "postgres://" + user + ":{s}@" + host + "/" + rng.choice(["orders", "app", "metrics"])
    elif kind == "access-token-query":
        s = _rand(rng, ALNUM + "-_", rng.randint(28, 40))
        form = rng.choice(["GET /api/v2/items?access_token={s}&page=2 HTTP/1.1",
                           "url=https://api.example.com/v1/me?access_token={s}",
                           "callback /oauth/cb?state=xyz&access_token={s}"])
    else:
        raise ValueError(kind)
    return form.format(s=s), s


SECRET_KINDS = ["bearer-jwt", "password", "github-pat", "aws-akid", "slack-bot", "stripe-live",
                "postgres-url", "access-token-query"]


def load_log_lines() -> list[bytes]:
    """All lines of the loghub files. CR is stripped: every corpus line ends in LF only."""
    files = sorted(glob.glob(str(LOGHUB / "*.log")))
    if not files:
        sys.exit(f"no log files in {LOGHUB}")
    lines = []
    for f in files:
        with open(f, "rb") as fh:
            for line in fh.read().split(b"\n"):
                line = line.rstrip(b"\r")
                if line:
                    lines.append(line)
    return lines


@dataclass
class Corpus:
    path: Path
    manifest: Path
    size: int
    lines: int
    secrets: list  # [line_index, kind, secret, byte_offset]
    sources: int


def build_corpus(size_mb: float, seed: int, rate: float) -> Corpus:
    """Shuffle-cycle the real lines until ~size_mb; insert a secret into `rate` of them."""
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    tag = f"{size_mb:g}mb-seed{seed}-rate{rate:g}"
    path = CORPUS_DIR / f"corpus-{tag}.log"
    manifest = CORPUS_DIR / f"corpus-{tag}.json"
    params = {"size_mb": size_mb, "seed": seed, "rate": rate, "generator": GENERATOR_VERSION}
    if path.exists() and manifest.exists():
        m = json.loads(manifest.read_text())
        if m.get("params") == params and path.stat().st_size == m["size"]:
            log(f"reusing corpus {path.relative_to(REPO)}")
            return Corpus(path, manifest, m["size"], m["lines"], m["secrets"], m["sources"])
    pool = load_log_lines()
    log(f"building corpus {path.relative_to(REPO)} from {len(pool)} real lines")
    rng = random.Random(seed)
    target = int(size_mb * MB)
    written = n = 0
    secrets = []
    order: list[int] = []
    with open(path, "wb", buffering=4 * MIB) as out:
        while written < target:
            if not order:
                order = list(range(len(pool)))
                rng.shuffle(order)
            line = pool[order.pop()]
            if rng.random() < rate:
                kind = SECRET_KINDS[len(secrets) % len(SECRET_KINDS)]
                fragment, secret = make_secret(kind, rng)
                spaces = [i for i, b in enumerate(line) if b == 0x20]
                at = rng.choice(spaces) if spaces else len(line)
                left = line[:at] + b" "
                line = left + fragment.encode() + line[at:]
                secrets.append([n, kind, secret, len(left) + fragment.index(secret)])
            out.write(line + b"\n")
            written += len(line) + 1
            n += 1
    m = {"params": params, "size": written, "lines": n, "sources": len(pool), "secrets": secrets}
    manifest.write_text(json.dumps(m))
    return Corpus(path, manifest, written, n, secrets, len(pool))


def make_slice(corpus: Corpus, slice_mb: float) -> Path:
    """The first slice_mb of the corpus, cut at a line end (for the slow peers)."""
    path = CORPUS_DIR / f"{corpus.path.stem}-slice{slice_mb:g}mb.log"
    if path.exists() and path.stat().st_mtime >= corpus.path.stat().st_mtime:
        return path
    with open(corpus.path, "rb") as f:
        data = f.read(int(slice_mb * MB))
    data = data[: data.rfind(b"\n") + 1]
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- step 3: secrets


@dataclass
class SecretCheck:
    sample_lines: int = 0
    sample_found: int = 0
    sample_missed: list = field(default_factory=list)  # (kind, fragment-of-line description)
    inserted: int = 0
    survived: int = 0
    survived_by_kind: dict = field(default_factory=dict)
    clean_lines_changed: int = 0
    clean_changed_examples: list = field(default_factory=list)
    stats_stderr: str = ""
    sample_input: bytes = b""   # the sample lines, reused to check that every peer masks them
    sample_secrets: list = field(default_factory=list)


def check_secrets(redact: Path, corpus: Corpus, per_kind: int) -> SecretCheck:
    res = SecretCheck(inserted=len(corpus.secrets))
    # 3a. sample: `redact --check --format json` must report a finding covering every secret
    sample, seen = [], {}
    for entry in corpus.secrets:
        if seen.get(entry[1], 0) < per_kind:
            seen[entry[1]] = seen.get(entry[1], 0) + 1
            sample.append(entry)
    wanted = {e[0] for e in sample}
    lines = {}
    with open(corpus.path, "rb") as f:
        for i, line in enumerate(f):
            if i in wanted:
                lines[i] = line
            if len(lines) == len(wanted):
                break
    sample_input = b"".join(lines[e[0]] for e in sample)
    r = run([str(redact), "--check", "--format", "json"], input=sample_input, capture_output=True)
    if r.returncode not in (0, 1):
        sys.exit(f"redact --check failed ({r.returncode}): {r.stderr.decode(errors='replace')}")
    findings: dict[int, list] = {}
    for fnd in json.loads(r.stdout or b"[]"):
        findings.setdefault(fnd["line"], []).append((fnd["column"] - 1, fnd["column"] - 1 + fnd["length"], fnd["rule"]))
    for k, (_, kind, secret, off) in enumerate(sample, start=1):
        covered = set()
        for a, b, _rule in findings.get(k, []):
            covered.update(range(a, b))
        if all(p in covered for p in range(off, off + len(secret.encode()))):
            res.sample_found += 1
        else:
            res.sample_missed.append((kind, [f[2] for f in findings.get(k, [])]))
    res.sample_lines = len(sample)
    res.sample_input, res.sample_secrets = sample_input, [e[2] for e in sample]

    # 3b. full corpus: redact it once, no inserted secret may survive; count changed clean lines
    out_path = CORPUS_DIR / "redacted.tmp"
    with open(corpus.path, "rb") as fin, open(out_path, "wb") as fout:
        r = run([str(redact), "--stats"], stdin=fin, stdout=fout, stderr=subprocess.PIPE)
    res.stats_stderr = r.stderr.decode(errors="replace")
    if r.returncode != 0:
        sys.exit(f"redact failed on the corpus ({r.returncode}): {res.stats_stderr}")
    by_line = {e[0]: e for e in corpus.secrets}
    with open(corpus.path, "rb") as fa, open(out_path, "rb") as fb:
        for i, (a, b) in enumerate(zip(fa, fb)):
            e = by_line.get(i)
            if e is not None:
                if e[2].encode() in b:
                    res.survived += 1
                    res.survived_by_kind[e[1]] = res.survived_by_kind.get(e[1], 0) + 1
            elif a != b:
                res.clean_lines_changed += 1
                if len(res.clean_changed_examples) < 5:
                    res.clean_changed_examples.append((a.rstrip(b"\n")[:200].decode(errors="replace"),
                                                       b.rstrip(b"\n")[:200].decode(errors="replace")))
    out_path.unlink()
    return res


# --------------------------------------------------------------------------- step 4: rules


@dataclass
class RuleSet:
    rules: list
    files: dict = field(default_factory=dict)       # engine -> pattern file
    accepted: dict = field(default_factory=dict)    # engine -> [ids]
    rejected: dict = field(default_factory=dict)    # engine -> [(id, reason)]
    rg_flags: dict = field(default_factory=dict)    # engine -> extra rg flags the whole set needs
    rg_note: dict = field(default_factory=dict)     # engine -> why


def export_rules(redact: Path, rg_pcre2: bool) -> RuleSet:
    r = run([str(redact), "rules", "list", "--json"], capture_output=True, check=True)
    rules = json.loads(r.stdout)
    rs = RuleSet(rules)
    workdir = CORPUS_DIR / "patterns"
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "all.txt").write_text("".join(x["regex"] + "\n" for x in rules))

    def probe_rg(extra):  # rg -e REGEX on empty input: exit 0/1 = accepted, 2 = rejected
        ok, bad = [], []
        for x in rules:
            p = run(["rg", "--no-config", *extra, "-e", x["regex"]], input=b"", capture_output=True)
            if p.returncode in (0, 1):
                ok.append(x)
            else:
                bad.append((x["id"], first_line(p.stderr)))
        return ok, bad

    engines = [("rg", []), ("rg-pcre2", ["-P"])] if rg_pcre2 else [("rg", [])]
    for name, extra in engines:
        if shutil.which("rg") is None:
            break
        ok, bad = probe_rg(extra)
        rs.accepted[name] = [x["id"] for x in ok]
        rs.rejected[name] = bad
        rs.files[name] = workdir / f"{name}.txt"
        rs.files[name].write_text("".join(x["regex"] + "\n" for x in ok))
        # each pattern compiles alone; all together may exceed the Rust regex size limits
        rs.rg_flags[name] = []
        p = run(["rg", "--no-config", *extra, "-f", str(rs.files[name])], input=b"", capture_output=True)
        if p.returncode == 2 and b"size limit" in p.stderr:
            log(f"{name}: {first_line(p.stderr)} -> raising --regex-size-limit/--dfa-size-limit to 1G")
            rs.rg_flags[name] = ["--regex-size-limit", "1G", "--dfa-size-limit", "1G"]
            rs.rg_note[name] = first_line(p.stderr)

    # perl: compile every pattern as qr//, byte semantics (no `use utf8`)
    probe = r'''while (my $p = <STDIN>) { chomp $p; my $r = eval { qr/$p/ };
                 print defined $r ? "ok\n" : "bad " . ((split /\n/, $@)[0]) . "\n" }'''
    p = run(["perl", "-e", probe], input=(workdir / "all.txt").read_bytes(), capture_output=True)
    verdicts = p.stdout.decode().splitlines()
    ok = [x for x, v in zip(rules, verdicts) if v == "ok"]
    rs.accepted["perl"] = [x["id"] for x in ok]
    rs.rejected["perl"] = [(x["id"], v[4:]) for x, v in zip(rules, verdicts) if v != "ok"]
    rs.files["perl"] = workdir / "perl.txt"
    rs.files["perl"].write_text("".join(x["regex"] + "\n" for x in ok))

    # sed -E: translate PCRE2 to POSIX ERE where that is exact, else skip the rule
    script, ok_ids, bad = [], [], []
    for x in rules:
        try:
            ere, icase = pcre_to_ere(x["regex"])
        except Unsupported as e:
            bad.append((x["id"], str(e)))
            continue
        delim = next((d for d in "/#%@!,~;|" if d not in ere), "\x01")
        cmd = f"s{delim}{ere}{delim}***{delim}g" + ("I" if icase else "")
        t = run(["sed", "-E", "-e", cmd], input=b"", capture_output=True, env=c_locale())
        if t.returncode != 0:
            bad.append((x["id"], "sed: " + first_line(t.stderr)))
            continue
        script.append(cmd)
        ok_ids.append(x["id"])
    rs.accepted["sed"] = ok_ids
    rs.rejected["sed"] = bad
    rs.files["sed"] = workdir / "sed.sed"
    rs.files["sed"].write_text("".join(s + "\n" for s in script))
    return rs


def first_line(b: bytes) -> str:
    s = b.decode(errors="replace").strip().splitlines()
    return (s[0] if s else "").strip()[:160]


def c_locale() -> dict:
    return dict(os.environ, LC_ALL="C")


class Unsupported(Exception):
    pass


_ERE_SPECIAL = set(".[]()*+?{}|^$\\")
_CLASS_ESC = {"d": "[:digit:]", "w": "[:alnum:]_", "s": "[:space:]"}
_OUT_ESC = {"d": "[0-9]", "D": "[^0-9]", "w": "[[:alnum:]_]", "W": "[^[:alnum:]_]",
            "s": "[[:space:]]", "S": "[^[:space:]]", "b": "\\b", "B": "\\B", "A": "^", "z": "$", "Z": "$"}
_CTRL = {"t": "\t", "r": "\r", "f": "\f", "v": "\v", "e": "\x1b", "a": "\x07"}


def pcre_to_ere(p: str) -> tuple[str, bool]:
    """Translate a PCRE2 pattern to a GNU sed -E (POSIX ERE) one with the same matches.

    Handles (?:...), a leading (?i) (-> sed's I flag), scoped (?i:...) (letters expanded to
    [aA]), \\d \\w \\s and their negations, \\b, \\xHH, escapes inside classes and greedy
    quantifiers. Raises Unsupported for what ERE cannot express exactly: lookaround,
    backreferences, lazy or possessive quantifiers, atomic groups, \\K, \\n, unicode classes.
    ERE is leftmost-longest where PCRE is leftmost-first, so alternations can match a longer
    span; that is accepted (it changes what is replaced, not the work done).
    """
    i, out = 0, []
    icase_all = False
    if p.startswith("(?i)"):
        icase_all, i = True, 4
    stack = [False]  # case-insensitive scope per open group (beyond icase_all)
    n = len(p)

    def lit(ch: str) -> str:
        if ch in "\n\x00":
            raise Unsupported("newline/NUL literal")
        if stack[-1] and ch.isalpha() and ch.isascii():
            return f"[{ch.lower()}{ch.upper()}]"
        return "\\" + ch if ch in _ERE_SPECIAL else ch

    def quantifier_follows(j: int) -> bool:
        return j < n and p[j] in "*+?{"

    while i < n:
        c = p[i]
        if c == "\\":
            if i + 1 >= n:
                raise Unsupported("trailing backslash")
            e = p[i + 1]
            i += 2
            if e in _OUT_ESC:
                out.append(_OUT_ESC[e])
            elif e in _CTRL:
                out.append(_CTRL[e])
            elif e == "x":
                ch, i = _hex_escape(p, i)
                out.append(lit(ch))
            elif e.isalnum():
                raise Unsupported(f"escape \\{e}")
            else:
                out.append(lit(e))
        elif c == "[":
            cls, i = _class_to_ere(p, i, stack[-1])
            out.append(cls)
        elif c == "(":
            if p.startswith("(?:", i):
                stack.append(stack[-1]); i += 3
            elif p.startswith("(?i:", i):
                stack.append(True); i += 4
            elif p.startswith("(?-i:", i):
                if icase_all:
                    raise Unsupported("(?-i:) inside (?i)")
                stack.append(False); i += 5
            elif p.startswith("(?", i):
                raise Unsupported("group " + p[i:i + 4])
            else:
                stack.append(stack[-1]); i += 1
            out.append("(")
        elif c == ")":
            if len(stack) == 1:
                raise Unsupported("unbalanced )")
            stack.pop(); out.append(")"); i += 1
        elif c in "*+?":
            out.append(c); i += 1
            if i < n and p[i] in "?+":
                raise Unsupported("lazy/possessive quantifier")
        elif c == "{":
            m = re.match(r"\{(\d+)(,(\d*))?\}", p[i:])
            if not m:
                out.append("\\{"); i += 1
                continue
            if m.group(2) and not m.group(3):
                out.append("{%s,}" % m.group(1))
            else:
                out.append(m.group(0))
            i += m.end()
            if i < n and p[i] in "?+":
                raise Unsupported("lazy/possessive quantifier")
        elif c in "^$|.":
            out.append(c); i += 1
        else:
            out.append(lit(c)); i += 1
    if len(stack) != 1:
        raise Unsupported("unbalanced (")
    return "".join(out), icase_all


def _hex_escape(p: str, i: int) -> tuple[str, int]:
    if p.startswith("{", i):
        j = p.index("}", i)
        return chr(int(p[i + 1:j], 16)), j + 1
    return chr(int(p[i:i + 2], 16)), i + 2


def _class_to_ere(p: str, i: int, icase: bool) -> tuple[str, int]:
    """Translate the bracket expression starting at p[i] == '['; return (ERE, index after)."""
    i += 1
    neg = p.startswith("^", i)
    if neg:
        i += 1
    chars: set[str] = set()
    ranges: list[tuple[str, str]] = []
    named: list[str] = []
    first = True
    while True:
        if i >= len(p):
            raise Unsupported("unterminated class")
        c = p[i]
        if c == "]" and not first:
            i += 1
            break
        first = False
        if p.startswith("[:", i):
            j = p.index(":]", i)
            named.append(p[i:j + 2]); i = j + 2
            continue
        if c == "\\":
            e = p[i + 1]
            i += 2
            if e in _CLASS_ESC:
                named.append(_CLASS_ESC[e]); continue
            if e in "DWS" or e in "pPhHvVRN":
                raise Unsupported(f"\\{e} inside a class")
            if e == "n":
                continue  # sed never sees a newline inside a line
            if e in _CTRL:
                ch = _CTRL[e]
            elif e == "x":
                ch, i = _hex_escape(p, i)
            elif e.isalnum():
                raise Unsupported(f"class escape \\{e}")
            else:
                ch = e
        else:
            ch = c
            i += 1
        # a range?
        if p.startswith("-", i) and i + 1 < len(p) and p[i + 1] != "]":
            hi = p[i + 1]
            i += 2
            if hi == "\\":
                e = p[i]; i += 1
                if e == "x":
                    hi, i = _hex_escape(p, i)
                elif e.isalnum():
                    raise Unsupported("class range with escape")
                else:
                    hi = e
            ranges.append((ch, hi))
        else:
            chars.add(ch)
    if "\x00" in chars:
        raise Unsupported("NUL in class")
    if icase:
        for ch in list(chars):
            if ch.isascii() and ch.isalpha():
                chars.update({ch.lower(), ch.upper()})
        for lo, hi in list(ranges):
            if lo.isascii() and hi.isascii() and lo.isalpha() and hi.isalpha():
                if lo.islower() == hi.islower():
                    ranges.append((lo.swapcase(), hi.swapcase()))
                else:
                    raise Unsupported("mixed-case range under (?i:)")
    for lo, hi in ranges:
        if _range_special(lo, hi):
            raise Unsupported("class range with ] [ - ^ endpoint")
    body = "".join(named) + "".join(lo if lo == hi else f"{lo}-{hi}" for lo, hi in ranges)
    plain = "".join(sorted(ch for ch in chars if ch not in "]-^["))
    # POSIX bracket placement: ']' first, '^' not first, '[' and '-' last
    out = ("]" if "]" in chars else "") + body + plain
    if "^" in chars:
        if not out:
            raise Unsupported("class of only ^ [ -")
        out += "^"
    out += ("[" if "[" in chars else "") + ("-" if "-" in chars else "")
    if not out:
        raise Unsupported("empty class")
    return ("[^" if neg else "[") + out + "]", i


def _range_special(lo: str, hi: str) -> bool:
    return lo in "]-^[" or hi in "]-^["


# --------------------------------------------------------------------------- step 5: timing


@dataclass
class Timing:
    name: str
    cmd: list
    input: Path
    rules: str
    times: list = field(default_factory=list)
    rss_kib: list = field(default_factory=list)
    cpu: list = field(default_factory=list)  # user + sys seconds per run
    error: str = ""
    sanity: str = "-"
    ok_codes: tuple = (0,)  # rg exits 1 when nothing matched, also with --passthru

    @property
    def size(self) -> int:
        return self.input.stat().st_size

    def mbps(self, t: float) -> float:
        return self.size / t / MB

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def best(self) -> float:
        return min(self.times)


def measure(t: Timing, repeats: int, warmup: int, pin: str | None, timeout: float, quiet: bool = False) -> Timing:
    """Run t.cmd < t.input > /dev/null; wall time with perf_counter, peak RSS from GNU time.

    GNU time (a small C process) forks the tool; the peak RSS it reports is the tool's own.
    Measuring with os.wait4 from Python would inherit Python's RSS through vfork+exec.
    """
    gnu_time = os.path.exists("/usr/bin/time")
    base = (["taskset", "-c", pin] if pin is not None else []) + t.cmd
    if not quiet:
        log(f"timing {t.name}: {' '.join(map(str, base))} < {t.input.name} ({warmup} warm-up + {repeats})")
    for k in range(warmup + repeats):
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, open(t.input, "rb") as fin:
            cmd = (["/usr/bin/time", "-f", "%M %U %S", "-o", rss.name] if gnu_time else []) + base
            start = time.perf_counter()
            p = subprocess.Popen(cmd, stdin=fin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 env=c_locale())
            try:
                _, err = p.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                p.kill(); p.communicate()
                t.error = f"timed out after {timeout:g} s"
                log(f"  {t.name}: {t.error}")
                return t
            elapsed = time.perf_counter() - start
            if p.returncode not in t.ok_codes:
                t.error = f"exit {p.returncode}: {first_line(err)}"
                log(f"  {t.name}: {t.error}")
                return t
            if k < warmup:
                continue
            t.times.append(elapsed)
            rss.seek(0)
            txt = rss.read().strip().splitlines()
            fields = txt[-1].split() if txt else []
            if len(fields) == 3 and fields[0].isdigit():
                t.rss_kib.append(int(fields[0]))
                t.cpu.append(float(fields[1]) + float(fields[2]))
        if not quiet:
            log(f"  run {k - warmup + 1}: {elapsed:.3f} s ({t.mbps(elapsed):.1f} MB/s)")
    return t


def measure_startup(redact: Path, runs: int, pin: str | None) -> dict:
    """`redact </dev/null` wall time: hyperfine (shell spawn subtracted), else own loop."""
    prefix = f"taskset -c {pin} " if pin is not None else ""
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as js:
            r = run(["hyperfine", "--style", "none", "--warmup", "5", "--runs", str(runs), "--export-json", js.name,
                     f"{prefix}{redact} </dev/null"], capture_output=True)
            if r.returncode == 0:
                res = json.load(open(js.name))["results"][0]
                return {"tool": "hyperfine", "runs": runs, "min": res["min"], "median": res["median"],
                        "mean": res["mean"], "max": res["max"]}
            log(f"hyperfine failed: {first_line(r.stderr)}; timing it myself")
    times = []
    for _ in range(runs + 5):
        s = time.perf_counter()
        run((["taskset", "-c", pin] if pin is not None else []) + [str(redact)], stdin=subprocess.DEVNULL)
        times.append(time.perf_counter() - s)
    times = times[5:]
    return {"tool": "perf_counter (fork+exec included)", "runs": runs, "min": min(times),
            "median": statistics.median(times), "mean": statistics.mean(times), "max": max(times)}


def time_tools(args, redact: Path, corpus: Corpus, slice_path: Path, rs: RuleSet, sc: SecretCheck) -> list:
    n_all = len(rs.rules)
    pin = None if args.no_pin else str(args.cpu)
    rg_common = ["--no-config", "--passthru", "-N", "--no-filename", "-r", "***"]
    plan = [Timing("cat (I/O floor)", ["cat"], corpus.path, "-"),
            Timing("redact", [str(redact)], corpus.path, f"{n_all} (all built-in packs)")]
    for name, label, extra, what in [("rg", "rg", [], "Rust regex"), ("rg-pcre2", "rg -P", ["-P"], "PCRE2")]:
        if name not in rs.files:
            continue
        flags = rs.rg_flags.get(name, [])
        note = f"; needs {' '.join(flags)}" if flags else ""
        plan.append(Timing(label, ["rg", *extra, *rg_common, *flags, "-f", str(rs.files[name])], corpus.path,
                           f"{len(rs.accepted[name])} of {n_all} ({what} accepts{note})", ok_codes=(0, 1)))
    if args.slice_mb > 0:
        plan.append(Timing("redact (slice)", [str(redact)], slice_path, f"{n_all} (all built-in packs)"))
        perl = ('BEGIN { open my $f, "<", $ENV{PATTERNS} or die "$!"; chomp(my @p = <$f>); '
                '@re = map { qr/$_/ } @p } for my $r (@re) { s/$r/***/g }')
        plan.append(Timing("perl -pe", ["env", f"PATTERNS={rs.files['perl']}", "perl", "-pe", perl], slice_path,
                           f"{len(rs.accepted['perl'])} of {n_all} (loop of qr//, s///g each)"))
        plan.append(Timing("sed -E", ["sed", "-E", "-f", str(rs.files["sed"])], slice_path,
                           f"{len(rs.accepted['sed'])} of {n_all} (translated to POSIX ERE)"))
    # warm the page cache for both inputs
    for path in {corpus.path, slice_path}:
        with open(path, "rb") as f:
            while f.read(8 * MIB):
                pass
    results = []
    for t in plan:
        if t.cmd[0] != "env" and shutil.which(t.cmd[0]) is None and not Path(t.cmd[0]).exists():
            t.error = "not installed"
            results.append(t)
            continue
        t.sanity = sanity(t, sc)
        if t.name.startswith("rg") and args.slice_mb > 0 and corpus.path != slice_path:
            projected = project_full_time(t, corpus, slice_path, pin, args.timeout)
            log(f"  {t.name}: projected {projected:.1f} s per run on the full corpus")
            if projected > args.budget:
                log(f"  {t.name}: projected {projected:.0f} s per run on the full corpus > --budget "
                    f"{args.budget:g} s: timing it on the slice")
                t.input = slice_path
        slow = t.input == slice_path and t.name != "redact (slice)"
        results.append(measure(t, 1 if slow and args.repeats > 1 and args.quick_slow else args.repeats,
                               args.warmup, pin, args.timeout))
    return results


def sanity(t: Timing, sc: SecretCheck) -> str:
    """Run the tool on the --check sample: how many of its inserted secrets it masks."""
    if t.name.startswith("cat") or not sc.sample_secrets:
        return "-"
    p = run(t.cmd, input=sc.sample_input, capture_output=True, env=c_locale())
    if p.returncode not in t.ok_codes:
        return f"exit {p.returncode}"
    out = p.stdout.split(b"\n")
    masked = sum(1 for k, s in enumerate(sc.sample_secrets) if k < len(out) and s.encode() not in out[k])
    return f"{masked}/{len(sc.sample_secrets)}"


def project_full_time(t: Timing, corpus: Corpus, slice_path: Path, pin: str | None, timeout: float) -> float:
    """Time one run on a tenth of the slice and one on the slice; extrapolate (fixed cost + rate)."""
    tenth = slice_path.with_name(slice_path.stem + "-tenth.log")
    data = slice_path.read_bytes()
    data = data[: len(data) // 10]
    tenth.write_bytes(data[: data.rfind(b"\n") + 1])
    points = []
    for path in (tenth, slice_path):
        probe = measure(Timing(t.name + " (probe)", t.cmd, path, t.rules, ok_codes=t.ok_codes), 1, 0, pin,
                        timeout, quiet=True)
        if probe.error:
            tenth.unlink()
            return float("inf")
        points.append((path.stat().st_size, probe.times[0]))
    tenth.unlink()
    (s1, t1), (s2, t2) = points
    log(f"  {t.name} probe: {s1 / MB:.2f} MB in {t1:.2f} s, {s2 / MB:.2f} MB in {t2:.2f} s")
    rate = max(t2 - t1, 1e-9) / (s2 - s1)
    return t1 + rate * (corpus.size - s1)


def disable_probe(args, redact: Path, corpus: Corpus, rs: RuleSet, pin: str | None) -> list:
    """Optional: redact throughput with one pack only (--no-builtin is not a pack selector,
    so each pack is measured by disabling the other three)."""
    packs = sorted({x["pack"] for x in rs.rules})
    out = []
    empty = CORPUS_DIR / "patterns" / "empty.toml"
    empty.write_text("# no rules: redact as a pass-through, the floor of reading, line splitting, writing\n")
    out.append(measure(Timing("redact, no rules", [str(redact), "--no-builtin", "-r", str(empty)], corpus.path, "0"),
                       max(1, args.repeats // 2), 1, pin, args.timeout))
    for pack in packs:
        others = [q for q in packs if q != pack]
        cmd = [str(redact)] + [a for q in others for a in ("--disable", q)]
        t = measure(Timing(f"redact, {pack} pack only", cmd, corpus.path,
                           f"{sum(1 for x in rs.rules if x['pack'] == pack)}"), max(1, args.repeats // 2), 1, pin,
                    args.timeout)
        out.append(t)
    return out


# --------------------------------------------------------------------------- step 6: report


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem": mem, "kernel": platform.release(), "load": load}


def version_of(cmd) -> str:
    try:
        r = run(cmd, capture_output=True)
        return first_line(r.stdout or r.stderr)
    except OSError:
        return "not installed"


def fmt_table(results: list, rg_mbps: float | None) -> list:
    rows = ["| tool | rules used | input | median s | min s | CPU s | MB/s (median) | MB/s (best) | vs rg "
            "| peak RSS MiB | sample secrets masked |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for t in results:
        inp = f"{t.size / MB:.1f} MB" + (" (slice)" if "slice" in t.input.name else "")
        if t.error or not t.times:
            rows.append(f"| {t.name} | {t.rules} | {inp} | – | – | – | {t.error or 'no runs'} | | | | {t.sanity} |")
            continue
        ratio = f"{t.mbps(t.median) / rg_mbps:.2f}x" if rg_mbps else "–"
        rss = f"{max(t.rss_kib) / 1024:.1f}" if t.rss_kib else "?"
        cpu = f"{statistics.median(t.cpu):.2f}" if t.cpu else "?"
        rows.append(f"| {t.name} | {t.rules} | {inp} | {t.median:.3f} | {t.best:.3f} | {cpu} | {t.mbps(t.median):.1f} | "
                    f"{t.mbps(t.best):.1f} | {ratio} | {rss} | {t.sanity} |")
    return rows


def write_report(args, redact: Path, built: bool, corpus: Corpus, slice_path: Path, rs: RuleSet,
                 sc: SecretCheck, results: list, startup: dict, packs: list) -> str:
    by = {t.name: t for t in results}
    rg = by.get("rg")
    rg_mbps = rg.mbps(rg.median) if rg and rg.times else None
    red = by.get("redact")
    m = machine()
    pin = "not pinned" if args.no_pin else f"every timed command pinned with `taskset -c {args.cpu}`"
    L = [f"# redact throughput, side by side", "",
         f"Generated by `Benchmarks/compare.py` on {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}.",
         "",
         f"- Machine: {m['nproc']} CPUs, {m['cpu']}, {m['mem']} RAM, Linux {m['kernel']}; "
         f"load average when the report was written: {m['load']} (1/5/15 min)",
         f"- redact {version_of([str(redact), '--version'])} (`{os.path.relpath(redact, REPO)}`"
         f"{', built with swift build -c release' if built else ', given with --redact'}), "
         f"{version_of(['rg', '--version'])} ({version_of(['rg', '--pcre2-version'])}), "
         f"{version_of(['sed', '--version'])}, perl {version_of(['perl', '-e', 'print $^V'])}",
         f"- Corpus: `{os.path.relpath(corpus.path, REPO)}`, {corpus.size / MB:.1f} MB, {corpus.lines} lines, "
         f"shuffled and cycled from the {corpus.sources} lines of the 16 loghub files "
         f"(CR stripped: every line ends in LF), {len(corpus.secrets)} lines "
         f"({100 * len(corpus.secrets) / max(1, corpus.lines):.2f}%) with an inserted fake secret, seed {args.seed}. "
         f"Slice for perl/sed: first {slice_path.stat().st_size / MB:.1f} MB.",
         f"- Method: input redirected from the file, output to /dev/null, page cache warm, "
         f"{args.warmup} warm-up + {args.repeats} timed runs per tool, one tool at a time; {pin}; "
         f"LC_ALL=C. Peak RSS is GNU time's maximum resident set size (max over runs).",
         "", "## Throughput", ""]
    L += fmt_table(results, rg_mbps)
    L += ["", "- `vs rg` is the tool's MB/s (median) divided by ripgrep's MB/s (median). Rows marked "
              "(slice) read the slice (perl and sed always; an rg peer when its projected time per run on "
              "the full corpus exceeds `--budget`); their MB/s is slice bytes / time, so fixed costs such as "
              "compiling the rules weigh more there.",
          "- `CPU s`: user + system seconds (median), from GNU time; less sensitive than wall time to other "
          "work on the machine.",
          f"- `sample secrets masked`: the same command run on the {sc.sample_lines} sample lines of the "
          "secret check; how many of their inserted secrets are gone from its output (checks that every "
          "peer really does the work it is timed for)."]
    for name, note in rs.rg_note.items():
        L.append(f"- {'rg -P' if name == 'rg-pcre2' else 'rg'}: every pattern compiles alone, but with all of "
                 f"them and the default limits rg stops with \"{note}\"; it runs with "
                 f"`{' '.join(rs.rg_flags[name])}`.")
    L.append("")
    L += ["## Startup", "",
          f"`redact </dev/null` ({startup['tool']}, {startup['runs']} runs): min {startup['min'] * 1000:.1f} ms, "
          f"median {startup['median'] * 1000:.1f} ms, mean {startup['mean'] * 1000:.1f} ms, max {startup['max'] * 1000:.1f} ms.",
          ""]
    # bars
    L += ["## Bars (issue 2)", ""]
    if red and red.times and rg_mbps:
        ratio = red.mbps(red.median) / rg_mbps
        L.append(f"- throughput >= 2x ripgrep (same rules its engine accepts): {ratio:.2f}x -> "
                 f"{'PASS' if ratio >= 2 else 'FAIL'}")
    if red and red.rss_kib:
        rss = max(red.rss_kib) / 1024
        L.append(f"- peak RSS < 64 MiB: {rss:.1f} MiB -> {'PASS' if rss < 64 else 'FAIL'}")
    L.append(f"- `redact </dev/null` < 50 ms: median {startup['median'] * 1000:.1f} ms -> "
             f"{'PASS' if startup['median'] < 0.050 else 'FAIL'}")
    L += ["", "## Secrets", "",
          f"- Sample check (`redact --check --format json`, up to {args.sample_per_kind} lines per kind): "
          f"{sc.sample_found} of {sc.sample_lines} inserted secrets covered by a finding"
          + (f"; missed: {sc.sample_missed}" if sc.sample_missed else "") + ".",
          f"- Full corpus: {sc.survived} of {sc.inserted} inserted secrets survive redaction"
          + (f" ({sc.survived_by_kind})" if sc.survived else "") + ".",
          f"- Lines without an inserted secret that redact changed: {sc.clean_lines_changed} "
          f"(the corpus repeats each loghub line ~{corpus.lines / max(1, corpus.sources):.0f} times).",
          ]
    for a, b in sc.clean_changed_examples:
        L += [f"  - `{a}`", f"    -> `{b}`"]
    L += ["", "redact --stats on the full corpus:", "", "```", sc.stats_stderr.strip(), "```", ""]
    pack_counts = ", ".join(f"{p}: {sum(1 for x in rs.rules if x['pack'] == p)}"
                            for p in sorted({x["pack"] for x in rs.rules}))
    L += ["## Rules handed to the other tools", "",
          f"`redact rules list --json`: {len(rs.rules)} rules ({pack_counts}). "
          "The regexes are PCRE2 syntax, matched by redact in byte mode.", ""]
    for eng, desc in [("rg", "ripgrep (Rust regex)"), ("rg-pcre2", "ripgrep -P (PCRE2)"), ("perl", "perl"),
                      ("sed", "sed -E (translated to POSIX ERE)")]:
        if eng not in rs.accepted:
            continue
        L.append(f"- {desc}: {len(rs.accepted[eng])} accepted, {len(rs.rejected[eng])} rejected")
        if rs.rejected[eng]:
            reasons: dict[str, list] = {}
            for rid, why in rs.rejected[eng]:
                key = re.sub(r"\s+", " ", why)
                key = re.sub(r"regex parse error: ", "", key)[:90]
                reasons.setdefault(key, []).append(rid)
            for why, ids in sorted(reasons.items(), key=lambda kv: -len(kv[1])):
                L.append(f"  - {why or '(no message)'}: {', '.join(ids)}")
    L += ["", "Notes: ripgrep replaces the whole match, redact only the secret group; both do the same search work. "
              "sed's ERE is leftmost-longest, PCRE leftmost-first; a translated rule can match a longer span. "
              "perl runs each rule as its own `s///g` per line (no keyword prefilter).", ""]
    if packs:
        L += ["## redact per pack (the other packs disabled)", "",
              "Where redact's time goes: `--no-builtin` with an empty rule file is the pass-through floor; each "
              "other row keeps one built-in pack and `--disable`s the other three.", ""]
        L += fmt_table(packs, rg_mbps) + [""]
    text = "\n".join(L)
    args.output.write_text(text)
    return text


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, default=100, help="corpus size in MB (default 100)")
    ap.add_argument("--slice-mb", type=float, default=5, help="slice for perl and sed -E, 0 skips them (default 5)")
    ap.add_argument("--repeats", type=int, default=5, help="timed runs per tool (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed warm-up runs per tool (default 1)")
    ap.add_argument("--startup-runs", type=int, default=50, help="runs for `redact </dev/null` (default 50)")
    ap.add_argument("--seed", type=int, default=42, help="corpus seed (default 42)")
    ap.add_argument("--secret-rate", type=float, default=0.005, help="share of lines with a secret (default 0.005)")
    ap.add_argument("--sample-per-kind", type=int, default=25, help="lines per secret kind for the --check sample")
    ap.add_argument("--no-build", action="store_true", help="do not run swift build")
    ap.add_argument("--redact", type=Path, help=f"redact binary (default {SCRATCH}/release/redact)")
    ap.add_argument("--build-retries", type=int, default=5, help="build attempts, 60 s apart (default 5)")
    ap.add_argument("--cpu", type=int, default=0, help="CPU to pin the timed tools to (default 0)")
    ap.add_argument("--no-pin", action="store_true", help="do not pin with taskset")
    ap.add_argument("--timeout", type=float, default=900, help="seconds before a single run is abandoned")
    ap.add_argument("--budget", type=float, default=60,
                    help="an rg peer projected to need more seconds per run on the full corpus is timed on "
                         "the slice instead (default 60)")
    ap.add_argument("--quick-slow", action="store_true", help="time perl and sed once instead of --repeats")
    ap.add_argument("--per-pack", action="store_true", help="also time redact with one pack at a time")
    ap.add_argument("--no-pcre2", action="store_true", help="skip the rg -P peer")
    ap.add_argument("--output", type=Path, default=RESULTS,
                    help="where the Markdown report goes (default Benchmarks/results.md)")
    args = ap.parse_args()

    ensure_tools()
    if args.no_build:
        redact = Path(os.path.abspath(args.redact or REPO / SCRATCH / "release" / "redact"))
    else:
        built = build_redact(args.build_retries)
        redact = Path(os.path.abspath(args.redact or built))
    if not redact.exists():
        sys.exit(f"no redact binary at {redact}")
    if args.no_pin or shutil.which("taskset") is None:
        args.no_pin = True

    corpus = build_corpus(args.size_mb, args.seed, args.secret_rate)
    slice_path = make_slice(corpus, args.slice_mb) if args.slice_mb > 0 else corpus.path
    log(f"corpus: {corpus.size / MB:.1f} MB, {corpus.lines} lines, {len(corpus.secrets)} secrets")

    sc = check_secrets(redact, corpus, args.sample_per_kind)
    log(f"secrets: sample {sc.sample_found}/{sc.sample_lines} found; {sc.survived}/{sc.inserted} survive; "
        f"{sc.clean_lines_changed} clean lines changed")

    rg_pcre2 = (not args.no_pcre2 and shutil.which("rg") is not None
                and run(["rg", "--pcre2-version"], capture_output=True).returncode == 0)
    rs = export_rules(redact, rg_pcre2)
    log("accepted: " + ", ".join(f"{k} {len(v)}/{len(rs.rules)}" for k, v in rs.accepted.items()))

    results = time_tools(args, redact, corpus, slice_path, rs, sc)
    startup = measure_startup(redact, args.startup_runs, None if args.no_pin else str(args.cpu))
    packs = disable_probe(args, redact, corpus, rs, None if args.no_pin else str(args.cpu)) if args.per_pack else []
    print(write_report(args, redact, not args.no_build, corpus, slice_path, rs, sc, results, startup, packs))
    log(f"written to {args.output}")


if __name__ == "__main__":
    main()
