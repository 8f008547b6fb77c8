import Foundation
import Testing
@testable import Redaction

/// Load-time probe for catastrophic user rules (issue 7 item 13).
@Suite struct CatastrophicRuleProbeTests {
    @Test func nestedQuantifiersAreFlaggedAndOrdinaryRulesAreNot() {
        let rules = [
            RedactionRule(id: "evil", regex: #"(a+)+$"#, keywords: ["aaaa"]),
            RedactionRule(id: "evil-words", regex: #"token=(\w+\s?)+$"#, keywords: ["token="]),
            RedactionRule(id: "fine", regex: #"password=(\S+)"#, keywords: ["password="]),
            TestSupport.canaryRule,
        ]
        let set = TestSupport.ruleSet(rules)
        #expect(set.catastrophicRules() == ["evil", "evil-words"])
    }

    @Test func builtinRulesAreNotProbed() {
        #expect(TestSupport.builtin.catastrophicRules().isEmpty)
    }
}
