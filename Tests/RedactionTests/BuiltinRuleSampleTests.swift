import Foundation
import Testing
@testable import Redaction

/// Every built-in rule carries its own must-redact and must-keep lines; all of them run here.
@Suite struct BuiltinRuleSampleTests {
    static let rules: [RedactionRule] = TestSupport.builtin.rules
    static let ids: [String] = rules.map(\.id)
    static func rule(_ id: String) -> RedactionRule { rules.first { $0.id == id }! }

    @Test func packsAreNotEmpty() {
        let packs = Set(Self.rules.map(\.pack))
        #expect(packs == Set(BuiltinPacks.names), "every embedded pack contributes rules")
        #expect(packs.isSuperset(of: ["generic", "headers", "keys", "passwords", "services", "tokens", "tokens-business",
                                      "tokens-data", "tokens-infra"]))
        #expect(Self.rules.filter { $0.pack == "tokens" }.count >= 100)
        #expect(Self.rules.filter { $0.pack == "tokens-data" }.count >= 200)
        #expect(Self.rules.filter { $0.pack == "tokens-infra" }.count >= 140)
    }

    @Test(arguments: ids)
    func samples(_ id: String) throws {
        let rule = Self.rule(id)
        let failures = try RuleSampleCheck(ruleSet: TestSupport.builtin).check(rule)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
        #expect(rule.mustRedact.count >= 2)
        #expect(rule.mustKeep.count >= 1)
    }

    @Test(arguments: ids)
    func everyRuleHasKeywordsAndADescription(_ id: String) {
        let rule = Self.rule(id)
        #expect(!rule.keywords.isEmpty, "rule \(rule.id) has no keywords: it would run on every line")
        #expect(rule.keywords.allSatisfy { $0.utf8.count >= 3 }, "rule \(rule.id) has a keyword shorter than 3 bytes")
        #expect(!rule.description.isEmpty)
    }

    /// The prefilter never changes results: every sample redacts identically with a set in which
    /// keywords are removed (every rule runs on every line).
    @Test func prefilterDoesNotChangeSampleResults() throws {
        let unfiltered = try CompiledRuleSet(rules: Self.rules.map { rule in
            var copy = rule
            copy.keywords = []
            return copy
        })
        for rule in Self.rules {
            for sample in rule.mustRedact + rule.mustKeep {
                #expect(TestSupport.redact(sample, with: TestSupport.builtin) == TestSupport.redact(sample, with: unfiltered),
                        "rule \(rule.id): prefiltered and unfiltered output differ")
            }
        }
    }

    @Test func ruleIDsAreUnique() {
        let ids = Self.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
    }
}
