import Foundation
import Testing
@testable import Redaction

/// Secret groups, filters, overlaps, templates and compile errors.
@Suite struct CompiledRuleSetTests {
    @Test func secretGroupDefaultsToFirstNonEmptyGroup() {
        let explicit = RedactionRule(id: "a", regex: #"(user)=(\w+)"#, secretGroup: 2, keywords: ["user="])
        let implicit = RedactionRule(id: "b", regex: #"(?:token)=()?(\w+)"#, keywords: ["token="])
        let whole = RedactionRule(id: "c", regex: #"SECRET\d+"#, keywords: ["secret"])
        let set = TestSupport.ruleSet([explicit, implicit, whole])
        #expect(set.redact("user=bob token=abc SECRET42 x") == "user=*** token=*** *** x")
    }

    /// Keywords and stopwords fold ASCII letters only, the way the scanner folds text: a keyword
    /// with a non-ASCII capital is found as written (a Unicode lower-casing made `Пароль` into
    /// `пароль`, which a line spelling `Пароль` never holds, and the rule never ran).
    @Test func keywordsFoldASCIIOnly() {
        let rule = RedactionRule(id: "ru", regex: #"(?:Пароль|пароль|(?i:passwort)): (\S+)"#,
                                 keywords: ["Пароль", "пароль", "PASSWORT"],
                                 allowlists: [RuleAllowlist(stopwords: ["ÄRGER"])])
        #expect(rule.keywords == ["Пароль", "пароль", "passwort"])
        #expect(rule.allowlists[0].stopwords == ["Ärger"])
        let set = TestSupport.ruleSet([rule])
        #expect(set.redact("Пароль: Qw7vLp2MxZ9k") == "Пароль: ***")
        #expect(set.redact("x пароль: Qw7vLp2MxZ9k") == "x пароль: ***")
        #expect(set.redact("Passwort: Qw7vLp2MxZ9k") == "Passwort: ***")
        #expect(set.redact("PASSWORT: ÄRGERlich") == "PASSWORT: ÄRGERlich")
    }

    @Test func entropyThresholdFiltersLowEntropySecrets() {
        let rule = RedactionRule(id: "e", regex: #"key=(\w+)"#, entropy: 3.0, keywords: ["key="])
        let set = TestSupport.ruleSet([rule])
        #expect(set.redact("key=aaaaaaaaaaaa") == "key=aaaaaaaaaaaa")
        #expect(set.redact("key=Xk9pQ2vL7mZ4") == "key=***")
    }

    @Test func shannonEntropyMatchesKnownValues() {
        func entropy(_ text: String) -> Double { Array(text.utf8).withUnsafeBytes { shannonEntropy($0) } }
        #expect(entropy("") == 0)
        #expect(entropy("aaaa") == 0)
        #expect(abs(entropy("abcd") - 2.0) < 1e-9)
        #expect(abs(entropy("aabb") - 1.0) < 1e-9)
        #expect(entropy("abcdefgh") == 3.0)  // dyadic counts: exact, as thresholds such as 3.0 need
        #expect(entropy("aabbccddeeffgghh") == 3.0)
    }

    /// The table-and-one-log2 form agrees with `-sum(p * log2(p))` on random values of every length
    /// up to 600 bytes (counts past the table's 255 included).
    @Test func shannonEntropyAgreesWithTheDefinition() {
        var generator = SplitMix64(seed: 5)
        for length in 1...600 {
            let alphabetSize = Int.random(in: 1...256, using: &generator)
            let value = (0..<length).map { _ in UInt8(Int.random(in: 0..<alphabetSize, using: &generator)) }
            var counts = [Int](repeating: 0, count: 256)
            for byte in value { counts[Int(byte)] += 1 }
            let definition = counts.filter { $0 > 0 }.reduce(0.0) { sum, count in
                let p = Double(count) / Double(length)
                return sum - p * log2(p)
            }
            let fast = value.withUnsafeBytes { shannonEntropy($0) }
            #expect(abs(fast - definition) < 1e-12, "length \(length), alphabet \(alphabetSize)")
        }
    }

    @Test func allowlistsByTargetStopwordsAndCondition() {
        let base = RedactionRule(id: "kv", regex: #"secret=(\S+)"#, keywords: ["secret="])
        var bySecret = base
        bySecret.allowlists = [RuleAllowlist(regexes: ["^EXAMPLE"])]
        #expect(TestSupport.ruleSet([bySecret]).redact("secret=EXAMPLE123 secret=real123") == "secret=EXAMPLE123 secret=***")
        var byLine = base
        byLine.allowlists = [RuleAllowlist(regexes: ["test-fixture"], regexTarget: .line)]
        #expect(TestSupport.ruleSet([byLine]).redact("test-fixture secret=abc") == "test-fixture secret=abc")
        var stop = base
        stop.allowlists = [RuleAllowlist(stopwords: ["Dummy"])]
        #expect(TestSupport.ruleSet([stop]).redact("secret=xxDUMMYxx secret=real") == "secret=xxDUMMYxx secret=***")
        // AND with a path criterion can never match a log line: fail closed (redact).
        var and = base
        and.allowlists = [RuleAllowlist(regexes: ["^EXAMPLE"], requiresAll: true, hasGitOnlyCriteria: true)]
        #expect(TestSupport.ruleSet([and]).redact("secret=EXAMPLE1") == "secret=***")
        // A global allowlist with targetRules applies to the named rule only.
        let other = RedactionRule(id: "other", regex: #"pass=(\S+)"#, keywords: ["pass="])
        let set = TestSupport.ruleSet([base, other], allowlists: [RuleAllowlist(regexes: ["^ok"], targetRules: ["kv"])])
        #expect(set.redact("secret=ok1 pass=ok2") == "secret=ok1 pass=***")
    }

    @Test func overlappingMatchesAreMergedWhateverTheRuleOrder() {
        let rules = [
            RedactionRule(id: "long", regex: #"password=(\S+)"#, keywords: ["password="]),
            RedactionRule(id: "inner", regex: #"AKIA[A-Z2-7]{16}"#, keywords: ["akia"]),
            RedactionRule(id: "tail", regex: #"[A-Z2-7]{8}xyz"#, keywords: ["xyz"]),
        ]
        let line = "a password=AKIAABCDEFGHIJKLMNOPxyz b AKIAQRSTUVWXYZ234567 c"
        var outputs: Set<String> = []
        for permutation in [[0, 1, 2], [2, 1, 0], [1, 0, 2], [1, 2, 0], [0, 2, 1], [2, 0, 1]] {
            let set = TestSupport.ruleSet(permutation.map { rules[$0] }, options: CompiledRuleSet.Options(replacement: try! ReplacementTemplate("<{rule}>")))
            outputs.insert(set.redact(line))
        }
        #expect(outputs == ["a password=<long> b <inner> c"])
    }

    @Test func placeholdersAreNeverRedactedAgain() throws {
        let rule = RedactionRule(id: "kv", regex: #"token=(\S+)"#, keywords: ["token="])
        for template in ["***", "[REDACTED:{rule}]", "<{rule}:{len}>", "{{x}}"] {
            let set = TestSupport.ruleSet([rule], options: CompiledRuleSet.Options(replacement: try ReplacementTemplate(template)))
            let once = set.redact("token=abc123 token=def")
            #expect(once != "token=abc123 token=def")
            #expect(set.redact(once) == once, "template \(template)")
        }
    }

    @Test func templatesRenderRuleLengthAndKeyedHash() throws {
        let key = try HashKey(bytes: Array(repeating: 7, count: 32))
        let rule = RedactionRule(id: "kv", regex: #"token=(\S+)"#, keywords: ["token="])
        let set = TestSupport.ruleSet([rule], options: CompiledRuleSet.Options(replacement: try ReplacementTemplate("[{rule}:{len}:{hash}]"), hashKey: key))
        let output = set.redact("token=abcdef token=abcdef token=other")
        let fingerprint = key.fingerprint("abcdef")
        #expect(output == "token=[kv:6:\(fingerprint)] token=[kv:6:\(fingerprint)] token=[kv:5:\(key.fingerprint("other"))]")
        #expect(fingerprint.count == 8 + 1 + 32)
        #expect(set.redact(output) == output)
    }

    @Test func hmacMatchesAnIndependentImplementation() throws {
        // HMAC-SHA256(key = 32 x 0x07, "abcdef"), first 16 bytes, computed with Python's hmac module.
        let key = try HashKey(bytes: Array(repeating: 7, count: 32))
        #expect(key.fingerprint("abcdef").hasSuffix(".f7908560611e2c7fba72d0997127f32e"))
    }

    @Test func hashWithoutKeyIsRefused() {
        #expect(throws: RuleLoadError.self) {
            _ = try CompiledRuleSet(rules: [], options: CompiledRuleSet.Options(replacement: try! ReplacementTemplate("{hash}")))
        }
        var rule = TestSupport.canaryRule
        rule.replacement = "<{hash}>"
        #expect(throws: RuleLoadError.self) { _ = try CompiledRuleSet(rules: [rule]) }
        #expect(throws: HashKey.Error.self) { _ = try HashKey(bytes: Array(repeating: 1, count: 31)) }
    }

    @Test func badTemplatesAreRejected() {
        #expect(throws: ReplacementTemplate.Error.self) { _ = try ReplacementTemplate("{nope}") }
        #expect(throws: ReplacementTemplate.Error.self) { _ = try ReplacementTemplate("a}b") }
        #expect(throws: ReplacementTemplate.Error.self) { _ = try ReplacementTemplate("{rule") }
    }

    @Test func compileErrorsNameFileLineRuleAndOffset() {
        let rule = RedactionRule(id: "broken", regex: "abc(def", keywords: ["abc"], source: SourceLocation(file: "team.toml", line: 12))
        do {
            _ = try CompiledRuleSet(rules: [rule])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("team.toml:12: rule 'broken': regex rejected by PCRE2:"))
            #expect(error.description.contains("offset 7"))
            #expect(!error.description.contains("abc(def"))
        }
        let badGroup = RedactionRule(id: "g", regex: "(a)", secretGroup: 3, keywords: ["a"])
        #expect(throws: RuleLoadError.self) { _ = try CompiledRuleSet(rules: [badGroup]) }
        #expect(throws: RuleLoadError.self) { _ = try CompiledRuleSet(rules: [TestSupport.canaryRule, TestSupport.canaryRule]) }
    }

    @Test func everyPatternIsJITCompiled() {
        #expect(TestSupport.builtin.compileAllJIT())
    }

    @Test func rulesWithoutKeywordsRunOnEveryLine() {
        let rule = RedactionRule(id: "nokw", regex: #"zz\d+"#)
        let set = TestSupport.ruleSet([rule])
        #expect(set.rulesWithoutKeywords == ["nokw"])
        #expect(set.redact("a zz123 b") == "a *** b")
    }

    @Test func oneShotRedactionWritesNothingForCleanText() {
        let set = TestSupport.ruleSet([TestSupport.canaryRule])
        let scratch = set.makeScratch()
        var output: [UInt8] = []
        let clean = Array("nothing to see\nhere".utf8)
        let result = clean.withUnsafeBytes { set.redact($0, scratch: scratch, into: &output) }
        #expect(!result.changed && output.isEmpty)
        let dirty = Array("x CANARY-ABCDEFGHIJKL\ny".utf8)
        let second = dirty.withUnsafeBytes { set.redact($0, scratch: scratch, into: &output) }
        #expect(second.changed && second.redactions == 1)
        #expect(String(decoding: output, as: UTF8.self) == "x ***\ny")
    }
}

