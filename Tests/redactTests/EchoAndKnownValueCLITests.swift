import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Echoes and known values through the built binary: `--echo-values`, `--no-echo`,
/// `--mask-values-from`, `--mask-env`, `::add-mask::`, `--check`, `follow` and `mmexternal`.
@Suite(.serialized) struct EchoAndKnownValueCLITests {
    static let password = "Sup3rS3cr3tV4lue"
    static let rule = ["--replace", "[{rule}]"]

    static func data(_ text: String) -> Data { Data(text.utf8) }

    static func temporaryFile(_ contents: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("redact-values-\(UUID().uuidString)")
        try Data(contents.utf8).write(to: url)
        return url
    }

    @Test func anEchoIsMaskedInItsLineAndInLaterLines() throws {
        let input = "db password=\(Self.password) (password \(Self.password) rejected)\nretrying with \(Self.password)\n"
        let result = try BinaryUnderTest.run(Self.rule, input: Self.data(input))
        #expect(result.status == 0)
        #expect(result.stdoutText.hasSuffix("(password [echo] rejected)\nretrying with [echo]\n"))
        #expect(!result.stdoutText.contains(Self.password))
        // The same whatever the read size (a secret and its echoes split across reads).
        let small = try BinaryUnderTest.run(Self.rule + ["--read-size", "7"], input: Self.data(input))
        #expect(small.stdout == result.stdout)
    }

    @Test func noEchoAndZeroEchoValuesTurnEchoesOff() throws {
        let input = "db password=\(Self.password)\nretrying with \(Self.password)\n"
        for options in [["--no-echo"], ["--echo-values", "0"]] {
            let result = try BinaryUnderTest.run(Self.rule + options, input: Self.data(input))
            #expect(result.status == 0)
            #expect(result.stdoutText.hasPrefix("db password=["))
            #expect(result.stdoutText.hasSuffix("]\nretrying with \(Self.password)\n"))
        }
        let refused = try BinaryUnderTest.run(["--echo-values", "-1"], input: Self.data(input))
        #expect(refused.status == 2)
    }

    @Test func valuesFromAFileAreMaskedWherever() throws {
        let file = try Self.temporaryFile("vault-Pa55word\n\nsecond-known-value\r\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let input = "connect vault-Pa55word;second-known-value=x\nVAULT-PA55WORD stays\n"
        let result = try BinaryUnderTest.run(Self.rule + ["--mask-values-from", file.path], input: Self.data(input))
        #expect(result.status == 0)
        #expect(result.stdoutText == "connect [known-value];[known-value]=x\nVAULT-PA55WORD stays\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func aShortOrMissingValuesFileIsRefusedWithoutTheValue() throws {
        let file = try Self.temporaryFile("long-enough-value\nab1\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let short = try BinaryUnderTest.run(["--mask-values-from", file.path], input: Self.data("x\n"))
        #expect(short.status == 2)
        #expect(short.stderrText.contains("\(file.path):2:") && short.stderrText.contains("shorter than 4 bytes"))
        #expect(!short.stderrText.contains("ab1") && !short.stderrText.contains("long-enough-value"))
        #expect(short.stdout.isEmpty)
        let missing = try BinaryUnderTest.run(["--mask-values-from", file.path + ".missing"], input: Self.data("x\n"))
        #expect(missing.status == 2)
        #expect(missing.stderrText.contains(".missing"))
    }

    @Test func environmentValuesAreMaskedAndShortOnesRefused() throws {
        let environment = ["DEPLOY_TOKEN": "dpl-4f9a8b7c", "SHORT": "abc", "MULTI": "first-line-value\nxy\nthird-line-value\n"]
        let input = "using dpl-4f9a8b7c and first-line-value third-line-value xy\n"
        let result = try BinaryUnderTest.run(Self.rule + ["--mask-env", "DEPLOY_TOKEN", "--mask-env", "MULTI"],
                                             input: Self.data(input), environment: environment)
        #expect(result.status == 0)
        #expect(result.stdoutText == "using [known-value] and [known-value] [known-value] xy\n")
        let short = try BinaryUnderTest.run(["--mask-env", "SHORT"], input: Self.data(input), environment: environment)
        #expect(short.status == 2)
        #expect(short.stderrText.contains("SHORT") && short.stderrText.contains("shorter than 4 bytes"))
        #expect(!short.stderrText.contains("abc"))
        let unset = try BinaryUnderTest.run(["--mask-env", "NOT_SET_ANYWHERE"], input: Self.data(input), environment: environment)
        #expect(unset.status == 2)
        #expect(unset.stderrText.contains("NOT_SET_ANYWHERE"))
    }

    @Test func addMaskIsHonouredFromThenOn() throws {
        let input = "before Rand0mT0ken-77\n::add-mask::Rand0mT0ken-77\nafter Rand0mT0ken-77\n"
        let result = try BinaryUnderTest.run(Self.rule + ["--no-echo"], input: Self.data(input))
        #expect(result.stdoutText == "before Rand0mT0ken-77\n::add-mask::[known-value]\nafter [known-value]\n")
    }

    @Test func checkReportsValuesByRuleWithoutTheValue() throws {
        let input = "db password=\(Self.password)\nretrying with \(Self.password) and dpl-4f9a8b7c\n"
        let result = try BinaryUnderTest.run(["--check", "--mask-env", "DEPLOY_TOKEN"], input: Self.data(input),
                                             environment: ["DEPLOY_TOKEN": "dpl-4f9a8b7c"])
        #expect(result.status == 1)
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.contains("2:15: echo length=\(Self.password.count)"))
        #expect(lines.contains("2:36: known-value length=12"))
        #expect(!result.stdoutText.contains(Self.password) && !result.stderrText.contains(Self.password))
        #expect(!result.stdoutText.contains("dpl-4f9a8b7c") && !result.stderrText.contains("dpl-4f9a8b7c"))
        let stats = try BinaryUnderTest.run(["--stats", "--mask-env", "DEPLOY_TOKEN"], input: Self.data(input),
                                            environment: ["DEPLOY_TOKEN": "dpl-4f9a8b7c"])
        #expect(stats.stderrText.contains("echo") && stats.stderrText.contains("known-value"))
        #expect(!stats.stderrText.contains(Self.password) && !stats.stderrText.contains("dpl-4f9a8b7c"))
    }

    /// The values file is re-read when it changes, while input is being read (no signal).
    @Test func aChangedValuesFileIsPickedUp() throws {
        let file = try Self.temporaryFile("alpha-known-1\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryUnderTest.path)
        process.arguments = Self.rule + ["--line-buffered", "--mask-values-from", file.path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let reader = LineReader(output.fileHandleForReading)
        let line = Self.data("alpha-known-1 beta-known-2\n")
        input.fileHandleForWriting.write(line)
        #expect(reader.nextLine() == "[known-value] beta-known-2")  // processed before the change
        try Data("beta-known-2\n".utf8).write(to: file)
        usleep(1_200_000)  // past the once-a-second check
        input.fileHandleForWriting.write(line)
        #expect(reader.nextLine() == "alpha-known-1 [known-value]")
        try FileManager.default.removeItem(at: file)
        usleep(1_200_000)
        input.fileHandleForWriting.write(line)
        #expect(reader.nextLine() == "alpha-known-1 [known-value]")  // a file that went away: the values stay
        try input.fileHandleForWriting.close()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(stderr.contains("warning") && stderr.contains(file.path))
        #expect(!stderr.contains("known-1") && !stderr.contains("known-2"))
    }

    /// `follow` remembers echoes per followed file; values never reach the state files.
    @Test func followMasksEchoesPerFileAndKeepsValuesOutOfState() throws {
        let dir = FollowDirectory()
        dir.append("line 00001 password=\(Self.password)\nline 00002 retry \(Self.password)\n", to: "a.log")
        dir.append("line 00003 unrelated \(Self.password)\n", to: "b.log")
        let follow = try FollowProcess([dir.path("*.log"), "--output", dir.path("out.txt"), "--state", dir.path("state"),
                                        "--checkpoint-interval", "100ms"] + Self.rule, in: dir)
        #expect(eventually { lineNumbers(in: dir.read("out.txt")).count == 3 })
        #expect(follow.terminate() == 0)
        let output = dir.read("out.txt")
        #expect(output.contains("line 00002 retry [echo]"))
        #expect(output.contains("line 00003 unrelated \(Self.password)"), "echoes are per followed file")
        let state = (try? FileManager.default.contentsOfDirectory(atPath: dir.path("state"))) ?? []
        #expect(!state.isEmpty)
        for name in state {
            let contents = FileManager.default.contents(atPath: dir.path("state/\(name)")) ?? Data()
            #expect(!String(decoding: contents, as: UTF8.self).contains(Self.password))
        }
    }

    @Test func mmexternalMasksKnownValuesAndEchoesAcrossMessages() throws {
        let input = "db password=\(Self.password)\nretry \(Self.password)\nkey dpl-4f9a8b7c\n"
        let result = try BinaryUnderTest.run(["mmexternal", "--mask-env", "DEPLOY_TOKEN"] + Self.rule,
                                             input: Self.data(input), environment: ["DEPLOY_TOKEN": "dpl-4f9a8b7c"])
        #expect(result.status == 0)
        let replies = MmexternalTests.replies(result)
        try #require(replies.count == 3)
        #expect(MmexternalTests.message(replies[1]) == "retry [echo]")
        #expect(MmexternalTests.message(replies[2]) == "key [known-value]")
    }
}

/// Reads a pipe line by line (blocking), for tests that talk to a running process.
final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()

    init(_ handle: FileHandle) { self.handle = handle }

    /// The next line without its newline, or nil at end of file.
    func nextLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                return String(decoding: line, as: UTF8.self)
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }
}
