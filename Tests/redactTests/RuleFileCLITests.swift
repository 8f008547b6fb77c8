import Foundation
import Testing

/// Rule files through the built binary: gitleaks configurations, strictness, and errors in terms
/// of the command's flags.
@Suite struct RuleFileCLITests {
    static let fixtures = "Tests/Fixtures/gitleaks-config"

    static func fixtures(_ kind: String) -> [String] {
        let url = BinaryUnderTest.repositoryRoot.appendingPathComponent("\(fixtures)/\(kind)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted().map { "\(fixtures)/\(kind)/\($0)" }
    }

    /// `redact rules list --json` over one rule file, from the repository root (where the
    /// fixtures' `[extend] path`s start), without the built-in packs unless the file asks for them.
    static func list(_ file: String) throws -> BinaryUnderTest.Result {
        try BinaryUnderTest.run(["rules", "list", "--json", "--no-builtin", "--allow-empty", "-r", file],
                                currentDirectory: BinaryUnderTest.repositoryRoot)
    }

    static func temporaryFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("redact-rules-\(UUID().uuidString).toml")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test(arguments: RuleFileCLITests.fixtures("valid"))
    func everyValidGitleaksConfigLoads(_ file: String) throws {
        let result = try Self.list(file)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(!result.stderrText.contains("error"), "\(result.stderrText)")
        let rules = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])
        #expect(!rules.isEmpty)
    }

    @Test(arguments: RuleFileCLITests.fixtures("invalid"))
    func everyInvalidGitleaksConfigExitsTwoNamingFileAndLine(_ file: String) throws {
        let result = try Self.list(file)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let located = #/redact: error: Tests/Fixtures/gitleaks-config/(valid|invalid)/[a-z_]+\.toml:[1-9][0-9]*: /#
        #expect(result.stderrText.contains(located), "\(result.stderrText)")
    }

    @Test func theRulesOfAnExtendedConfigAreMerged() throws {
        let result = try Self.list("\(Self.fixtures)/valid/extend_rule_override_keywords.toml")
        let rules = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])
        let acme = try #require(rules.first { $0["id"] as? String == "acme-api-key" })
        #expect(acme["keywords"] as? [String] == ["acme_live_", "acme_test_", "acme_staging_"])
        #expect(acme["source"] as? String == "\(Self.fixtures)/valid/extend_rule_override_keywords.toml:4")
    }

    @Test func anUnknownKeyIsAnErrorWithASuggestion() throws {
        let file = try Self.temporaryFile("[[rules]]\nid = \"team-token\"\nregex = '''tt_[a-z]{8}'''\nkeywordz = [\"tt_\"]\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try BinaryUnderTest.run(["-r", file.path], input: Data("x\n".utf8))
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(result.stderrText == "redact: error: \(file.path):4: rule 'team-token': unknown key 'keywordz' in [[rules]] (did you mean 'keywords'?)\n")
    }

    @Test func aRuleIDWithALineBreakIsRefused() throws {
        let file = try Self.temporaryFile("[[rules]]\nid = \"two\\nlines\"\nregex = '''tt_[a-z]{8}'''\nkeywords = [\"tt_\"]\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try BinaryUnderTest.run(["-r", file.path, "--replace", "[{rule}]"], input: Data("tt_abcdefgh\n".utf8))
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(result.stderrText.contains("\(file.path):2: the rule id contains a line break or another control character"))
    }

    @Test func useDefaultWithNoBuiltinWarnsThatTheFileWins() throws {
        let file = try Self.temporaryFile("[extend]\nuseDefault = true\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try BinaryUnderTest.run(["-r", file.path, "--no-builtin"], input: Data("t=ghp_R4nd0mV4lu3sAreF4keBut36Chars0123abc\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdoutText == "t=***\n")
        #expect(result.stderrText.contains("redact: warning: \(file.path):1: [extend] useDefault = true loads the built-in rules although --no-builtin was given: the file wins"))
    }

    @Test func zeroActiveRulesIsAnErrorUnlessAllowed() throws {
        let refused = try BinaryUnderTest.run(["--no-builtin"], input: Data("password=hunter2\n".utf8))
        #expect(refused.status == 2 && refused.stdout.isEmpty)
        #expect(refused.stderrText.hasPrefix("redact: error: no rule is active (0 loaded, none selected)"))
        #expect(refused.stderrText.contains("--allow-empty"))
        let optIn = try Self.temporaryFile("[[rules]]\nid = \"team-optin\"\nregex = '''to_[a-z]{8}'''\nkeywords = [\"to_\"]\nenabled = false\n")
        defer { try? FileManager.default.removeItem(at: optIn) }
        let noneSelected = try BinaryUnderTest.run(["--no-builtin", "-r", optIn.path])
        #expect(noneSelected.status == 2 && noneSelected.stderrText.contains("no rule is active (1 loaded, none selected)"))
        let allowed = try BinaryUnderTest.run(["--no-builtin", "--allow-empty"], input: Data("password=hunter2\n".utf8))
        #expect(allowed.status == 0 && allowed.stdoutText == "password=hunter2\n")
    }

    @Test func settingsAreNamedByTheirFlags() throws {
        let hash = try BinaryUnderTest.run(["--replace", "<{hash}>"], input: Data("x\n".utf8), environment: [:])
        #expect(hash.status == 2)
        #expect(hash.stderrText == "redact: error: --replace: the template uses {hash} but no hash key was given (refusing unkeyed hashes)\n")
        let disable = try BinaryUnderTest.run(["--disable", "no-such-rule"])
        #expect(disable.status == 2)
        #expect(disable.stderrText == "redact: error: --disable: no rule or pack named 'no-such-rule' (see `redact rules list`)\n")
        let enable = try BinaryUnderTest.run(["rules", "list", "--enable", "no-such-rule"])
        #expect(enable.status == 2)
        #expect(enable.stderrText == "redact: error: --enable: no rule or pack named 'no-such-rule' (see `redact rules list`)\n")
    }

    @Test func rulesListAllShowsOptInRulesWithAnEnabledColumn() throws {
        let file = try Self.temporaryFile("""
            [[rules]]
            id = "team-optin"
            description = "opt-in team token"
            regex = '''to_[a-z]{8}'''
            keywords = ["to_"]
            enabled = false

            [[rules]]
            id = "team-token"
            description = "team token"
            regex = '''tt_[a-z]{8}'''
            keywords = ["tt_"]
            """)
        defer { try? FileManager.default.removeItem(at: file) }
        let plain = try BinaryUnderTest.run(["rules", "list", "--no-builtin", "-r", file.path])
        #expect(!plain.stdoutText.contains("team-optin") && !plain.stdoutText.contains("ENABLED"))
        let all = try BinaryUnderTest.run(["rules", "list", "--all", "--no-builtin", "-r", file.path])
        #expect(all.status == 0)
        let lines = all.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("ENABLED") == true)
        #expect(lines.contains { $0.hasPrefix("team-optin") && $0.contains(" no ") })
        #expect(lines.contains { $0.hasPrefix("team-token") && $0.contains(" yes ") })
        #expect(all.stderrText.contains("2 rule(s), 1 enabled"))
        let json = try BinaryUnderTest.run(["rules", "list", "--all", "--json", "--no-builtin", "-r", file.path, "--enable", "team-optin",
                                            "--disable", "team-token"])
        let objects = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
        #expect(objects.map { $0["id"] as? String } == ["team-optin", "team-token"])
        #expect(objects.map { $0["enabled"] as? Bool } == [true, false])
    }
}

/// `redact rules profile`: per-rule counts over sample input, as a table and as JSON, with no
/// content in either.
@Suite struct RuleProfileCLITests {
    static let rules = """
        [[rules]]
        id = "team-token"
        regex = '''\\b(tt_[a-z0-9]{12})\\b'''
        keywords = ["tt_"]

        [[rules]]
        id = "quiet-rule"
        regex = '''zzqq_([a-z]{8})'''
        keywords = ["zzqq_"]
        """

    @Test func theJSONProfileCountsLinesPerRuleAndHoldsNoSecret() throws {
        let file = try RuleFileCLITests.temporaryFile(Self.rules)
        defer { try? FileManager.default.removeItem(at: file) }
        let input = "a tt_a1b2c3d4e5f6\ntt_ docs\nplain\n"
        let result = try BinaryUnderTest.run(["rules", "profile", "--json", "--no-builtin", "-r", file.path], input: Data(input.utf8))
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(!result.stdoutText.contains("tt_a1b2c3d4e5f6"))
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(object["lines"] as? Int == 3)
        #expect(object["bytes"] as? Int == input.utf8.count)
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.count == 1, "the rule whose keyword never occurs did not run")
        #expect(rules.first?["id"] as? String == "team-token")
        #expect(rules.first?["candidateLines"] as? Int == 2)
        #expect(rules.first?["matchedLines"] as? Int == 1)
    }

    @Test func theTableNamesTheRulesThatRan() throws {
        let file = try RuleFileCLITests.temporaryFile(Self.rules)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try BinaryUnderTest.run(["rules", "profile", "--no-builtin", "-r", file.path],
                                             input: Data("x tt_a1b2c3d4e5f6\n".utf8))
        #expect(result.status == 0)
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.first?.hasPrefix("1 lines, 0.0 MB in ") == true, "\(result.stdoutText)")
        #expect(lines.count == 3 && lines[1].hasPrefix("RULE") && lines[2].hasPrefix("team-token"))
        #expect(!result.stdoutText.contains("a1b2c3d4e5f6"))
    }
}
