import Testing
@testable import Redaction

/// gitleaks configurations load unchanged and merge as gitleaks merges them; what gitleaks
/// refuses is refused with file, line and rule (`Tests/Fixtures/gitleaks-config`).
@Suite struct GitleaksConfigTests {
    typealias Fixtures = GitleaksConfigFixtures

    /// Fake keys of the fixtures' shapes.
    static let liveKey = "acme_live_q8w7e6r5t4y3u2i1o9p0a8s7"
    static let documentedKey = "acme_test_" + String(repeating: "0", count: 24)

    /// What each invalid case must say: where (file:line, plus the rule when there is one) and what.
    static let refusals: [String: (place: String, problem: String)] = [
        "rule_missing_id.toml": ("rule_missing_id.toml:1: ", "rule has no 'id'"),
        "rule_no_regex_or_path.toml": ("rule_no_regex_or_path.toml:1: rule 'acme-api-key': ", "rule has no 'regex'"),
        "rule_bad_entropy_group.toml": ("rule_bad_entropy_group.toml:1: rule 'acme-webhook-secret': ",
                                        "secretGroup 5 but the regex has only 2 capture group(s)"),
        "rule_bad_regex.toml": ("rule_bad_regex.toml:1: rule 'acme-api-key': ", "regex rejected by PCRE2"),
        "allowlist_rule_empty.toml": ("allowlist_rule_empty.toml:6: rule 'acme-api-key': ",
                                      "[[rules.allowlists]] must contain at least one check"),
        "allowlist_rule_old_and_new.toml": ("allowlist_rule_old_and_new.toml:9: rule 'acme-api-key': ",
                                            "[rules.allowlist] is the older form of [[rules.allowlists]]"),
        "allowlist_rule_regextarget.toml": ("allowlist_rule_regextarget.toml:7: rule 'acme-api-key': ", "'regexTarget' must be"),
        "allowlist_rule_condition.toml": ("allowlist_rule_condition.toml:7: rule 'acme-api-key': ", "'condition' must be"),
        "allowlist_global_empty.toml": ("allowlist_global_empty.toml:1: ", "[[allowlists]] must contain at least one check"),
        "allowlist_global_old_and_new.toml": ("allowlist_global_old_and_new.toml:4: ", "[allowlist] is the older form of [[allowlists]]"),
        "allowlist_global_regextarget.toml": ("allowlist_global_regextarget.toml:2: ", "'regexTarget' must be"),
        "allowlist_global_target_rule_id.toml": ("allowlist_global_target_rule_id.toml:6: [[allowlists]] ",
                                                 "targetRules names 'acme-partner-token', but no rule has that id"),
        "extend_invalid_base.toml": ("invalid/rule_no_regex_or_path.toml:1: rule 'acme-api-key': ", "rule has no 'regex'"),
        "extend_invalid_ruleid.toml": ("extend_invalid_ruleid.toml:6: rule 'acme-api-keys': ",
                                       "rule has no 'regex', and there is no earlier rule 'acme-api-keys' for it to extend"),
        "extend_cycle.toml": ("extend_cycle_other.toml:1: ", "[extend] cycle: "),
        "extend_cycle_other.toml": ("invalid/extend_cycle.toml:3: ", "[extend] cycle: "),
        "extend_self.toml": ("extend_self.toml:1: ", "[extend] cycle: "),
        "extend_use_default_and_path.toml": ("extend_use_default_and_path.toml:1: ", "[extend] sets both 'useDefault' and 'path'"),
        "extend_missing_file.toml": ("extend_missing_file.toml:1: ", "[extend] path 'Tests/Fixtures/gitleaks-config/valid/no_such_file.toml' not found"),
    ]

    @Test func everyCaseIsListed() {
        #expect(Fixtures.files("valid").count >= 35)
        #expect(Set(Fixtures.files("invalid").map { String($0.split(separator: "/").last!) }) == Set(Self.refusals.keys))
    }

    @Test(arguments: GitleaksConfigFixtures.files("valid"))
    func everyValidConfigLoads(_ file: String) throws {
        let set = try Fixtures.ruleSet(file)
        #expect(set.count > 0)
    }

    @Test(arguments: GitleaksConfigFixtures.files("invalid"))
    func everyInvalidConfigIsRefusedWithFileLineAndRule(_ file: String) throws {
        let name = String(file.split(separator: "/").last!)
        let expected = try #require(Self.refusals[name])
        let error = try #require(throws: RuleLoadError.self) { _ = try Fixtures.ruleSet(file) }
        let text = error.description
        #expect(text.contains(expected.place + expected.problem), "got: \(text)")
        #expect(text.hasPrefix(Fixtures.directory + "/"), "got: \(text)")
    }

    @Test func cyclesNameEveryFileOfTheLoop() throws {
        let error = try #require(throws: RuleLoadError.self) { _ = try Fixtures.ruleSet("\(Fixtures.directory)/invalid/extend_cycle.toml") }
        let loop = ["extend_cycle.toml", "extend_cycle_other.toml", "extend_cycle.toml"].map { "\(Fixtures.directory)/invalid/\($0)" }
        #expect(error.message == "[extend] cycle: " + loop.joined(separator: " -> "))
    }

    // MARK: - Rules with the id of a base rule are merged field by field

    static let base = "\(GitleaksConfigFixtures.directory)/valid/extend_rule_base.toml"

    func rule(_ id: String, in name: String) throws -> RedactionRule {
        let rules = try Fixtures.builder("\(Fixtures.directory)/valid/\(name)").assembledRules
        #expect(rules.filter { $0.id == id }.count == 1)
        return try #require(rules.first { $0.id == id })
    }

    @Test func overridesReplaceOnlyTheKeysTheySet() throws {
        let base = try rule("acme-api-key", in: "extend_rule_base.toml")
        #expect(base.secretGroup == 1 && base.entropy == 3.0 && base.allowlists.count == 1)

        let described = try rule("acme-api-key", in: "extend_rule_override_description.toml")
        #expect(described.description == "ACME API key (our wording)")
        #expect(described.regex == base.regex && described.keywords == base.keywords && described.entropy == base.entropy)
        #expect(described.source == SourceLocation(file: "\(Fixtures.directory)/valid/extend_rule_override_description.toml", line: 4))
        #expect(described.pack == base.pack)

        let entropy = try rule("acme-api-key", in: "extend_rule_override_entropy.toml")
        #expect(entropy.entropy == 4.2 && entropy.description == base.description && entropy.regex == base.regex)

        let regex = try rule("acme-api-key", in: "extend_rule_override_regex.toml")
        #expect(regex.regex.contains("staging") && regex.secretGroup == 1 && regex.keywords == base.keywords)

        let path = try rule("acme-api-key", in: "extend_rule_override_path.toml")
        #expect(path.regex == base.regex && path.keywords == base.keywords && path.allowlists == base.allowlists)
    }

    @Test func keywordsTagsAndAllowlistsAreAppended() throws {
        let keywords = try rule("acme-api-key", in: "extend_rule_override_keywords.toml")
        #expect(keywords.keywords == ["acme_live_", "acme_test_", "acme_staging_"])  // ACME_LIVE_ is already there
        let tags = try rule("acme-api-key", in: "extend_rule_override_tags.toml")
        #expect(tags.tags == ["acme", "key", "rotated-quarterly"])
        let noRegex = try rule("acme-api-key", in: "extend_rule_no_regexpath.toml")
        #expect(noRegex.description == "ACME API key, also in staging")
        #expect(noRegex.keywords == ["acme_live_", "acme_test_", "acme_staging_"] && noRegex.tags == ["acme", "key", "staging"])
        for name in ["extend_rule_allowlist_or.toml", "extend_rule_allowlist_and.toml"] {
            #expect(try rule("acme-api-key", in: name).allowlists.count == 2, "\(name)")
        }
    }

    @Test func mergedAllowlistsKeepTheirCondition() throws {
        let sandboxKey = "acme_test_sandbox0123456789abcdefg"
        let or = try Fixtures.ruleSet("\(Fixtures.directory)/valid/extend_rule_allowlist_or.toml")
        let and = try Fixtures.ruleSet("\(Fixtures.directory)/valid/extend_rule_allowlist_and.toml")
        // the base rule's own allowlist still applies
        let baseDocumented = "acme_test_1234567890abcdefghijklmn"
        #expect(or.redact("k \(baseDocumented)") == "k \(baseDocumented)")
        #expect(and.redact("k \(baseDocumented)") == "k \(baseDocumented)")
        #expect(or.redact("fixturegen: \(Self.liveKey)") == "fixturegen: \(Self.liveKey)")
        #expect(or.redact("k \(sandboxKey)") == "k \(sandboxKey)")
        #expect(and.redact("fixturegen: \(Self.liveKey)") == "fixturegen: ***")
        #expect(and.redact("k \(sandboxKey)") == "k ***")
        #expect(and.redact("fixturegen: \(sandboxKey)") == "fixturegen: \(sandboxKey)")
    }

    @Test func aSecretGroupOverrideChangesWhatIsMasked() throws {
        let secret = "acme_webhook_secret=whsec_Zx8Kq2Lm9Np4Rt6Vw1Yb3Cd5Fg7Hj0Ks"
        let base = try Fixtures.ruleSet(Self.base)
        let overridden = try Fixtures.ruleSet("\(Fixtures.directory)/valid/extend_rule_override_secret_group.toml")
        #expect(base.redact(secret) == "acme_webhook_secret=***_Zx8Kq2Lm9Np4Rt6Vw1Yb3Cd5Fg7Hj0Ks")  // group 1, gitleaks' default
        #expect(overridden.redact(secret) == "acme_webhook_secret=whsec_***")
        #expect(try Fixtures.ruleSet("\(Fixtures.directory)/valid/rule_entropy_group.toml").redact(secret) == "acme_webhook_secret=whsec_***")
    }

    @Test func newRulesBesideTheBaseRules() throws {
        let rules = try Fixtures.builder("\(Fixtures.directory)/valid/extend_rule_new.toml").assembledRules
        #expect(rules.map(\.id) == ["acme-api-key", "acme-webhook-secret", "acme-partner-token"])
    }

    // MARK: - [extend]

    @Test func extendChainsFollowEveryLevelAndBothKindsOfPath() throws {
        let builder = try Fixtures.builder("\(Fixtures.directory)/valid/extend_chain.toml")
        #expect(builder.assembledRules.map(\.id) == ["chain-three-token", "chain-two-token", "chain-one-token", "chain-top-token"])
        let deepest = try #require(builder.assembledRules.first)
        #expect(deepest.entropy == 3.2 && deepest.description == "deepest rule of the chain")
        #expect(builder.notices.isEmpty, "\(builder.notices)")  // merging into an extended rule needs no notice
    }

    @Test func disabledRulesRemoveExtendedRules() throws {
        let builder = try Fixtures.builder("\(Fixtures.directory)/valid/extend_disabled.toml")
        #expect(builder.assembledRules.map(\.id) == ["acme-api-key", "zeta-service-token"])
        #expect(builder.notices.isEmpty)
    }

    @Test func useDefaultBuildsOnTheBuiltinRules() throws {
        let builder = try Fixtures.builder("\(Fixtures.directory)/valid/extend_default.toml")
        #expect(builder.assembledRules.contains { $0.id == "github-pat" } && builder.assembledRules.last?.id == "acme-api-key")
        #expect(builder.notices.contains { $0.contains("disabledRules: no rule 'generic-api-key' to disable") })
        #expect(builder.builtinRequestedDespiteExclusion?.line == 3)

        let allowlisted = try Fixtures.ruleSet("\(Fixtures.directory)/valid/allowlist_rule_extend_default.toml")
        let documented = "ghp_" + String(repeating: "0", count: 36)
        #expect(allowlisted.redact("t \(documented)") == "t \(documented)")
        #expect(allowlisted.redact("t ghp_R4nd0mV4lu3sAreF4keBut36Chars0123abc") == "t ***")
    }

    // MARK: - One file

    @Test func theLastDefinitionOfAnIDInAFileWins() throws {
        let builder = try Fixtures.builder("\(Fixtures.directory)/valid/rule_duplicate_id.toml")
        #expect(builder.assembledRules.map(\.description) == ["second definition"])
        #expect(builder.notices == ["\(Fixtures.directory)/valid/rule_duplicate_id.toml:9: rule 'acme-api-key' replaces its definition on line 3 (the last definition in a file wins, as in gitleaks)"])
    }

    @Test func pathOnlyRulesAreSkippedWithOneNotice() throws {
        let builder = try Fixtures.builder("\(Fixtures.directory)/valid/rule_path_only.toml")
        #expect(builder.assembledRules.map(\.id) == ["acme-api-key"])
        #expect(builder.notices.count == 1 && builder.notices[0].contains("skipped 1 rule(s) that match only file paths"))
    }

    @Test func globalAllowlistsApplyToTheirTargetRules() throws {
        let set = try Fixtures.ruleSet("\(Fixtures.directory)/valid/allowlist_global_target_rules.toml")
        let zeta = "zst-Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc"
        #expect(set.redact("fixturegen: \(Self.liveKey)") == "fixturegen: \(Self.liveKey)")
        #expect(set.redact("fixturegen: \(zeta)") == "fixturegen: ***")  // the line allowlist targets the ACME rule only
        #expect(set.redact("a \(Self.liveKey)") == "a ***")
        let example = "zst-example0123456789abcdefghijklmno"
        #expect(set.redact("z \(example)") == "z \(example)")  // the stopword allowlist applies to every rule
    }

    @Test func ruleAllowlistsOfEveryForm() throws {
        let old = try Fixtures.ruleSet("\(Fixtures.directory)/valid/allowlist_rule_old_compat.toml")
        #expect(old.redact("a \(Self.documentedKey) b \(Self.liveKey)") == "a \(Self.documentedKey) b ***")
        let match = try Fixtures.ruleSet("\(Fixtures.directory)/valid/allowlist_rule_regex.toml")
        #expect(match.redact("acme_key = acme_test_q8w7e6r5t4y3u2i1o9p0a8s7") == "acme_key = acme_test_q8w7e6r5t4y3u2i1o9p0a8s7")
        #expect(match.redact("acme_key = \(Self.liveKey)") == "acme_key = ***")
        let stopwords = try Fixtures.ruleSet("\(Fixtures.directory)/valid/allowlist_rule_stopwords.toml")
        #expect(stopwords.redact("acme_secret=changeme-later") == "acme_secret=changeme-later")
        #expect(stopwords.redact("acme_secret=Zx8Kq2Lm9Np4") == "acme_secret=***")
        // `paths` and `commits` cannot match a log line: alone they allow nothing, under AND they block the allowlist
        for name in ["allowlist_rule_paths.toml", "allowlist_rule_commits.toml"] {
            #expect(try Fixtures.ruleSet("\(Fixtures.directory)/valid/\(name)").redact("k \(Self.liveKey)") == "k ***", "\(name)")
        }
        let and = try Fixtures.ruleSet("\(Fixtures.directory)/valid/allowlist_rule_condition_and.toml")
        #expect(and.redact("fixturegen: acme_test_q8w7e6r5t4y3u2i1o9p0a8s7") == "fixturegen: acme_test_q8w7e6r5t4y3u2i1o9p0a8s7")
        #expect(and.redact("vendored \(Self.liveKey)") == "vendored ***")
    }
}
