import Foundation
import Testing
@testable import Redaction

/// `redact(redact(x)) == redact(x)` for every template, on every built-in sample and on random
/// streams (issue 7 item 6).
@Suite struct IdempotenceTests {
    static let templates = ["***", "[REDACTED:{rule}]", "<{rule}:{len}>", "[{rule}:{hash}]", "{rule}", "{rule}{len}",
                            "REDACTED", "[{len}]", "", "#"]

    static func ruleSet(_ template: String) throws -> CompiledRuleSet {
        let key = try HashKey(bytes: Array(repeating: 42, count: 32))
        return try RuleSetBuilder(builtinSamples: true).build(options: CompiledRuleSet.Options(replacement: try ReplacementTemplate(template), hashKey: key))
    }

    @Test(arguments: templates)
    func everyBuiltinSampleIsStable(_ template: String) throws {
        let set = try Self.ruleSet(template)
        var unstable: [String] = []
        for rule in set.rules {
            for sample in rule.mustRedact + rule.mustKeep {
                let once = TestSupport.redact(sample, with: set)
                if TestSupport.redact(once, with: set) != once { unstable.append(rule.id) }
            }
        }
        #expect(unstable.isEmpty, "template \(template): \(Set(unstable).sorted())")
    }

    @Test(arguments: templates)
    func randomStreamsAreStable(_ template: String) throws {
        let set = try Self.ruleSet(template)
        var generator = SplitMix64(seed: 0x1DE4 &+ UInt64(template.utf8.count))
        let samples = set.rules.flatMap(\.mustRedact).flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
        let glue = [" ", "=", "\"", "'", ":", " password=", " token ", ",", "]", "\\", "\r\n", "\n"]
        for round in 0..<40 {
            var input = ""
            for _ in 0..<Int.random(in: 3...20, using: &generator) {
                input += String(samples.randomElement(using: &generator)!) + glue.randomElement(using: &generator)!
            }
            let once = TestSupport.redact(input, with: set)
            #expect(TestSupport.redact(once, with: set) == once, "template \(template) round \(round)")
            #expect(once.filter { $0 == "\n" }.count == input.filter { $0 == "\n" }.count)
        }
    }

    /// The cases from the issue, with the default template. (The issue's `Cookie: a=b` is now
    /// kept whole, a cookie list without a session-like value; a cookie whose value is one still
    /// holds the `=`.)
    @Test func valuesThatHeldASeparatorOrQuoteStayStable() {
        for line in ["password=a=b connected", "password=x it's", "Cookie: a=Zq8xW2mL5nR7tY1vK3pC", "Authorization: Bearer abcdefghijklmnop123"] {
            let once = TestSupport.redact(line, with: TestSupport.builtin)
            #expect(once != line)
            #expect(TestSupport.redact(once, with: TestSupport.builtin) == once, "\(line) -> \(once)")
        }
    }
}
