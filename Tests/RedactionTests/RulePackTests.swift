import Foundation
import Testing
@testable import Redaction

/// Loading rule files: the gitleaks schema, our extensions and the errors.
@Suite struct RulePackTests {
    static let gitleaksConfig = #"""
    title = "gitleaks config"

    [extend]
    useDefault = true
    disabledRules = ["generic-password"]

    [[rules]]
    id = "aws-access-token"
    description = "Identified a pattern that may indicate AWS credentials"
    regex = '''\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b'''
    entropy = 3
    keywords = ["a3t", "akia", "asia", "abia", "acca"]
    [[rules.allowlists]]
    regexes = ['''.+EXAMPLE$''']

    [[rules]]
    id = "pkcs12-file"
    description = "Found a PKCS #12 file"
    path = '''(?i)(?:^|\/)[^\/]+\.p(?:12|fx)$'''

    [[rules]]
    id = "team-code"
    regex = """(?i)teamcode\\s*=\\s*(\\S+)"""
    secretGroup = 1
    keywords = ["teamcode"]
    tags = ["internal"]
    [rules.allowlist]
    stopwords = ["example"]
    paths = ['''tests/''']

    [allowlist]
    description = "global"
    paths = ['''gitleaks\.toml''']
    regexes = ['''^dummy''']
    """#

    @Test func aRealGitleaksConfigLoadsUnchanged() throws {
        let pack = try RulePack.parse(Self.gitleaksConfig, file: "gitleaks.toml", name: "gitleaks")
        #expect(pack.title == "gitleaks config")
        #expect(pack.rules.map(\.rule.id) == ["aws-access-token", "pkcs12-file", "team-code"])
        #expect(pack.rules.map(\.isComplete) == [true, false, true])
        #expect(pack.rules[1].isPathOnly)
        #expect(pack.extend == RulePack.Extension(useDefault: true, path: nil, disabledRules: ["generic-password"],
                                                        source: SourceLocation(file: "gitleaks.toml", line: 3)))
        let aws = pack.rules[0].rule
        #expect(aws.source == SourceLocation(file: "gitleaks.toml", line: 7))
        #expect(aws.entropy == 3 && aws.keywords.count == 5 && aws.allowlists.count == 1)
        let team = pack.rules[2].rule
        #expect(team.secretGroup == 1 && team.tags == ["internal"])
        #expect(team.allowlists.first?.stopwords == ["example"] && team.allowlists.first?.hasGitOnlyCriteria == true)
        #expect(pack.allowlists.count == 1)

        var builder = try RuleSetBuilder(includeBuiltin: false)
        try builder.add(pack)
        #expect(builder.notices.contains { $0.contains("skipped 1 rule") })
        #expect(builder.notices.contains { $0.contains("no rule 'generic-password' to disable") })
        #expect(builder.builtinRequestedDespiteExclusion == SourceLocation(file: "gitleaks.toml", line: 3))
        let set = try builder.build()
        #expect(set.rules.contains { $0.pack == "tokens" })  // useDefault brought in the built-in packs
        #expect(set.redact("teamcode = s3cr3tValue") == "teamcode = ***")
        #expect(set.redact("teamcode = my-example-value") == "teamcode = my-example-value")
        #expect(set.redact("key AKIAQRSTUVWXYZ234567 end") == "key *** end")
    }

    @Test(arguments: [
        ("[[rules]]\nid = \"x\"\nregex = \"(\"\nkeywords=[\"x\"]\n", "f.toml:1: rule 'x': regex rejected by PCRE2"),
        ("[[rules]]\nid = \"x\"\n", "f.toml:1: rule 'x': rule has no 'regex'"),
        ("[[rules]]\nregex = \"a\"\n", "f.toml:1: rule has no 'id'"),
        ("[[rules]]\nid = \"x\"\nregex = \"a\"\nentropy = \"high\"\n", "f.toml:4: rule 'x': 'entropy' must be a number"),
        ("title = \"unterminated\n", "f.toml:1: invalid TOML"),
        ("[[rules]]\nid = \"x\"\nregex = \"(a)\"\nsecretGroup = 2\nkeywords=[\"a\"]\n", "f.toml:1: rule 'x': secretGroup 2"),
    ])
    func brokenFilesNameFileLineAndRule(_ text: String, _ expected: String) {
        do {
            var builder = try RuleSetBuilder(includeBuiltin: false)
            try builder.add(try RulePack.parse(text, file: "f.toml", name: "f"))
            _ = try builder.build()
            Issue.record("expected an error for: \(expected)")
        } catch {
            #expect(error.description.hasPrefix(expected), "got: \(error.description)")
        }
    }

    @Test func enableAndDisableSelectRulesAndPacks() throws {
        let pack = try RulePack.parse("""
            [[rules]]
            id = "optin"
            regex = 'OPTIN\\d+'
            keywords = ["optin"]
            enabled = false
            """, file: "o.toml", name: "o")
        var builder = try RuleSetBuilder()
        try builder.add(pack)
        #expect(try !builder.selectedRules().contains { $0.id == "optin" })
        builder.enable = ["optin"]
        builder.disable = ["passwords"]
        let selected = try builder.selectedRules()
        #expect(selected.contains { $0.id == "optin" })
        #expect(!selected.contains { $0.pack == "passwords" })
        builder.disable = ["no-such-rule"]
        let error = try #require(throws: RuleLoadError.self) { _ = try builder.selectedRules() }
        #expect(error.origin == .setting(.disable) && error.location == nil)
        #expect(error.description == "disable: no rule or pack named 'no-such-rule'")
        builder.disable = []
        builder.enable = ["no-such-rule"]
        #expect(throws: RuleLoadError.self) { _ = try builder.selectedRules() }
    }

    @Test func userRuleWithTheIDOfABuiltinRuleChangesItFieldByField() throws {
        let builtin = try #require(TestSupport.builtin.rules.first { $0.id == "github-pat" })
        let pack = try RulePack.parse("[[rules]]\nid = \"github-pat\"\nkeywords = [\"GHP_LEGACY\"]\n[[rules.allowlists]]\nregexes = ['^ghp_0{36}$']\n",
                                      file: "u.toml", name: "u")
        var builder = try RuleSetBuilder()
        try builder.add(pack)
        let rules = try builder.selectedRules()
        let merged = try #require(rules.first { $0.id == "github-pat" })
        #expect(rules.filter { $0.id == "github-pat" }.count == 1)
        #expect(merged.regex == builtin.regex && merged.pack == builtin.pack)
        #expect(merged.keywords == builtin.keywords + ["ghp_legacy"])
        #expect(merged.allowlists.count == builtin.allowlists.count + 1)
        #expect(merged.source == SourceLocation(file: "u.toml", line: 1))
        #expect(builder.notices.contains { $0.hasPrefix("u.toml:1: rule 'github-pat' changes the rule from builtin:tokens:") })
        let set = try builder.build()
        let documented = "ghp_" + String(repeating: "0", count: 36)
        #expect(set.redact("token \(documented)") == "token \(documented)")
        #expect(set.redact("token ghp_R4nd0mV4lu3sAreF4keBut36Chars0123abc") == "token ***")
    }

    @Test func extendPathLoadsAnotherFile() throws {
        let child = try RulePack.parse("[extend]\npath = \"base.toml\"\n[[rules]]\nid = \"child\"\nregex = 'CHILD\\d+'\nkeywords = [\"child\"]\n",
                                       file: "dir/child.toml", name: "child")
        var builder = try RuleSetBuilder(includeBuiltin: false)
        var requested: [String] = []
        try builder.add(child) { path, relativeTo throws(RuleLoadError) in
            requested.append(path + "|" + relativeTo)
            return try RulePack.parse("[[rules]]\nid = \"base\"\nregex = 'BASE\\d+'\nkeywords = [\"base\"]\n", file: "dir/base.toml", name: "base")
        }
        #expect(requested == ["base.toml|dir/child.toml"])
        #expect(try builder.selectedRules().map(\.id) == ["base", "child"])
    }
}
