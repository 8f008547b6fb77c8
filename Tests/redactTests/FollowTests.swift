import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `redact follow` end to end: the built binary on real files, real inotify, real signals and
/// `kill -9`. The logic (rotation kinds, crash windows, copytruncate, ordering, symlink and state
/// directory policy) is unit-tested on an in-memory file system in `RedactionFollowTests`; these
/// tests check what only the real system shows. Each waits until the sidecar has its files open
/// before acting, so a slow start (debug build, busy machine) cannot race the test.
@Suite("redact follow")
struct FollowTests {
    /// Common options: fast timers so each test takes a second or two.
    static let fast = ["--rotate-wait", "300ms", "--checkpoint-interval", "100ms"]

    /// Asserts every line in `range` appears exactly once and no canary survives.
    func expectExactlyOnce(_ output: String, _ range: Range<Int>, sourceLocation: SourceLocation = #_sourceLocation) {
        let numbers = lineNumbers(in: output)
        var counts: [Int: Int] = [:]
        for number in numbers { counts[number, default: 0] += 1 }
        let missing = range.filter { counts[$0] == nil }
        let duplicated = counts.filter { $0.value > 1 }.map(\.key).sorted()
        #expect(missing.isEmpty, "missing lines: \(missing.prefix(20))", sourceLocation: sourceLocation)
        #expect(duplicated.isEmpty, "duplicated lines: \(duplicated.prefix(20))", sourceLocation: sourceLocation)
        #expect(numbers.count == range.count, sourceLocation: sourceLocation)
        #expect(!output.contains("ghp_"), "a canary leaked", sourceLocation: sourceLocation)
    }

    @Test("rename rotation with inotify: old file drained (stale writer included) before the new one, once")
    func renameRotation() throws {
        let dir = FollowDirectory()
        dir.append(FollowDirectory.lines(0..<100), to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--output", dir.path("out.log"), "--state", dir.path("state")] + Self.fast, in: dir)
        #expect(eventually(timeout: 20) { lineNumbers(in: dir.read("out.log")).count == 100 })
        dir.rename("app.log", "app.log.1")
        dir.append(FollowDirectory.lines(100..<110), to: "app.log.1")  // the stale writer
        dir.append(FollowDirectory.lines(110..<160), to: "app.log")
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count >= 160 })
        #expect(follow.terminate() == 0)
        expectExactlyOnce(dir.read("out.log"), 0..<160)
        #expect(lineNumbers(in: dir.read("out.log")) == Array(0..<160), "the old file comes first, in order")
    }

    @Test("copytruncate on a real file system: the rest comes from the copy, then the file from 0")
    func copytruncate() throws {
        let dir = FollowDirectory()
        dir.append(FollowDirectory.lines(0..<100), to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--output", dir.path("out.log"), "--state", dir.path("state")] + Self.fast, in: dir)
        #expect(eventually(timeout: 20) { lineNumbers(in: dir.read("out.log")).count == 100 })
        dir.copy("app.log", "app.log.1")
        dir.truncate("app.log")
        dir.append(FollowDirectory.lines(100..<120), to: "app.log")
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count >= 120 })
        #expect(follow.terminate() == 0)
        expectExactlyOnce(dir.read("out.log"), 0..<120)
        #expect(follow.stderr.contains("truncated"))
    }

    @Test("a file created later that matches the glob is picked up; --with-filename prefixes lines")
    func globPickup() throws {
        let dir = FollowDirectory()
        dir.append("", to: "first.log")
        let follow = try FollowProcess(["\(dir.root)/*.log", "--with-filename"] + Self.fast, in: dir)
        #expect(follow.waitUntilReading(dir.path("first.log")))
        dir.append(FollowDirectory.lines(0..<20), to: "late.log")
        dir.append("not followed\n", to: "late.txt")
        #expect(eventually { lineNumbers(in: follow.stdout).count == 20 })
        #expect(follow.terminate() == 0)
        let lines = follow.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix(dir.path("late.log") + ": line ") })
        expectExactlyOnce(follow.stdout, 0..<20)
    }

    @Test("--output is exactly once across kill -9 while the log is written and rotated")
    func exactlyOnceAcrossKill() throws {
        let dir = FollowDirectory()
        let arguments = [dir.path("app.log"), "--output", dir.path("out.log"), "--state", dir.path("state"),
                         "--rotate-wait", "300ms", "--checkpoint-interval", "50ms"]
        dir.append("", to: "app.log")
        var follow = try FollowProcess(arguments, in: dir)
        #expect(follow.waitUntilReading(dir.path("app.log")))
        #expect(eventually { FileManager.default.fileExists(atPath: dir.path("state/follow.state")) })
        var next = 0
        for round in 0..<6 {
            for _ in 0..<5 {
                dir.append(FollowDirectory.lines(next..<(next + 40)), to: "app.log")
                next += 40
                usleep(30_000)
            }
            if round == 2 {
                dir.rename("app.log", "app.log.1")
                dir.append("", to: "app.log")  // logrotate's create
                dir.append(FollowDirectory.lines(next..<(next + 10)), to: "app.log.1")
                next += 10
            }
            usleep(UInt32(50_000 + round * 40_000))
            follow.crash()
            follow = try FollowProcess(arguments, in: dir)
            #expect(follow.waitUntilReading(dir.path("app.log")))
        }
        #expect(eventually(timeout: 20) { lineNumbers(in: dir.read("out.log")).count >= next })
        usleep(400_000)
        #expect(follow.terminate() == 0)
        expectExactlyOnce(dir.read("out.log"), 0..<next)
    }

    @Test("secrets never reach the output, the state files or stderr; the state file is 0600")
    func canariesNeverLeak() throws {
        let dir = FollowDirectory()
        let canaries = (0..<20).map { FollowDirectory.canary(1000 + $0) }
        dir.append(canaries.map { "Authorization: token \($0)\n" }.joined() + "password=\(canaries[0])", to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--output", dir.path("out.log"), "--state", dir.path("state"),
                                        "--with-filename"] + Self.fast, in: dir)
        #expect(eventually(timeout: 20) { dir.read("out.log").split(separator: "\n").count == 20 })
        #expect(follow.terminate() == 0)
        let state = dir.read("state/follow.state")
        #expect(state.hasPrefix("redact-follow-state 1\n"))
        var info = stat()
        stat(dir.path("state/follow.state"), &info)
        #expect(info.st_mode & 0o777 == 0o600)
        for canary in canaries {
            for text in [dir.read("out.log"), state, follow.stderr, follow.stdout] {
                #expect(!text.contains(canary))
                #expect(!text.contains(String(canary.dropFirst(4).prefix(12))))
            }
        }
    }

    @Test("a state directory writable by others is refused with exit status 2")
    func unsafeStateDirectory() throws {
        let dir = FollowDirectory()
        mkdir(dir.path("state"), 0o700)
        chmod(dir.path("state"), 0o777)
        dir.append("line 00000\n", to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--state", dir.path("state")], in: dir)
        follow.process.waitUntilExit()
        #expect(follow.process.terminationStatus == 2)
        #expect(follow.stderr.contains("writable by group or others"))
        #expect(follow.stdout.isEmpty)
    }

    @Test("a missing path is warned about once and followed when it appears; a symlink out of the directory is refused")
    func missingPathAndOutsideSymlink() throws {
        let dir = FollowDirectory()
        let outside = FollowDirectory()
        outside.append("root:SECRETHASH:19000\n", to: "shadow")
        symlink(outside.path("shadow"), dir.path("evil.log"))
        let follow = try FollowProcess([dir.path("app.log"), dir.path("evil.log")] + Self.fast, in: dir)
        #expect(eventually(timeout: 20) { follow.stderr.contains("does not exist (yet)") })
        dir.append(FollowDirectory.lines(0..<3), to: "app.log")
        #expect(eventually { lineNumbers(in: follow.stdout).count == 3 })
        #expect(follow.terminate() == 0)
        #expect(follow.stderr.components(separatedBy: "does not exist").count == 2, "warned once")
        #expect(follow.stderr.contains("appeared"))
        #expect(follow.stderr.contains("outside the followed directories"))
        #expect(!follow.stdout.contains("SECRETHASH"))
    }

    @Test("--metrics-file is valid Prometheus text; SIGUSR1 and --stats print the same to stderr; SIGHUP reopens --output")
    func metricsStatsAndSignals() throws {
        let dir = FollowDirectory()
        dir.append(FollowDirectory.lines(0..<30), to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--output", dir.path("out.log"), "--metrics-file", dir.path("follow.prom"),
                                        "--metrics-interval", "100ms", "--stats"] + Self.fast, in: dir)
        #expect(eventually(timeout: 20) { dir.read("follow.prom").contains("redact_follow_lines_total 30\n") })
        follow.send(SIGUSR1)
        #expect(eventually { follow.stderr.contains("redact_follow_lines_total 30") })
        dir.rename("out.log", "out.log.1")
        follow.send(SIGHUP)
        usleep(300_000)
        dir.append(FollowDirectory.lines(30..<40), to: "app.log")
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count == 10 })
        #expect(follow.terminate() == 0)
        let metrics = dir.read("follow.prom")
        #expect(metrics.contains("# TYPE redact_follow_lines_total counter\n"))
        #expect(metrics.contains("redact_follow_lines_redacted_total 4\n"))
        #expect(!metrics.contains("ghp_"))
        #expect(follow.stderr.components(separatedBy: "# TYPE redact_follow_lines_total counter").count == 3, "SIGUSR1 and exit")
        #expect(follow.stderr.contains("redact_follow_lines_total 40"))
        expectExactlyOnce(dir.read("out.log.1") + dir.read("out.log"), 0..<40)
    }
}
