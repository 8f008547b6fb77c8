#!/usr/bin/env python3
"""Stress harness for `redact follow` (not part of `swift test`).

Drives the built binary against a log written at a steady rate while the log is rotated and the
sidecar is killed, then checks every line: written, delivered, lost, duplicated, leaked.

    python3 Tests/Soak/follow_stress.py --build release            # all three scenarios
    python3 Tests/Soak/follow_stress.py --binary PATH --scenario harness

Scenarios
  harness      10,000 lines/s, a canary token on every 10th line; 100 rename rotations (the old
               writer keeps appending for 200 ms: a stale writer) and 20 copytruncates done by the
               harness; 20 `kill -9` + restart cycles of `redact follow --output --state`.
  logrotate-create        the same writer with Debian's logrotate (`create`) doing rotations.
  logrotate-copytruncate  the same with a `copytruncate` logrotate configuration.

Bar (from the issue): 0 lost and 0 duplicated for rename rotations, restarts and kill -9 with
--output; copytruncate loss only inside the copy-to-truncate windows (counted); 0 leaked.
Exit status 0 when every scenario meets the bar, 1 otherwise.

Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CANARY = re.compile(rb"ghp_[A-Za-z0-9]{36}")
LINE = re.compile(rb"^(\d{9}) t=\d+ level=info msg=\"request handled\" user=u\d+ path=/api/v1/items/\d+ latency_ms=\d+( auth=\S+)?$")
ALPHANUM = string.ascii_letters + string.digits


class Writer(threading.Thread):
    """Appends numbered lines at `rate` per second in 10 ms batches (one write(2) per batch, so
    lines are whole); reopens the path when its inode changes, after a stale period in which it
    keeps writing to the old descriptor (a stale writer)."""

    def __init__(self, path, rate, stale_seconds=0.2):
        super().__init__(daemon=True)
        self.path = path
        self.rate = rate
        self.stale_seconds = stale_seconds
        self.seq = 0
        self.lock = threading.Lock()
        self.stop_event = threading.Event()
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self.switch_at = None
        self.rng = random.Random(7)

    def line(self, seq):
        text = (f"{seq:09d} t={time.monotonic_ns()} level=info msg=\"request handled\" user=u{seq % 997} "
                f"path=/api/v1/items/{seq} latency_ms={seq % 250}")
        if seq % 10 == 0:
            token = "ghp_" + "".join(self.rng.choice(ALPHANUM) for _ in range(36))
            text += f" auth={token}"
        return text + "\n"

    def run(self):
        start = time.monotonic()
        while not self.stop_event.is_set():
            due = int((time.monotonic() - start) * self.rate)
            if due > self.seq:
                with self.lock:
                    batch = "".join(self.line(s) for s in range(self.seq, due)).encode()
                    os.write(self.fd, batch)
                    self.seq = due
                    self.maybe_reopen()
            time.sleep(0.01)
        os.close(self.fd)

    def maybe_reopen(self):
        now = time.monotonic()
        try:
            current = os.stat(self.path).st_ino
        except FileNotFoundError:
            return
        if current == os.fstat(self.fd).st_ino:
            self.switch_at = None
            return
        if self.switch_at is None:
            self.switch_at = now + self.stale_seconds
        elif now >= self.switch_at:
            os.close(self.fd)
            self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            self.switch_at = None


class Sidecar:
    """Runs `redact follow` (restartable), accumulating CPU time and peak RSS of every incarnation
    through wait4(2), and sampling open descriptors."""

    def __init__(self, binary, args, stderr_path):
        self.binary = binary
        self.args = args
        self.stderr = open(stderr_path, "ab")
        self.process = None
        self.cpu = 0.0
        self.peak_rss_kib = 0
        self.fd_samples = []
        self.rss_samples = []
        self.starts = 0

    def start(self):
        self.process = subprocess.Popen([self.binary, "follow"] + self.args, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=self.stderr)
        self.starts += 1

    def _reap(self):
        _, status, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = os.waitstatus_to_exitcode(status)
        self.cpu += usage.ru_utime + usage.ru_stime
        return self.process.returncode

    def kill9(self):
        self.sample()
        self.process.send_signal(signal.SIGKILL)
        return self._reap()

    def terminate(self):
        self.sample()
        began = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        code = self._reap()
        return code, time.monotonic() - began

    def sample(self):
        pid = self.process.pid
        try:
            fds = len(os.listdir(f"/proc/{pid}/fd"))
            with open(f"/proc/{pid}/status") as status:
                fields = {l.split(":")[0]: int(l.split()[1]) for l in status if l.startswith(("VmRSS:", "VmHWM:"))}
            rss, hwm = fields["VmRSS"], fields["VmHWM"]
        except (FileNotFoundError, ProcessLookupError, KeyError, ValueError):
            return
        self.peak_rss_kib = max(self.peak_rss_kib, hwm)
        self.fd_samples.append((time.monotonic(), fds))
        self.rss_samples.append((time.monotonic(), rss))


def wait_for_quiet(path, seconds_stable=2.0, limit=60.0):
    """Waits until `path` stops growing for `seconds_stable`."""
    last, since, deadline = -1, time.monotonic(), time.monotonic() + limit
    while time.monotonic() < deadline:
        size = os.path.getsize(path) if os.path.exists(path) else 0
        if size != last:
            last, since = size, time.monotonic()
        elif time.monotonic() - since >= seconds_stable:
            return
        time.sleep(0.2)


def analyse(work, written, windows, sidecar, wall, extra):
    out_path = os.path.join(work, "out", "redacted.log")
    with open(out_path, "rb") as handle:
        data = handle.read()
    counts = {}
    torn = 0
    for line in data.split(b"\n")[:-1] if data.endswith(b"\n") else data.split(b"\n"):
        match = LINE.match(line)
        if not match:
            torn += 1
            continue
        seq = int(match.group(1))
        counts[seq] = counts.get(seq, 0) + 1
    delivered = len(counts)
    duplicated = sum(c - 1 for c in counts.values())
    lost = [s for s in range(written) if s not in counts]
    in_window = set()
    for first, last in windows:
        in_window.update(range(first, last + 1))
    lost_in_windows = sum(1 for s in lost if s in in_window)
    leaked = len(CANARY.findall(data))
    for root, _, files in os.walk(os.path.join(work, "state")):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                leaked += len(CANARY.findall(handle.read()))
    with open(os.path.join(work, "sidecar.stderr"), "rb") as handle:
        stderr = handle.read()
    leaked += len(CANARY.findall(stderr))
    fds = [n for _, n in sidecar.fd_samples]
    rss = [n for _, n in sidecar.rss_samples]
    result = {
        "written": written,
        "delivered": delivered,
        "lost": len(lost),
        "lost_inside_copytruncate_windows": lost_in_windows,
        "lost_outside_windows": len(lost) - lost_in_windows,
        "copytruncate_window_lines": len(in_window),
        "duplicated": duplicated,
        "torn_or_foreign_lines": torn,
        "leaked": leaked,
        "peak_rss_mib": round(sidecar.peak_rss_kib / 1024, 1),
        "rss_mib_last_incarnation_min_max": [round(min(rss[-20:]) / 1024, 1), round(max(rss[-20:]) / 1024, 1)] if rss else None,
        "cpu_seconds": round(sidecar.cpu, 2),
        "cpu_percent_of_one_core": round(100 * sidecar.cpu / wall, 1),
        "wall_seconds": round(wall, 1),
        "sidecar_starts": sidecar.starts,
        "fds_max": max(fds) if fds else None,
        "fds_final": fds[-1] if fds else None,
        "stderr_lines": stderr.count(b"\n"),
    }
    result.update(extra)
    return result


def run_scenario(name, binary, rate, duration, renames, copytruncates, kills, keep):
    work = tempfile.mkdtemp(prefix=f"redact-soak-{name}-")
    logs = os.path.join(work, "logs")
    os.makedirs(logs)
    os.makedirs(os.path.join(work, "out"))
    app = os.path.join(logs, "app.log")
    writer = Writer(app, rate)
    sidecar = Sidecar(binary, [app, "--output", os.path.join(work, "out", "redacted.log"),
                               "--state", os.path.join(work, "state")],
                      os.path.join(work, "sidecar.stderr"))
    windows = []
    rng = random.Random(11)
    logrotate_conf = None
    if name.startswith("logrotate"):
        logrotate_conf = os.path.join(work, "logrotate.conf")
        mode = "create 0644" if name.endswith("create") else "copytruncate"
        with open(logrotate_conf, "w") as conf:
            conf.write(f"{app} {{\n    rotate 30\n    missingok\n    nocompress\n    {mode}\n}}\n")
        os.chmod(logrotate_conf, 0o644)

    events = ["rename"] * renames + ["copytruncate"] * copytruncates
    if logrotate_conf:
        events = ["logrotate"] * (renames + copytruncates)
    else:  # spread copytruncates evenly among renames
        events = []
        every = (renames + copytruncates) // max(1, copytruncates)
        r, c = renames, copytruncates
        for i in range(renames + copytruncates):
            if c > 0 and (i % every == every - 1 or r == 0):
                events.append("copytruncate"); c -= 1
            else:
                events.append("rename"); r -= 1
    event_times = [duration * (i + 0.5) / len(events) for i in range(len(events))]
    kill_times = sorted(rng.uniform(1.0, duration - 1.0) for _ in range(kills))
    rotation_counter = [0]
    logrotate_status = os.path.join(work, "logrotate.status")
    logrotate_failures = [0]

    def rotate(kind):
        if kind == "rename":
            rotation_counter[0] += 1
            os.rename(app, f"{app}.{rotation_counter[0]}")
            os.close(os.open(app, os.O_WRONLY | os.O_CREAT, 0o644))
        elif kind == "copytruncate":
            rotation_counter[0] += 1
            first = writer.seq
            shutil.copyfile(app, f"{app}.ct{rotation_counter[0]}")
            os.truncate(app, 0)
            windows.append((first, writer.seq))
        else:
            first = writer.seq
            code = subprocess.call(["logrotate", "-f", "-s", logrotate_status, logrotate_conf],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if code != 0:
                logrotate_failures[0] += 1
            if name.endswith("copytruncate"):
                windows.append((first, writer.seq))
        # Bound disk use: drop rotated files older than 20 s (long after the rotate wait).
        if kind in ("rename", "copytruncate") and not keep:
            cutoff = time.time() - 20
            for entry in os.listdir(logs):
                full = os.path.join(logs, entry)
                if entry != "app.log" and os.path.getmtime(full) < cutoff:
                    os.unlink(full)

    sidecar.start()
    time.sleep(0.3)
    began = time.monotonic()
    writer.start()
    restart_gaps = []
    while events or kill_times:
        now = time.monotonic() - began
        if events and event_times[0] <= now:
            rotate(events.pop(0)); event_times.pop(0)
        if kill_times and kill_times[0] <= now:
            kill_times.pop(0)
            sidecar.kill9()
            gap = rng.uniform(0.05, 0.5)
            time.sleep(gap)
            restart_gaps.append(gap)
            sidecar.start()
        sidecar.sample()
        time.sleep(0.005)
    remaining = duration - (time.monotonic() - began)
    while remaining > 0:
        sidecar.sample()
        time.sleep(min(0.25, remaining))
        remaining = duration - (time.monotonic() - began)
    writer.stop_event.set()
    writer.join()
    written = writer.seq
    # Let the sidecar catch up and close rotated files (rotate wait 5 s).
    wait_for_quiet(os.path.join(work, "out", "redacted.log"))
    deadline = time.monotonic() + 7
    while time.monotonic() < deadline:
        sidecar.sample()
        time.sleep(0.25)
    wall = time.monotonic() - began
    code, shutdown_seconds = sidecar.terminate()
    result = analyse(work, written, windows, sidecar, wall, {
        "scenario": name,
        "rate_lines_per_second": rate,
        "rotations_rename_or_create": renames if not logrotate_conf or name.endswith("create") else 0,
        "rotations_copytruncate": copytruncates if not logrotate_conf else (renames + copytruncates if name.endswith("copytruncate") else 0),
        "kill9_restarts": kills,
        "logrotate_failures": logrotate_failures[0],
        "sigterm_exit_status": code,
        "shutdown_seconds": round(shutdown_seconds, 2),
        "work": work,
    })
    copytruncate_scenario = name.endswith("copytruncate") or copytruncates > 0
    passed = (result["duplicated"] == 0 and result["leaked"] == 0 and result["torn_or_foreign_lines"] == 0
              and result["lost_outside_windows"] == 0 and code == 0
              and (copytruncate_scenario or result["lost"] == 0))
    result["meets_bar"] = passed
    if passed and not keep:
        shutil.rmtree(work, ignore_errors=True)
        result["work"] = "(removed)"
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", choices=["debug", "release"], default="release",
                        help="build configuration (swift build -c ... --scratch-path .build-follow)")
    parser.add_argument("--binary", help="use this redact binary instead of building")
    parser.add_argument("--scenario", action="append",
                        choices=["harness", "logrotate-create", "logrotate-copytruncate"],
                        help="repeatable; default: all")
    parser.add_argument("--rate", type=int, default=10000)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of writing for 'harness'")
    parser.add_argument("--logrotate-duration", type=float, default=30.0)
    parser.add_argument("--renames", type=int, default=100)
    parser.add_argument("--copytruncates", type=int, default=20)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep work directories")
    args = parser.parse_args()

    binary = args.binary
    if not binary:
        scratch = os.path.join(REPO, ".build-follow")
        # Release as `make release` builds it (the Swift runtime static on Linux).
        static = ["--static-swift-stdlib"] if args.build == "release" and sys.platform.startswith("linux") else []
        subprocess.check_call(["swift", "build", "-c", args.build, *static, "--scratch-path", scratch, "--product", "redact"],
                              cwd=REPO)
        binary = os.path.join(scratch, args.build, "redact")
    scenarios = args.scenario or ["harness", "logrotate-create", "logrotate-copytruncate"]
    if any(s.startswith("logrotate") for s in scenarios) and not shutil.which("logrotate"):
        sys.exit("logrotate is not installed (apt-get install logrotate)")
    results = []
    for name in scenarios:
        if name == "harness":
            result = run_scenario(name, binary, args.rate, args.duration, renames=args.renames,
                                  copytruncates=args.copytruncates, kills=args.kills, keep=args.keep)
        else:
            result = run_scenario(name, binary, args.rate, args.logrotate_duration, renames=40, copytruncates=0,
                                  kills=5, keep=args.keep)
        results.append(result)
        print(json.dumps(result, indent=2), flush=True)
    print("\nscenario                 written  delivered  lost(in ct windows)  dup  leaked  peakRSS  CPU%  fds max/final  bar")
    for r in results:
        print(f"{r['scenario']:<24} {r['written']:>7}  {r['delivered']:>9}  {r['lost']:>5} ({r['lost_inside_copytruncate_windows']:>5})"
              f"       {r['duplicated']:>4}  {r['leaked']:>6}  {r['peak_rss_mib']:>5}M  {r['cpu_percent_of_one_core']:>4}"
              f"  {r['fds_max']}/{r['fds_final']}  {'PASS' if r['meets_bar'] else 'FAIL'}")
    sys.exit(0 if all(r["meets_bar"] for r in results) else 1)


if __name__ == "__main__":
    main()
