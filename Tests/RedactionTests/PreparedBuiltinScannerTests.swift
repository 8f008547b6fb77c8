import Testing
@testable import Redaction

/// The default rule set's keyword scanner, built ahead of time by `prepareInBackground`: taken
/// only by a rule set built from the default selection (the built-in packs alone, no enable or
/// disable), and equal to the one that set would build itself.
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

    @Test func onlyTheDefaultSelectionIsTheDefault() throws {
        #expect(try RuleSetBuilder(includeBuiltin: true).selectsDefaultBuiltinRules)
        #expect(try !RuleSetBuilder(includeBuiltin: false).selectsDefaultBuiltinRules)
        #expect(try !RuleSetBuilder(includeBuiltin: true, builtinSamples: true).selectsDefaultBuiltinRules)
        var disabling = try RuleSetBuilder(includeBuiltin: true)
        disabling.disable = ["nothing-by-this-name"]
        #expect(!disabling.selectsDefaultBuiltinRules)
        var enabling = try RuleSetBuilder(includeBuiltin: true)
        enabling.enable = ["jwt"]
        #expect(!enabling.selectsDefaultBuiltinRules)
        var withFile = try RuleSetBuilder(includeBuiltin: true)
        try withFile.add(RulePack(name: "extra", file: "extra.toml"))
        #expect(!withFile.selectsDefaultBuiltinRules)
    }

    @Test func anyOtherSelectionBuildsItsOwn() throws {
        BuiltinPacks.prepareInBackground()
        let prepared = try RuleSetBuilder(includeBuiltin: true).build().literals
        var withoutOne = try RuleSetBuilder(includeBuiltin: true)
        withoutOne.disable = ["jwt"]
        let disabled = try withoutOne.build()
        #expect(disabled.literals !== prepared)
        #expect(!disabled.compiledRules.contains { $0.id == "jwt" })
        var enabling = try RuleSetBuilder(includeBuiltin: true)
        enabling.enable = ["jwt"]
        #expect(try enabling.build().literals !== prepared)
        #expect(try RuleSetBuilder(includeBuiltin: true, builtinSamples: true).build().literals !== prepared)
        var withFile = try RuleSetBuilder(includeBuiltin: true)
        try withFile.add(RulePack(name: "extra", file: "extra.toml"))
        #expect(try withFile.build().literals !== prepared)
        #expect(try CompiledRuleSet(rules: RuleSetBuilder(includeBuiltin: true).selectedRules()).literals !== prepared)
        let custom = TestSupport.ruleSet([TestSupport.canaryRule])
        #expect(custom.literals !== prepared)
        #expect(custom.literals.literals.contains(Array("canary-".utf8)))
    }
}
