import Foundation
import Testing
@testable import Redaction

/// Keyword-window rules (`keywordWindow`) give the same output as the same rules searched at
/// every position, on every built-in sample and every trap fixture line.
@Suite struct KeywordWindowTests {
    @Test func windowedAndFullSearchAgree() throws {
        let rules = TestSupport.builtin.rules
        #expect(rules.contains { $0.keywordWindow != nil })
        let full = try CompiledRuleSet(rules: rules.map { rule in
            var copy = rule
            copy.keywordWindow = nil
            return copy
        })
        var inputs: [String] = rules.flatMap { $0.mustRedact + $0.mustKeep }
        for fixture in GenericLayerFixtureTests.trapFiles.map({ "traps/" + $0.name }) + ["traps/service-mentions.log"] {
            let url = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/" + fixture)
            inputs += try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        var differing: [String] = []
        for input in inputs where TestSupport.redact(input, with: TestSupport.builtin) != TestSupport.redact(input, with: full) {
            differing.append(String(input.prefix(60)))
        }
        #expect(differing.isEmpty, "\(differing.count) lines differ, e.g. \(differing.prefix(3))")
    }
}
