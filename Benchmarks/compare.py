#!/usr/bin/env python3
"""Throughput of `redact` as a share of `cat`, side by side with ripgrep, in one run.

Run from anywhere; paths are resolved relative to the repository root:

    Benchmarks/compare.py                       # build, 100 MB corpora, 5 repeats (make bench)
    Benchmarks/compare.py --size-mb 20 --repeats 3 --no-build

Every figure of issue 10's bars comes from this one run on one machine, so the ratios compare
like with like even when other work loads the machine (the load average is reported):

  1. build                 swift build -c release --scratch-path .build-bench: `redact` and
                           `loghandler-timing`
  2. corpora               clean: ~100 MB of real loghub lines, a fake secret in 0.5% of them;
                           dense: a fake secret on every line; a single 256 MiB line
  3. correctness           `redact --check` finds the secrets of a sample; none survive the
                           clean or the dense corpus; no clean line changes
  4. rules                 `redact rules list --json` -> pattern files for ripgrep (and, with
                           --all-peers, rg -P, perl and sed), each with the subset it accepts
  5. timing                cat and redact on both corpora (ratios to cat), ripgrep with the
                           same rules, start-up of `redact </dev/null` against `cat </dev/null`
                           (hyperfine), peak RSS on the clean corpus and the 256 MiB line, and
                           the LogHandler A/B (`loghandler-timing --json`)
  6. report                Markdown on stdout and in Benchmarks/results.md, with PASS/FAIL

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
import threading
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

# Issue 10's bars.
BAR_CLEAN = 0.15        # clean corpus: share of cat's throughput
GOAL_CLEAN = 0.25
BAR_DENSE = 0.03        # a secret on every line
BAR_STARTUP_MS = 20.0   # redact </dev/null over cat </dev/null
BAR_RSS_MIB = 32.0      # clean corpus and a single 256 MiB line
BAR_LOGHANDLER = 1.2    # RedactingLogHandler / StreamLogHandler, clean events
BAR_FIRST_USE_MS = 20.0 # LogRedactor.shared's first use and first log call


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
    r = run(["apt-get", "install", "-y", "-qq", *missing], env=env, stdout=subprocess.DEVNULL)
    if r.returncode != 0:
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", *missing], env=env, stdout=subprocess.DEVNULL)


# --------------------------------------------------------------------------- step 1: build


def build(retries: int) -> Path:
    """Release build of `redact` and `loghandler-timing` in their own scratch folder; retried
    because the engine may be being edited. Returns the bin directory."""
    for product in ("redact", "loghandler-timing"):
        # As `make release` builds it: the Swift runtime linked statically on Linux.
        static = ["--static-swift-stdlib"] if sys.platform.startswith("linux") else []
        cmd = ["swift", "build", "-c", "release", *static, "--scratch-path", SCRATCH, "--product", product]
        for attempt in range(1, retries + 1):
            log(f"building: {' '.join(cmd)} (attempt {attempt}/{retries})")
            r = run(cmd, cwd=REPO)
            if r.returncode == 0:
                break
            if attempt < retries:
                log("build failed; waiting 60 s (in-progress edits?) and retrying")
                time.sleep(60)
        else:
            sys.exit(f"build of {product} failed; use --no-build --redact PATH to benchmark an existing binary")
    return REPO / SCRATCH / "release"


# --------------------------------------------------------------------------- step 2: corpora

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


def make_long_line(mib: int) -> Path:
    """A single line of `mib` MiB (log-like words, no secret, no keyword, ending in LF): the
    stream must mask it as over-long without holding it whole."""
    path = CORPUS_DIR / f"line-{mib}mib.log"
    size = mib * MIB
    if path.exists() and path.stat().st_size == size:
        return path
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    unit = b"GET /index.html 200 1432 0.004 host=10.0.0.7:8080 "
    block = unit * (MIB // len(unit) + 1)
    with open(path, "wb") as out:
        left = size - 1
        while left > 0:
            chunk = block[:min(left, len(block))]
            out.write(chunk)
            left -= len(chunk)
        out.write(b"\n")
    return path


# --------------------------------------------------------------------------- step 3: correctness


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




@dataclass
class DenseCheck:
    lines: int = 0
    inserted: int = 0
    survived: int = 0
    survived_by_kind: dict = field(default_factory=dict)
    lines_out: int = 0
    stats_stderr: str = ""


def check_dense(redact: Path, corpus: Corpus) -> DenseCheck:
    """Redacts the dense corpus once: no inserted secret may survive, no line may be lost."""
    res = DenseCheck(lines=corpus.lines, inserted=len(corpus.secrets))
    out_path = CORPUS_DIR / "redacted-dense.tmp"
    with open(corpus.path, "rb") as fin, open(out_path, "wb") as fout:
        r = run([str(redact), "--stats"], stdin=fin, stdout=fout, stderr=subprocess.PIPE)
    res.stats_stderr = r.stderr.decode(errors="replace")
    if r.returncode != 0:
        sys.exit(f"redact failed on the dense corpus ({r.returncode}): {res.stats_stderr}")
    by_line = {e[0]: e for e in corpus.secrets}
    with open(out_path, "rb") as fb:
        for i, b in enumerate(fb):
            res.lines_out += 1
            e = by_line.get(i)
            if e is not None and e[2].encode() in b:
                res.survived += 1
                res.survived_by_kind[e[1]] = res.survived_by_kind.get(e[1], 0) + 1
    out_path.unlink()
    return res


def check_long_line(redact: Path, path: Path) -> str:
    """The long line must come out as one short marker line."""
    r = run([str(redact)], stdin=open(path, "rb"), capture_output=True)
    if r.returncode != 0:
        return f"exit {r.returncode}: {first_line(r.stderr)}"
    return f"one line of {len(r.stdout)} bytes: `{r.stdout.decode(errors='replace').strip()[:60]}`"
# --------------------------------------------------------------------------- step 4: rules


@dataclass
class RuleSet:
    rules: list
    files: dict = field(default_factory=dict)       # engine -> pattern file
    accepted: dict = field(default_factory=dict)    # engine -> [ids]
    rejected: dict = field(default_factory=dict)    # engine -> [(id, reason)]
    rg_flags: dict = field(default_factory=dict)    # engine -> extra rg flags the whole set needs
    rg_note: dict = field(default_factory=dict)     # engine -> why


def export_rules(redact: Path, rg_pcre2: bool, slow_peers: bool) -> RuleSet:
    r = run([str(redact), "rules", "list", "--json"], capture_output=True, check=True)
    rules = json.loads(r.stdout)
    rs = RuleSet(rules)
    workdir = CORPUS_DIR / "patterns"
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "all.txt").write_text("".join(x["regex"] + "\n" for x in rules))

    def one_line(x):
        # `rg -f` reads one pattern per line and joins them with `|`, so a leading inline flag
        # such as `(?x)` would reach every later pattern: each pattern goes in its own group. A
        # multi-line (?x) pattern is joined with spaces (insignificant in x mode) unless it holds
        # a `#` (a comment would swallow the rest).
        regex = x["regex"]
        if "\n" in regex:
            if "#" in regex or not regex.lstrip().startswith("(?x"):
                return None
            regex = regex.replace("\r", " ").replace("\n", " ")
        return "(?:" + regex + ")"

    def probe_rg(extra):  # rg -e REGEX on empty input: exit 0/1 = accepted, 2 = rejected
        ok, bad = [], []
        for x in rules:
            regex = one_line(x)
            if regex is None:
                bad.append((x["id"], "multi-line pattern with comments (rg -f reads one pattern per line)"))
                continue
            p = run(["rg", "--no-config", *extra, "-e", regex], input=b"", capture_output=True)
            if p.returncode in (0, 1):
                ok.append(dict(x, regex=regex))
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

    if not slow_peers:
        return rs
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
    cpu: list = field(default_factory=list)  # user + sys seconds per run (wait4, microseconds)
    rss_kib: int | None = None               # GNU time's maximum resident set size, one extra run
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

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def run_once(cmd: list, path: Path, timeout: float) -> tuple[float, float, int, str]:
    """Runs cmd < path > /dev/null; returns (wall s, user+sys CPU s, exit code, first stderr line).

    The tool is this process's direct child (through taskset, which execs it), so os.wait4 gives
    its own CPU time with microsecond resolution.
    """
    with open(path, "rb") as fin, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=fin, stdout=subprocess.DEVNULL, stderr=err, env=c_locale())
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - start
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return elapsed, usage.ru_utime + usage.ru_stime, p.returncode, first_line(err.read())


def peak_rss_kib(cmd: list, path: Path, timeout: float) -> int | None:
    """Maximum resident set size of one run of cmd < path, from GNU time (a small C process, so
    the figure is the tool's own, not inflated by this Python parent)."""
    if not os.path.exists("/usr/bin/time"):
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, open(path, "rb") as fin:
        p = run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *cmd], stdin=fin, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env=c_locale(), timeout=timeout)
        lines = rss.read().strip().splitlines()
        return int(lines[-1]) if lines and lines[-1].isdigit() and p.returncode == 0 else None


def measure(t: Timing, repeats: int, warmup: int, pin: str | None, timeout: float, quiet: bool = False,
            rss: bool = True) -> Timing:
    """Times t.cmd < t.input > /dev/null `repeats` times after `warmup` untimed runs, then takes
    the peak RSS from one more run under GNU time."""
    base = (["taskset", "-c", pin] if pin is not None else []) + t.cmd
    if not quiet:
        log(f"timing {t.name}: {' '.join(map(str, base))} < {t.input.name} ({warmup} warm-up + {repeats})")
    for k in range(warmup + repeats):
        try:
            elapsed, cpu, code, err = run_once(base, t.input, timeout)
        except OSError as e:
            t.error = str(e)
            return t
        if code not in t.ok_codes:
            t.error = f"exit {code}: {err}" if code >= 0 else f"killed after {timeout:g} s"
            log(f"  {t.name}: {t.error}")
            return t
        if k < warmup:
            continue
        t.times.append(elapsed)
        t.cpu.append(cpu)
        if not quiet:
            log(f"  run {k - warmup + 1}: {elapsed:.3f} s wall, {cpu:.3f} s CPU ({t.mbps(elapsed):.1f} MB/s)")
    if rss:
        t.rss_kib = peak_rss_kib(base, t.input, timeout)
    return t


def measure_startup(redact: Path, runs: int, pin: str | None) -> dict:
    """`redact </dev/null` and `cat </dev/null`, alternating in one hyperfine call (which
    subtracts its shell's own start-up); without hyperfine, an own loop (fork+exec included)."""
    prefix = f"taskset -c {pin} " if pin is not None else ""
    commands = {"redact": f"{prefix}{redact} </dev/null", "cat": f"{prefix}cat </dev/null"}
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as js:
            r = run(["hyperfine", "--style", "none", "--warmup", "5", "--runs", str(runs), "--export-json", js.name,
                     commands["redact"], commands["cat"]], capture_output=True)
            if r.returncode == 0:
                res = json.load(open(js.name))["results"]
                out = {"tool": "hyperfine", "runs": runs}
                for name, entry in zip(commands, res):
                    out[name] = {k: entry[k] for k in ("min", "median", "mean", "max")}
                    out[name]["cpu"] = entry["user"] + entry["system"]  # means, shell included (same for both)
                return out
            log(f"hyperfine failed: {first_line(r.stderr)}; timing it myself")
    out = {"tool": "own loop, fork+exec included", "runs": runs}
    for name in commands:
        cmd = (["taskset", "-c", pin] if pin is not None else []) + ([str(redact)] if name == "redact" else ["cat"])
        times, cpu = [], []
        for _ in range(runs + 5):
            elapsed, used, _, _ = run_once(cmd, Path("/dev/null"), 60)
            times.append(elapsed)
            cpu.append(used)
        times, cpu = times[5:], cpu[5:]
        out[name] = {"min": min(times), "median": statistics.median(times), "mean": statistics.mean(times),
                     "max": max(times), "cpu": statistics.mean(cpu)}
    return out


def measure_loghandler(timing_binary: Path, pin: str | None) -> dict | None:
    """The LogHandler A/B and first-use figures from `loghandler-timing --json`."""
    if not timing_binary.exists():
        log(f"no {timing_binary}: LogHandler figures skipped")
        return None
    cmd = (["taskset", "-c", pin] if pin is not None else []) + [str(timing_binary), "--json"]
    log(f"LogHandler A/B: {' '.join(cmd)}")
    r = run(cmd, capture_output=True)
    if r.returncode != 0:
        log(f"loghandler-timing failed: {first_line(r.stderr)}")
        return None
    return json.loads(r.stdout)


def time_tools(args, redact: Path, clean: Corpus, dense: Corpus, slice_path: Path, long_line: Path,
               rs: RuleSet, sc: SecretCheck) -> list:
    n_all = len(rs.rules)
    pin = None if args.no_pin else str(args.cpu)
    rg_common = ["--no-config", "--passthru", "-N", "--no-filename", "-r", "***"]
    every = f"{n_all} (all built-in packs)"
    plan = [Timing("cat, clean corpus", ["cat"], clean.path, "-"),
            Timing("redact, clean corpus", [str(redact)], clean.path, every),
            Timing("cat, dense corpus", ["cat"], dense.path, "-"),
            Timing("redact, dense corpus", [str(redact)], dense.path, every),
            Timing("redact, one long line", [str(redact)], long_line, every)]
    peers = [("rg", "rg", [], "Rust regex")]
    if args.all_peers:
        peers.append(("rg-pcre2", "rg -P", ["-P"], "PCRE2"))
    for name, label, extra, what in peers:
        if name not in rs.files:
            continue
        flags = rs.rg_flags.get(name, [])
        note = f"; needs {' '.join(flags)}" if flags else ""
        plan.append(Timing(label, ["rg", *extra, *rg_common, *flags, "-f", str(rs.files[name])], clean.path,
                           f"{len(rs.accepted[name])} of {n_all} ({what} accepts{note})", ok_codes=(0, 1)))
    if args.all_peers and args.slice_mb > 0:
        plan.append(Timing("redact (slice)", [str(redact)], slice_path, every))
        perl = ('BEGIN { open my $f, "<", $ENV{PATTERNS} or die "$!"; chomp(my @p = <$f>); '
                '@re = map { qr/$_/ } @p } for my $r (@re) { s/$r/***/g }')
        plan.append(Timing("perl -pe", ["env", f"PATTERNS={rs.files['perl']}", "perl", "-pe", perl], slice_path,
                           f"{len(rs.accepted['perl'])} of {n_all} (loop of qr//, s///g each)"))
        plan.append(Timing("sed -E", ["sed", "-E", "-f", str(rs.files["sed"])], slice_path,
                           f"{len(rs.accepted['sed'])} of {n_all} (translated to POSIX ERE)"))
    # warm the page cache for every input
    for path in {clean.path, dense.path, slice_path, long_line}:
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
        if t.name.startswith("rg") and args.slice_mb > 0 and clean.path != slice_path:
            projected = project_full_time(t, clean, slice_path, pin, args.timeout)
            log(f"  {t.name}: projected {projected:.1f} s per run on the full corpus")
            if projected > args.budget:
                log(f"  {t.name}: projected {projected:.0f} s per run on the full corpus > --budget "
                    f"{args.budget:g} s: timing it on the slice")
                t.input = slice_path
        slow = t.input == slice_path and t.name != "redact (slice)"
        cat = t.name.startswith("cat")
        # cat's runs take ~20 ms: more of them make its median steadier (it is every ratio's denominator).
        repeats = args.repeats * 4 if cat else (1 if slow and not args.full_slow else args.repeats)
        results.append(measure(t, repeats, 0 if slow and not args.full_slow else args.warmup, pin, args.timeout))
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
                        timeout, quiet=True, rss=False)
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
    loadavg = os.getloadavg()
    load = " / ".join(f"{x:.2f}" for x in loadavg)
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem": mem, "kernel": platform.release(), "load": load,
            "loadavg": loadavg}


def version_of(cmd) -> str:
    try:
        r = run(cmd, capture_output=True)
        return first_line(r.stdout or r.stderr)
    except OSError:
        return "not installed"



def verdict(ok: bool) -> str:
    return "PASS" if ok else "**FAIL**"


def fmt_table(results: list, cat_by_input: dict, rg_mbps: float | None) -> list:
    rows = ["| tool | input | rules used | median s | min s | CPU s | MB/s (wall) | MB/s (CPU) | share of cat (wall) "
            "| share of cat (CPU) | vs rg | peak RSS MiB | sample secrets masked |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for t in results:
        inp = f"{t.input.name} ({t.size / MB:.1f} MB)"
        if t.error or not t.times:
            rows.append(f"| {t.name} | {inp} | {t.rules} | – | – | – | {t.error or 'no runs'} | | | | | | {t.sanity} |")
            continue
        cat = cat_by_input.get(t.input)
        share_wall = f"{cat.median / t.median:.3f}" if cat and cat is not t else "–"
        share_cpu = f"{cat.cpu_median / t.cpu_median:.3f}" if cat and cat is not t and t.cpu_median > 0 else "–"
        ratio = f"{t.mbps(t.median) / rg_mbps:.2f}x" if rg_mbps and not t.name.startswith("cat") else "–"
        rss = f"{t.rss_kib / 1024:.1f}" if t.rss_kib else "?"
        cpu_mbps = f"{t.size / t.cpu_median / MB:.1f}" if t.cpu_median > 0 else "–"
        rows.append(f"| {t.name} | {inp} | {t.rules} | {t.median:.3f} | {t.best:.3f} | {t.cpu_median:.3f} | "
                    f"{t.mbps(t.median):.1f} | {cpu_mbps} | {share_wall} | {share_cpu} | {ratio} | {rss} | {t.sanity} |")
    return rows


def write_report(args, redact: Path, built: bool, clean: Corpus, dense: Corpus, slice_path: Path, long_line: Path,
                 rs: RuleSet, sc: SecretCheck, dc: DenseCheck, long_check: str, results: list, startup: dict,
                 loghandler: dict | None, packs: list, machine_start: dict) -> str:
    by = {t.name: t for t in results}
    cat_clean, cat_dense = by.get("cat, clean corpus"), by.get("cat, dense corpus")
    red, red_dense, red_long = by.get("redact, clean corpus"), by.get("redact, dense corpus"), by.get("redact, one long line")
    rg = by.get("rg")
    rg_mbps = rg.mbps(rg.median) if rg and rg.times else None
    cat_by_input = {}
    for c in (cat_clean, cat_dense):
        if c and c.times:
            cat_by_input[c.input] = c
    m = machine()
    pin = "not pinned" if args.no_pin else f"every timed command pinned with `taskset -c {args.cpu}`"
    loaded = max(machine_start["loadavg"][0], m["loadavg"][0]) > (m["nproc"] or 1)
    L = ["# redact throughput against cat (issue 10)", "",
         f"Generated by `Benchmarks/compare.py` (`make bench`) on {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; "
         f"command: `{' '.join(['Benchmarks/compare.py', *sys.argv[1:]])}`.", "",
         "## Machine", "",
         f"- {m['cpu']}, {m['nproc']} cores, {m['mem']} RAM, Linux {m['kernel']}.",
         f"- Load average (1/5/15 min) at the start: {machine_start['load']}; at the end: {m['load']}.",
         "- **The machine is shared**: other engineers build and test on it at the same time"
         + (", and it was **heavily loaded** during this run (load average above the number of cores): "
            "wall times include waiting for a CPU." if loaded else ".")
         + " Every figure below comes from this one run, so the ratios compare tools under the same load; "
           "the CPU-time ratios (user + system time of each process, from `wait4`) are the ones least disturbed "
           "by other work and decide the throughput bars.",
         f"- redact {version_of([str(redact), '--version'])} (`{os.path.relpath(redact, REPO)}`"
         f"{', built with swift build -c release --static-swift-stdlib' if built else ', given with --redact'}), "
         f"{version_of(['rg', '--version'])}, {version_of(['cat', '--version'])}, "
         f"hyperfine {version_of(['hyperfine', '--version']).replace('hyperfine ', '')}.",
         f"- Method: input redirected from the file, output to /dev/null, page cache warm, one tool at a time, "
         f"{args.warmup} warm-up + {args.repeats} timed runs ({4 * args.repeats} for cat); {pin}; LC_ALL=C. "
         "Peak RSS: GNU time's maximum resident set size of one more run.",
         "", "## Bars", "",
         "| bar | measured | result |", "|---|---|---|"]
    if red and red.times and cat_clean and cat_clean.times:
        share_cpu = cat_clean.cpu_median / red.cpu_median
        share_wall = cat_clean.median / red.median
        L.append(f"| clean corpus >= {BAR_CLEAN} of cat's throughput (goal {GOAL_CLEAN}) | {share_cpu:.3f} by CPU time "
                 f"({red.size / red.cpu_median / MB:.0f} vs {cat_clean.size / cat_clean.cpu_median / MB:.0f} MB/s), "
                 f"{share_wall:.3f} by wall time | {verdict(share_cpu >= BAR_CLEAN)}"
                 f"{' (goal met)' if share_cpu >= GOAL_CLEAN else ''} |")
    if red_dense and red_dense.times and cat_dense and cat_dense.times:
        share_cpu = cat_dense.cpu_median / red_dense.cpu_median
        share_wall = cat_dense.median / red_dense.median
        L.append(f"| dense corpus (a secret on every line) >= {BAR_DENSE} of cat | {share_cpu:.3f} by CPU time "
                 f"({red_dense.size / red_dense.cpu_median / MB:.0f} MB/s), {share_wall:.3f} by wall time | "
                 f"{verdict(share_cpu >= BAR_DENSE)} |")
    if "redact" in startup and "cat" in startup:
        over = (startup["redact"]["median"] - startup["cat"]["median"]) * 1000
        over_cpu = (startup["redact"]["cpu"] - startup["cat"]["cpu"]) * 1000
        L.append(f"| start-up: `redact </dev/null` within {BAR_STARTUP_MS:g} ms of `cat </dev/null` | "
                 f"+{over_cpu:.1f} ms of CPU time (means of {startup['runs']}); +{over:.1f} ms wall "
                 f"({startup['redact']['median'] * 1000:.1f} vs {startup['cat']['median'] * 1000:.1f} ms, medians) | "
                 f"{verdict(over_cpu <= BAR_STARTUP_MS)} |")
    for t, what in ((red, "the clean corpus"), (red_long, f"a single {args.long_line_mib} MiB line")):
        if t and t.rss_kib:
            L.append(f"| peak RSS <= {BAR_RSS_MIB:g} MiB on {what} | {t.rss_kib / 1024:.1f} MiB | "
                     f"{verdict(t.rss_kib / 1024 <= BAR_RSS_MIB)} |")
    if loghandler:
        c = loghandler["clean"]
        extra = c["extraAllocationsPerEvent"] if loghandler["allocationCounting"] else None
        ok = c["cpuRatio"] <= BAR_LOGHANDLER and (extra is None or extra == 0)
        L.append(f"| LogHandler <= {BAR_LOGHANDLER}x the bare StreamLogHandler, 0 extra allocations (clean events) | "
                 f"{c['cpuRatio']:.3f}x by CPU time ({c['wallRatio']:.3f}x wall), "
                 f"{'%g' % extra if extra is not None else 'not counted'} extra allocations per event | {verdict(ok)} |")
        first = loghandler["firstUseCpuMs"] + loghandler["firstCleanEventCpuMs"]
        L.append(f"| first log call through `LogRedactor.shared` within ~{BAR_FIRST_USE_MS:g} ms | "
                 f"{loghandler['firstUseCpuMs']:.1f} ms of CPU time to compile the built-in rules + "
                 f"{loghandler['firstCleanEventCpuMs']:.2f} ms for the first event ({loghandler['firstUseMs']:.1f} + "
                 f"{loghandler['firstCleanEventMs']:.2f} ms wall) | {verdict(first <= BAR_FIRST_USE_MS)} |")
    correct = sc.survived == 0 and sc.clean_lines_changed == 0 and dc.survived == 0 and dc.lines_out == dc.lines
    L.append(f"| correctness: 0 inserted secrets survive, 0 clean lines change, dense corpus fully masked | "
             f"{sc.survived}/{sc.inserted} survive, {sc.clean_lines_changed} clean lines changed; dense: "
             f"{dc.survived}/{dc.inserted} survive, {dc.lines_out} of {dc.lines} lines out | {verdict(correct)} |")
    L += ["", "## Throughput", ""]
    L += fmt_table(results, cat_by_input, rg_mbps)
    L += ["",
          f"- Clean corpus: `{os.path.relpath(clean.path, REPO)}`, {clean.size / MB:.1f} MB, {clean.lines} lines, "
          f"shuffled and cycled from the {clean.sources} lines of the 16 loghub files (CR stripped), "
          f"{len(clean.secrets)} lines ({100 * len(clean.secrets) / max(1, clean.lines):.2f}%) with an inserted fake "
          f"secret, seed {args.seed}.",
          f"- Dense corpus: `{os.path.relpath(dense.path, REPO)}`, {dense.size / MB:.1f} MB, {dense.lines} lines, "
          "every line with an inserted fake secret (same generator and kinds).",
          f"- `{os.path.relpath(long_line, REPO)}`: one line of {long_line.stat().st_size / MIB:.0f} MiB; redact "
          "masks it as over-long (default limit 1 MiB) without holding it.",
          "- `share of cat` is cat's time on the same file divided by the tool's time: the tool's throughput as a "
          "share of copying the file from the page cache. `MB/s (CPU)` is bytes per second of the process's own "
          "user + system time.",
          "- `vs rg` is the tool's MB/s (wall) divided by ripgrep's. An rg row marked with the slice read the "
          f"first {slice_path.stat().st_size / MB:.1f} MB only (its projected time on the full corpus exceeded "
          f"`--budget` {args.budget:g} s); its MB/s includes compiling the rules.",
          f"- `sample secrets masked`: the same command run on the {sc.sample_lines} sample lines of the secret "
          "check; how many of their inserted secrets are gone (a peer that matched nothing would look fast)."]
    for name, note in rs.rg_note.items():
        L.append(f"- {'rg -P' if name == 'rg-pcre2' else 'rg'}: every pattern compiles alone, but with all of "
                 f"them and the default limits rg stops with \"{note}\"; it runs with "
                 f"`{' '.join(rs.rg_flags[name])}`.")
    L += ["", "## Start-up", ""]
    for name in ("redact", "cat"):
        if name in startup:
            s = startup[name]
            L.append(f"- `{name} </dev/null` ({startup['tool']}, {startup['runs']} runs): wall min {s['min'] * 1000:.1f} ms, "
                     f"median {s['median'] * 1000:.1f} ms, mean {s['mean'] * 1000:.1f} ms, max {s['max'] * 1000:.1f} ms; "
                     f"CPU (user + system) mean {s['cpu'] * 1000:.1f} ms.")
    if loghandler:
        L += ["", "## LogHandler", "",
              "`loghandler-timing --json` (`Sources/loghandler-timing`): `RedactingLogHandler(wrapping: StreamLogHandler)` "
              "against the bare `StreamLogHandler`, both writing to a stream that drops the text, in one release "
              f"process, {loghandler['clean']['plain']['events']:,} events per side in interleaved rounds of 1,000; "
              "ratios are medians of the per-round ratios; allocations counted by interposing malloc.", "",
              "| event | StreamLogHandler ns (CPU) | redacting ns (CPU) | ratio (CPU) | ratio (wall) | extra allocations per event |",
              "|---|---:|---:|---:|---:|---:|"]
        for key, label in (("clean", "clean (120-byte message, 4 metadata values)"),
                           ("dirty", "with secrets (a token in the message, a bearer token under `authorization`)")):
            c = loghandler[key]
            L.append(f"| {label} | {c['plain']['cpuNs']:.0f} | {c['redacting']['cpuNs']:.0f} | {c['cpuRatio']:.3f}x | "
                     f"{c['wallRatio']:.3f}x | {c['extraAllocationsPerEvent']:g} |")
        L += ["", f"First use in a fresh process (wall time): {loghandler['firstUseMs']:.1f} ms for `LogRedactor.shared` (decoding "
                  f"and compiling the built-in rule set; a pattern is compiled on its first candidate line and JIT-compiled on its 8th), then "
                  f"{loghandler['firstCleanEventMs']:.2f} ms for the first clean event and "
                  f"{loghandler['firstDirtyEventMs']:.2f} ms for the first event with secrets."]
    L += ["", "## Correctness", "",
          f"- Sample check (`redact --check --format json`, up to {args.sample_per_kind} lines per kind): "
          f"{sc.sample_found} of {sc.sample_lines} inserted secrets covered by a finding"
          + (f"; missed: {sc.sample_missed}" if sc.sample_missed else "") + ".",
          f"- Clean corpus: {sc.survived} of {sc.inserted} inserted secrets survive redaction"
          + (f" ({sc.survived_by_kind})" if sc.survived else "") + f"; lines without an inserted secret that redact "
          f"changed: {sc.clean_lines_changed} (each loghub line occurs ~{clean.lines / max(1, clean.sources):.0f} times).",
          f"- Dense corpus: {dc.survived} of {dc.inserted} inserted secrets survive"
          + (f" ({dc.survived_by_kind})" if dc.survived else "") + f"; {dc.lines_out} of {dc.lines} lines out.",
          f"- The {args.long_line_mib} MiB line: {long_check}."]
    for a, b in sc.clean_changed_examples:
        L += [f"  - `{a}`", f"    -> `{b}`"]
    L += ["", "`redact --stats` on the clean corpus:", "", "```", sc.stats_stderr.strip(), "```", "",
          "`redact --stats` on the dense corpus:", "", "```", dc.stats_stderr.strip(), "```", ""]
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
              "ripgrep has no keyword prefilter: every pattern runs on every line."
              + (" sed's ERE is leftmost-longest, PCRE leftmost-first; perl runs each rule as its own `s///g` per line."
                 if args.all_peers else " `--all-peers` adds rg -P, perl and sed on a slice."), ""]
    if packs:
        L += ["## redact per pack (the other packs disabled)", "",
              "`--no-builtin` with an empty rule file is the pass-through floor; each other row keeps one built-in "
              "pack and `--disable`s the others.", ""]
        L += fmt_table(packs, cat_by_input, rg_mbps) + [""]
    text = "\n".join(L)
    args.output.write_text(text)
    return text


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, default=100, help="clean corpus size in MB (default 100)")
    ap.add_argument("--dense-mb", type=float, default=100, help="dense corpus size in MB (default 100)")
    ap.add_argument("--long-line-mib", type=int, default=256, help="size of the single long line (default 256)")
    ap.add_argument("--slice-mb", type=float, default=5,
                    help="slice for peers too slow for the whole corpus, 0 disables (default 5)")
    ap.add_argument("--repeats", type=int, default=5, help="timed runs per tool (default 5; cat gets 4x)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed warm-up runs per tool (default 1)")
    ap.add_argument("--startup-runs", type=int, default=50, help="hyperfine runs per start-up command (default 50)")
    ap.add_argument("--seed", type=int, default=42, help="corpus seed (default 42)")
    ap.add_argument("--secret-rate", type=float, default=0.005, help="share of clean-corpus lines with a secret")
    ap.add_argument("--sample-per-kind", type=int, default=25, help="lines per secret kind for the --check sample")
    ap.add_argument("--no-build", action="store_true", help="do not run swift build")
    ap.add_argument("--redact", type=Path, help=f"redact binary (default {SCRATCH}/release/redact)")
    ap.add_argument("--loghandler-timing", type=Path,
                    help=f"loghandler-timing binary (default beside redact); missing = LogHandler figures skipped")
    ap.add_argument("--build-retries", type=int, default=5, help="build attempts, 60 s apart (default 5)")
    ap.add_argument("--cpu", type=int, default=0, help="CPU to pin the timed tools to (default 0)")
    ap.add_argument("--no-pin", action="store_true", help="do not pin with taskset")
    ap.add_argument("--timeout", type=float, default=900, help="seconds before a single run is abandoned")
    ap.add_argument("--budget", type=float, default=60,
                    help="an rg peer projected to need more seconds per run on the full corpus is timed on "
                         "the slice instead (default 60)")
    ap.add_argument("--all-peers", action="store_true",
                    help="also rg -P, perl -pe and sed -E (slow with 1,000+ rules: timed once each on the slice)")
    ap.add_argument("--full-slow", action="store_true", help="time slice-only peers --repeats times, not once")
    ap.add_argument("--per-pack", action="store_true", help="also time redact with one pack at a time")
    ap.add_argument("--output", type=Path, default=RESULTS,
                    help="where the Markdown report goes (default Benchmarks/results.md)")
    args = ap.parse_args()

    machine_start = machine()
    log(f"load average at start: {machine_start['load']}")
    ensure_tools()
    bindir = REPO / SCRATCH / "release"
    if not args.no_build:
        bindir = build(args.build_retries)
    redact = Path(os.path.abspath(args.redact or bindir / "redact"))
    timing_binary = Path(os.path.abspath(args.loghandler_timing or redact.parent / "loghandler-timing"))
    if not redact.exists():
        sys.exit(f"no redact binary at {redact}")
    if args.no_pin or shutil.which("taskset") is None:
        args.no_pin = True
    pin = None if args.no_pin else str(args.cpu)

    clean = build_corpus(args.size_mb, args.seed, args.secret_rate)
    dense = build_corpus(args.dense_mb, args.seed, 1.0)
    long_line = make_long_line(args.long_line_mib)
    slice_path = make_slice(clean, args.slice_mb) if args.slice_mb > 0 else clean.path
    log(f"clean corpus: {clean.size / MB:.1f} MB, {clean.lines} lines, {len(clean.secrets)} secrets; "
        f"dense: {dense.size / MB:.1f} MB, {dense.lines} lines")

    sc = check_secrets(redact, clean, args.sample_per_kind)
    log(f"secrets: sample {sc.sample_found}/{sc.sample_lines} found; {sc.survived}/{sc.inserted} survive; "
        f"{sc.clean_lines_changed} clean lines changed")
    dc = check_dense(redact, dense)
    log(f"dense: {dc.survived}/{dc.inserted} survive; {dc.lines_out}/{dc.lines} lines out")
    long_check = check_long_line(redact, long_line)
    log(f"{args.long_line_mib} MiB line: {long_check}")

    rg_pcre2 = (args.all_peers and shutil.which("rg") is not None
                and run(["rg", "--pcre2-version"], capture_output=True).returncode == 0)
    rs = export_rules(redact, rg_pcre2, args.all_peers)
    log("accepted: " + ", ".join(f"{k} {len(v)}/{len(rs.rules)}" for k, v in rs.accepted.items()))

    results = time_tools(args, redact, clean, dense, slice_path, long_line, rs, sc)
    startup = measure_startup(redact, args.startup_runs, pin)
    loghandler = measure_loghandler(timing_binary, pin)
    packs = disable_probe(args, redact, clean, rs, pin) if args.per_pack else []
    print(write_report(args, redact, not args.no_build, clean, dense, slice_path, long_line, rs, sc, dc, long_check,
                       results, startup, loghandler, packs, machine_start))
    log(f"written to {args.output}")


if __name__ == "__main__":
    main()
