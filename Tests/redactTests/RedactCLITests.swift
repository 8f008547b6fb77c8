import Foundation
import Testing

/// End-to-end tests of the built `redact` binary: stdin/stdout, files, exit codes, reports,
/// signals and broken pipes.
@Suite(.serialized) struct RedactCLITests {
    static let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
    static let github = "ghp_R4nd0mV4lu3sAreF4keBut36Chars0123abc"

    static func data(_ text: String) -> Data { Data(text.utf8) }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("redact-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theReadmeExample() throws {
        let result = try BinaryUnderTest.run([], input: Self.data("GET /v1 Authorization: Bearer \(Self.jwt)\n"))
        #expect(result.status == 0)
        #expect(result.stdoutText == "GET /v1 Authorization: Bearer ***\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        let result = try BinaryUnderTest.run([])
        #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty)
    }

    @Test func bytesOutsideSecretsAreKeptExactly() throws {
        var input = Data([0xFF, 0x00, 0xC0, 0x80, 0x0D, 0x0A])
        input.append(Self.data("token \(Self.github)\r\nlast line without newline"))
        let result = try BinaryUnderTest.run([], input: input)
        var expected = Data([0xFF, 0x00, 0xC0, 0x80, 0x0D, 0x0A])
        expected.append(Self.data("token ***\r\nlast line without newline"))
        #expect(result.stdout == expected)
    }

    @Test func sampleLogLosesEverySecretAndKeepsItsLines() throws {
        let sample = BinaryUnderTest.repositoryRoot.appendingPathComponent("Tests/Fixtures/sample.log")
        let input = try Data(contentsOf: sample)
        let result = try BinaryUnderTest.run([sample.path])
        #expect(result.status == 0)
        #expect(result.stdout.filter { $0 == 0x0A }.count == input.filter { $0 == 0x0A }.count)
        let output = result.stdoutText
        for secret in ["Pg7-Lq2xWv9Tz4", "AKIAYEPCWZTMFPWPPG5I", "ar962A0lXuwvUlwDRJxsKl06OJ9cndMc5EUlObFb",
                       "sk_live_fHxOAIZK6OvecHCKI2CMz8Cs", "ghp_bRmFGEKeEXqdvoQ6aCLPI2R2ZSZxLqZndyFR", "Sm7p-Rel4y-2024x",
                       "MIIEowIBAAKCAQEAjis9TrO3zLjMTa9z7NakfmB3K28AO2myCO5sgUdma4d8mmYN", "Sommer2024!Berlin",
                       "b3BzLWJvdDpYQ25Ib0ttOTFFMDFIMXFi", "xoxb-352934506100", "N3w-Passw0rd-77", "Bk9-xLq2Wz7m"] {
            #expect(!output.contains(secret), "secret survived: \(secret.prefix(6))…")
        }
        #expect(output.contains("Authorization: Basic ***"))
        #expect(output.contains("-----BEGIN RSA PRIVATE KEY-----\n***\n"))
        // Idempotent: redacting the output again changes nothing.
        #expect(try BinaryUnderTest.run([], input: result.stdout).stdout == result.stdout)
    }

    @Test func filesAreRedactedInOrderAsOneStream() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("a.log"), second = directory.appendingPathComponent("b.log")
        try Self.data("one \(Self.github) ").write(to: first)
        try Self.data("two\n").write(to: second)
        let result = try BinaryUnderTest.run([first.path, second.path])
        #expect(result.status == 0)
        #expect(result.stdoutText == "one *** two\n")
        let missing = try BinaryUnderTest.run([directory.appendingPathComponent("nope.log").path, second.path])
        #expect(missing.status == 2)
        #expect(missing.stdoutText == "two\n")
        #expect(missing.stderrText.contains("nope.log"))
    }

    @Test func checkReportsPositionsNeverSecretsAndExitsOne() throws {
        let input = Self.data("clean\nuse \(Self.github) now\n")
        let text = try BinaryUnderTest.run(["--check"], input: input)
        #expect(text.status == 1)
        #expect(text.stdoutText == "2:5: github-pat length=40\n")
        #expect(!text.stdoutText.contains("ghp_") && !text.stderrText.contains("ghp_"))
        let json = try BinaryUnderTest.run(["--check", "--format", "json"], input: input)
        let objects = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
        try #require(objects.count == 1)
        #expect(objects[0]["rule"] as? String == "github-pat")
        #expect(objects[0]["line"] as? Int == 2 && objects[0]["column"] as? Int == 5)
        let clean = try BinaryUnderTest.run(["--check"], input: Self.data("nothing here\n"))
        #expect(clean.status == 0 && clean.stdout.isEmpty)
    }

    @Test func checkWithAKeyReportsKeyedFingerprints() throws {
        let key = String(repeating: "k", count: 40)
        let input = Self.data("a \(Self.github)\nb \(Self.github)\n")
        let result = try BinaryUnderTest.run(["--check"], input: input, environment: ["REDACT_HASH_KEY": key])
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count == 2)
        let prints = lines.compactMap { $0.split(separator: " ").first { $0.hasPrefix("fingerprint=") } }
        try #require(prints.count == 2)
        #expect(prints[0] == prints[1])
        #expect(!result.stdoutText.contains(key))
    }

    @Test func statsGoToStderrWithRuleIds() throws {
        let result = try BinaryUnderTest.run(["--stats"], input: Self.data("x \(Self.github)\ny\n"))
        #expect(result.stdoutText == "x ***\ny\n")
        #expect(result.stderrText.contains("2 lines, 1 redacted, 1 secrets masked"))
        #expect(result.stderrText.contains("github-pat"))
        #expect(!result.stderrText.contains("ghp_"))
    }

    @Test func replacementTemplatesAndKeyedHashes() throws {
        let input = Self.data("t=\(Self.github)\n")
        let typed = try BinaryUnderTest.run(["--replace", "[REDACTED:{rule}:{len}]"], input: input)
        #expect(typed.stdoutText == "t=[REDACTED:github-pat:40]\n")
        let refused = try BinaryUnderTest.run(["--replace", "<{hash}>"], input: input, environment: [:])
        #expect(refused.status == 2)
        #expect(refused.stderrText.contains("no hash key"))
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("key")
        try Self.data(String(repeating: "s", count: 32) + "\n").write(to: keyFile)
        let hashed = try BinaryUnderTest.run(["--replace", "<{hash}>", "--hash-key-file", keyFile.path], input: input)
        #expect(hashed.status == 0)
        #expect(hashed.stdoutText.range(of: #"^t=<[0-9a-f]{8}\.[0-9a-f]{32}>\n$"#, options: .regularExpression) != nil)
        let sameKeyAgain = try BinaryUnderTest.run(["--replace", "<{hash}>", "--hash-key-file", keyFile.path], input: input)
        #expect(sameKeyAgain.stdout == hashed.stdout)
        try Self.data("short").write(to: keyFile)
        let short = try BinaryUnderTest.run(["--replace", "<{hash}>", "--hash-key-file", keyFile.path], input: input)
        #expect(short.status == 2 && short.stderrText.contains("at least 32"))
    }

    @Test func brokenRuleFileNamesFileLineAndRuleAndExitsTwo() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rules = directory.appendingPathComponent("team.toml")
        try Self.data("# team rules\n\n[[rules]]\nid = \"team-token\"\nregex = '''tt_(a-z'''\nkeywords = [\"tt_\"]\n").write(to: rules)
        let result = try BinaryUnderTest.run(["-r", rules.path], input: Self.data("x\n"))
        #expect(result.status == 2)
        #expect(result.stderrText.contains("team.toml:3: rule 'team-token': regex rejected by PCRE2"))
        #expect(result.stderrText.contains("offset"))
        #expect(result.stdout.isEmpty)
    }

    @Test func customRulesWithoutBuiltins() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rules = directory.appendingPathComponent("ours.toml")
        try Self.data("[[rules]]\nid = \"team-token\"\nregex = '''tt_[a-z]{8}'''\nkeywords = [\"tt_\"]\n").write(to: rules)
        let result = try BinaryUnderTest.run(["-r", directory.path, "--no-builtin"],
                                             input: Self.data("a tt_abcdefgh b \(Self.github)\n"))
        #expect(result.stdoutText == "a *** b \(Self.github)\n")
        let listed = try BinaryUnderTest.run(["rules", "list", "-r", rules.path, "--no-builtin", "--json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])
        #expect(objects.map { $0["id"] as? String } == ["team-token"])
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try BinaryUnderTest.run(["--no-such-flag"]).status == 2)
        #expect(try BinaryUnderTest.run(["--on-error", "explode"]).status == 2)
        #expect(try BinaryUnderTest.run(["--disable", "no-such-rule"]).status == 2)
        #expect(try BinaryUnderTest.run(["--format", "json"]).status == 2)
    }

    @Test func helpAndVersion() throws {
        let help = try BinaryUnderTest.run(["--help"])
        #expect(help.status == 0 && help.stdoutText.contains("EXAMPLES:") && help.stdoutText.contains("EXIT STATUS:"))
        let filterHelp = try BinaryUnderTest.run(["filter", "--help"])
        for option in ["--rules", "--no-builtin", "--enable", "--disable", "--replace", "--hash-key-file", "--stats",
                       "--check", "--format", "--line-buffered", "--max-line-bytes", "--on-error"] {
            #expect(filterHelp.stdoutText.contains(option), "help lacks \(option)")
        }
        let version = try BinaryUnderTest.run(["--version"])
        #expect(version.status == 0 && !version.stdoutText.isEmpty)
    }

    @Test func rulesListShowsEveryBuiltinRule() throws {
        let listed = try BinaryUnderTest.run(["rules", "list", "--json"])
        #expect(listed.status == 0)
        let objects = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])
        #expect(objects.count >= 120)
        for object in objects {
            #expect(object["id"] is String && object["pack"] is String && object["regex"] is String && object["keywords"] is [Any])
        }
        let disabled = try BinaryUnderTest.run(["rules", "list", "--json", "--disable", "tokens"])
        let fewer = try #require(try JSONSerialization.jsonObject(with: disabled.stdout) as? [[String: Any]])
        #expect(fewer.count < objects.count && !fewer.contains { $0["pack"] as? String == "tokens" })
        let table = try BinaryUnderTest.run(["rules", "list"])
        #expect(table.stdoutText.contains("github-pat"))
    }

    /// `rules list` assembles the rules once: a rule file's notice is printed once.
    @Test func rulesListPrintsEachNoticeOnce() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rules = directory.appendingPathComponent("notice.toml")
        try Self.data(#"""
            [[rules]]
            id = "pathonly"
            description = "p"
            path = '''\.pem$'''

            [[rules]]
            id = "tt"
            description = "t"
            regex = '''tt_[a-z]{8}'''
            keywords = ["tt_"]
            """#).write(to: rules)
        for arguments in [["rules", "list"], ["rules", "list", "--json"], ["rules", "list", "--all"]] {
            let result = try BinaryUnderTest.run(arguments + ["-r", rules.path, "--no-builtin"])
            #expect(result.status == 0)
            #expect(result.stderrText.components(separatedBy: "only file paths").count == 2, "\(arguments): \(result.stderrText)")
        }
    }

    @Test func rulesTestRunsAPacksSamples() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.toml")
        try Self.data("""
            [[rules]]
            id = "team-token"
            description = "team token"
            regex = '''\\btt_[a-z]{8}\\b'''
            keywords = ["tt_"]
            mustRedact = ["a tt_abcdefgh b", "tt_zyxwvuts"]
            mustKeep = ["tt_short"]
            """).write(to: good)
        let passed = try BinaryUnderTest.run(["rules", "test", good.path])
        #expect(passed.status == 0, "\(passed.stdoutText)")
        #expect(passed.stdoutText.contains("1 rules, 3 samples: all passed"))
        let bad = directory.appendingPathComponent("bad.toml")
        try Self.data("""
            [[rules]]
            id = "team-token"
            description = "team token"
            regex = '''\\btt_[a-z]{8}\\b'''
            keywords = ["tt_"]
            mustRedact = ["a tt_abcdefgh b", "no secret in this one"]
            mustKeep = ["tt_qwertyui"]
            """).write(to: bad)
        let noKeywords = directory.appendingPathComponent("nokw.toml")
        try Self.data("[[rules]]\nid = \"nokw\"\ndescription = \"d\"\nregex = '''zz[0-9]{6}'''\nmustRedact = ['a zz123456', 'zz654321']\nmustKeep = ['zz1']\n").write(to: noKeywords)
        let warned = try BinaryUnderTest.run(["rules", "test", noKeywords.path])
        #expect(warned.status == 0 && warned.stdoutText.contains("rule 'nokw': no keywords"))
        let failed = try BinaryUnderTest.run(["rules", "test", bad.path])
        #expect(failed.status == 1)
        #expect(failed.stdoutText.contains("mustRedact[1]: the rule alone finds no secret"))
        #expect(failed.stdoutText.contains("mustKeep[0]"))
        #expect(!failed.stdoutText.contains("tt_qwertyui"))
    }

    @Test func overlongLinesAreReplacedByOneMarker() throws {
        let long = String(repeating: "x", count: 5000) + Self.github
        let result = try BinaryUnderTest.run(["--max-line-bytes", "1000"], input: Self.data("a\n\(long)\nb\n"))
        #expect(result.stdoutText == "a\n[REDACTED:line-too-long]\nb\n")
    }

    @Test func closedStdoutEndsQuietly() throws {
        let result = try BinaryUnderTest.shell(
            #"yes "line with \#(Self.github) in it" | head -c 20000000 | "$REDACT"; echo "status=$?" >&2"#
                .replacingOccurrences(of: "| \"$REDACT\";", with: "| \"$REDACT\" | head -n 1;"))
        #expect(result.stdoutText == "line with *** in it\n")
        #expect(result.stderrText == "status=0\n")
    }

    @Test func readSizesDoNotChangeTheOutput() throws {
        let sample = BinaryUnderTest.repositoryRoot.appendingPathComponent("Tests/Fixtures/sample.log").path
        let reference = try BinaryUnderTest.run([sample]).stdout
        for size in ["1", "7", "61", "4096"] {
            #expect(try BinaryUnderTest.run(["--read-size", size, sample]).stdout == reference, "read size \(size)")
        }
    }

    @Test func engineErrorsMaskTheLineAndWarnWithoutContent() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rules = directory.appendingPathComponent("slow.toml")
        try Self.data("[[rules]]\nid = \"slow-rule\"\nregex = '''(a+)+$'''\nkeywords = [\"aaaa\"]\n").write(to: rules)
        let bad = "zz9secret " + String(repeating: "a", count: 3000) + "!"
        let input = Self.data("ok\n\(bad)\n\(bad)\nafter\n")
        let masked = try BinaryUnderTest.run(["-r", rules.path, "--match-limit", "1000", "--stats"], input: input)
        #expect(masked.status == 0)
        #expect(masked.stdoutText == "ok\n[REDACTED:engine-error]\n[REDACTED:engine-error]\nafter\n")
        let warnings = masked.stderrText.split(separator: "\n").filter { $0.contains("regex engine error") }
        #expect(warnings.count == 1, "warnings are rate-limited")
        // The load-time probe names the catastrophic rule before any line is read.
        #expect(masked.stderrText.contains("rule 'slow-rule' exhausts the match limit on a short probe"))
        #expect(masked.stderrText.contains("slow-rule") && masked.stderrText.contains("matchlimit"))
        #expect(!masked.stderrText.contains("zz9secret") && !masked.stderrText.contains("aaaa"))
        let dropped = try BinaryUnderTest.run(["-r", rules.path, "--match-limit", "1000", "--on-error", "drop"], input: input)
        #expect(dropped.stdoutText == "ok\nafter\n")
    }

    @Test func lineBufferedOutputArrivesBeforeEndOfInput() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryUnderTest.path)
        process.arguments = ["--line-buffered"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { try? input.fileHandleForWriting.close(); process.waitUntilExit() }
        input.fileHandleForWriting.write(Self.data("first \(Self.github)\n"))
        var received = Data()
        let deadline = Date().addingTimeInterval(5)
        while !received.contains(0x0A) && Date() < deadline {
            received.append(output.fileHandleForReading.availableData)
        }
        #expect(String(decoding: received, as: UTF8.self) == "first ***\n")
    }
}
