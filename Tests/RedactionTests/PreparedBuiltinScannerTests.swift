import Testing
@testable import Redaction

/// The default rule set's keyword scanner, built ahead of time by `prepareInBackground`: taken
/// only by a rule set whose keywords are exactly the default selection's, and equal to the one
/// that set would build itself.
@Suite struct PreparedBuiltinScannerTests {
    @Test func theDefaultSelectionTakesThePreparedScannerAndItIsTheOneItWouldBuild() throws {
        BuiltinPacks.prepareInBackground()
        let first = try RuleSetBuilder(includeBuiltin: true).build()
        let second = try RuleSetBuilder(includeBuiltin: true).build()
        #expect(first.literals === second.literals, "both default sets take the one prepared scanner")

        let own = LiteralScanner(keywordsByRule: first.compiledRules.map(\.rule.keywords),
                                 triggers: CompiledRuleSet.scannerTriggers)
        #expect(first.literals !== own)
        #expect(first.literals.literals == own.literals)
        #expect(first.literals.ruleStart == own.ruleStart)
        #expect(first.literals.ruleList == own.ruleList)
    }

    @Test func anyOtherSelectionBuildsItsOwn() throws {
        BuiltinPacks.prepareInBackground()
        let prepared = try RuleSetBuilder(includeBuiltin: true).build().literals
        var withoutOne = try RuleSetBuilder(includeBuiltin: true)
        withoutOne.disable = ["jwt"]
        let disabled = try withoutOne.build()
        #expect(disabled.literals !== prepared)
        #expect(!disabled.compiledRules.contains { $0.id == "jwt" })
        let custom = TestSupport.ruleSet([TestSupport.canaryRule])
        #expect(custom.literals !== prepared)
        #expect(custom.literals.literals.contains(Array("canary-".utf8)))
    }
}
