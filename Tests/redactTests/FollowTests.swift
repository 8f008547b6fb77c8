import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `redact follow` end to end: the built binary on real files in a temp directory.
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

    @Test("rename rotation: old file drained (stale writer included), new file read from its start")
    func renameRotation() throws {
        let dir = FollowDirectory()
        dir.append(FollowDirectory.lines(0..<100), to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--output", dir.path("out.log"), "--state", dir.path("state")] + Self.fast, in: dir)
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count == 100 })
        dir.rename("app.log", "app.log.1")
        dir.append(FollowDirectory.lines(100..<110), to: "app.log.1")  // the stale writer
        dir.append(FollowDirectory.lines(110..<160), to: "app.log")
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count >= 160 })
        usleep(500_000)  // past the rotate wait: the old file is closed
        dir.append(FollowDirectory.lines(160..<170), to: "app.log")
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count >= 170 })
        #expect(follow.terminate() == 0)
        expectExactlyOnce(dir.read("out.log"), 0..<170)
        let numbers = lineNumbers(in: dir.read("out.log"))
        #expect(Array(numbers.prefix(110)) == Array(0..<110), "the old file comes first, in order")
    }

    @Test("copytruncate: the truncation is detected and the file read again from 0")
    func copytruncate() throws {
        let dir = FollowDirectory()
        dir.append(FollowDirectory.lines(0..<100), to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--output", dir.path("out.log"), "--state", dir.path("state")] + Self.fast, in: dir)
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count == 100 })
        dir.copy("app.log", "app.log.1")
        dir.truncate("app.log")
        dir.append(FollowDirectory.lines(100..<120), to: "app.log")
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count >= 120 })
        #expect(follow.terminate() == 0)
        expectExactlyOnce(dir.read("out.log"), 0..<120)
        #expect(follow.stderr.contains("truncated"))
    }

    @Test("truncate then regrow past the old offset is caught by the content marker, not by size")
    func truncateAndRegrow() throws {
        let dir = FollowDirectory()
        dir.append(FollowDirectory.lines(0..<10), to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--output", dir.path("out.log"), "--no-inotify",
                                        "--poll-interval", "300ms"] + Self.fast, in: dir)
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count == 10 })
        // Within one polling period: truncate and write more than before.
        dir.truncate("app.log")
        dir.append(FollowDirectory.lines(10..<40, tag: " regrown"), to: "app.log")
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count >= 40 })
        #expect(follow.terminate() == 0)
        expectExactlyOnce(dir.read("out.log"), 0..<40)
    }

    @Test("delete and recreate the same path")
    func deleteAndRecreate() throws {
        let dir = FollowDirectory()
        dir.append(FollowDirectory.lines(0..<50), to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--output", dir.path("out.log")] + Self.fast, in: dir)
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count == 50 })
        dir.remove("app.log")
        dir.append(FollowDirectory.lines(50..<80), to: "app.log")
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count >= 80 })
        #expect(follow.terminate() == 0)
        expectExactlyOnce(dir.read("out.log"), 0..<80)
    }

    @Test("a file created later that matches the glob is picked up; --with-filename prefixes lines")
    func globPickup() throws {
        let dir = FollowDirectory()
        let follow = try FollowProcess(["\(dir.root)/*.log", "--with-filename"] + Self.fast, in: dir)
        usleep(300_000)
        dir.append(FollowDirectory.lines(0..<20), to: "late.log")
        dir.append("not followed\n", to: "late.txt")
        #expect(eventually { lineNumbers(in: follow.stdout).count == 20 })
        #expect(follow.terminate() == 0)
        let lines = follow.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix(dir.path("late.log") + ": line ") })
        expectExactlyOnce(follow.stdout, 0..<20)
    }

    @Test("a partial line across a restart is emitted once, whole", arguments: [false, true])
    func partialLineAcrossRestart(crash: Bool) throws {
        let dir = FollowDirectory()
        let arguments = [dir.path("app.log"), "--output", dir.path("out.log"), "--state", dir.path("state")] + Self.fast
        dir.append("line 00000 first\npartial", to: "app.log")
        let first = try FollowProcess(arguments, in: dir)
        #expect(eventually { dir.read("out.log") == "line 00000 first\n" })
        usleep(300_000)
        if crash { first.crash() } else { #expect(first.terminate() == 0) }
        #expect(dir.read("out.log") == "line 00000 first\n", "no fragment was written")
        dir.append(" line\n", to: "app.log")
        let second = try FollowProcess(arguments, in: dir)
        #expect(eventually { dir.read("out.log").contains("partial line\n") })
        usleep(200_000)
        #expect(second.terminate() == 0)
        #expect(dir.read("out.log") == "line 00000 first\npartial line\n")
    }

    @Test("a partial line still open when a rotated file is closed is emitted once with a newline")
    func partialLineAtRotateWaitEnd() throws {
        let dir = FollowDirectory()
        dir.append("line 00000\nline 00001 unfinished", to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--output", dir.path("out.log")] + Self.fast, in: dir)
        #expect(eventually { dir.read("out.log") == "line 00000\n" })
        dir.rename("app.log", "app.log.1")
        dir.append("line 00002\n", to: "app.log")
        #expect(eventually { dir.read("out.log").contains("line 00002") })
        #expect(eventually { dir.read("out.log").contains("unfinished") })  // after the rotate wait
        #expect(follow.terminate() == 0)
        #expect(dir.read("out.log") == "line 00000\nline 00002\nline 00001 unfinished\n")
    }

    @Test("a corrupt checkpoint gives one warning and the documented fallback", arguments: ["empty", "garbage", "truncated"])
    func corruptCheckpoint(kind: String) throws {
        let dir = FollowDirectory()
        dir.append(FollowDirectory.lines(0..<30), to: "app.log")
        let arguments = [dir.path("app.log"), "--output", dir.path("out.log"), "--state", dir.path("state")] + Self.fast
        let first = try FollowProcess(arguments, in: dir)
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count == 30 })
        #expect(first.terminate() == 0)
        let statePath = dir.path("state/follow.state")
        let saved = FileManager.default.contents(atPath: statePath) ?? Data()
        switch kind {
        case "empty": FileManager.default.createFile(atPath: statePath, contents: Data())
        case "garbage": FileManager.default.createFile(atPath: statePath, contents: Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) }))
        default: FileManager.default.createFile(atPath: statePath, contents: saved.prefix(saved.count / 2))
        }
        let second = try FollowProcess(arguments, in: dir)
        // Fallback: no checkpoint, so --from beginning: the file is read again and appended.
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count == 60 })
        #expect(second.terminate() == 0)
        let warnings = second.stderr.split(separator: "\n").filter { $0.contains("warning") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("state file") == true)
        #expect(!second.stderr.contains("ghp_"))
        // The next checkpoint is valid again.
        let third = try FollowProcess(arguments, in: dir)
        usleep(500_000)
        #expect(third.terminate() == 0)
        #expect(!third.stderr.contains("warning"))
        #expect(lineNumbers(in: dir.read("out.log")).count == 60)
    }

    @Test("--output is exactly once across kill -9 while the log is written and rotated")
    func exactlyOnceAcrossKill() throws {
        let dir = FollowDirectory()
        let arguments = [dir.path("app.log"), "--output", dir.path("out.log"), "--state", dir.path("state"),
                         "--rotate-wait", "300ms", "--checkpoint-interval", "200ms"]
        var follow = try FollowProcess(arguments, in: dir)
        var next = 0
        for round in 0..<6 {
            for _ in 0..<5 {
                dir.append(FollowDirectory.lines(next..<(next + 40)), to: "app.log")
                next += 40
                usleep(30_000)
            }
            if round == 2 {
                dir.rename("app.log", "app.log.1")
                dir.append(FollowDirectory.lines(next..<(next + 10)), to: "app.log.1")
                next += 10
            }
            usleep(UInt32(50_000 + round * 40_000))
            follow.crash()
            follow = try FollowProcess(arguments, in: dir)
        }
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count >= next })
        usleep(300_000)
        #expect(follow.terminate() == 0)
        expectExactlyOnce(dir.read("out.log"), 0..<next)
    }

    @Test("secrets never reach the output, the state files or stderr")
    func canariesNeverLeak() throws {
        let dir = FollowDirectory()
        let canaries = (0..<20).map { FollowDirectory.canary(1000 + $0) }
        dir.append(canaries.map { "Authorization: token \($0)\n" }.joined() + "password=\(canaries[0])", to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--output", dir.path("out.log"), "--state", dir.path("state"),
                                        "--with-filename"] + Self.fast, in: dir)
        #expect(eventually { dir.read("out.log").split(separator: "\n").count == 20 })
        usleep(300_000)
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

    @Test("--from end skips existing lines of files present at the first start")
    func fromEnd() throws {
        let dir = FollowDirectory()
        dir.append(FollowDirectory.lines(0..<10), to: "app.log")
        let follow = try FollowProcess([dir.path("app.log"), "--from", "end"] + Self.fast, in: dir)
        usleep(400_000)
        dir.append(FollowDirectory.lines(10..<15), to: "app.log")
        #expect(eventually { lineNumbers(in: follow.stdout).count == 5 })
        #expect(follow.terminate() == 0)
        expectExactlyOnce(follow.stdout, 10..<15)
    }

    @Test("a restart inside a multi-line private key keeps masking its lines")
    func restartInsideAPrivateKeyBlock() throws {
        let dir = FollowDirectory()
        let body1 = "MIIEowIBAAKCAQEAjis9TrO3zLjMTa9z7NakfmB3K28AO2myCO5sgUdma4d8mmYN"
        let body2 = "HLFS5DzCbBWfi2uGbLhNjaBA5ZP0hRmw/lBCDGtoKdth7ImZGglLdzov95k09uDB"
        dir.append("before\n-----BEGIN RSA PRIVATE KEY-----\n\(body1)\n", to: "app.log")
        let arguments = [dir.path("app.log"), "--output", dir.path("out.log"), "--state", dir.path("state")] + Self.fast
        let first = try FollowProcess(arguments, in: dir)
        #expect(eventually { dir.read("out.log").contains("-----BEGIN RSA PRIVATE KEY-----\n***\n") })
        usleep(300_000)  // a checkpoint inside the block
        first.crash()
        dir.append("\(body2)\n-----END RSA PRIVATE KEY-----\nafter\n", to: "app.log")
        let second = try FollowProcess(arguments, in: dir)
        #expect(eventually { dir.read("out.log").contains("after\n") })
        #expect(second.terminate() == 0)
        let output = dir.read("out.log")
        #expect(output == "before\n-----BEGIN RSA PRIVATE KEY-----\n***\n***\n-----END RSA PRIVATE KEY-----\nafter\n")
        #expect(!output.contains("HLFS5D") && !output.contains("MIIEow"))
    }

    @Test("the --output file is never followed, even when a glob matches it")
    func ownOutputIsNotFollowed() throws {
        let dir = FollowDirectory()
        dir.append(FollowDirectory.lines(0..<20), to: "app.log")
        let follow = try FollowProcess([dir.path("*.log"), "--output", dir.path("out.log")] + Self.fast, in: dir)
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count == 20 })
        dir.append(FollowDirectory.lines(20..<30), to: "app.log")
        #expect(eventually { lineNumbers(in: dir.read("out.log")).count >= 30 })
        usleep(1_500_000)  // past a rescan: the output must not be fed back into itself
        #expect(follow.terminate() == 0)
        expectExactlyOnce(dir.read("out.log"), 0..<30)
        #expect(follow.stderr.contains("is the --output file"))
    }
}
