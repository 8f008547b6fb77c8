/// The default rule set's keyword scanner, built ahead of time on the thread that
/// ``BuiltinPacks/prepareInBackground()`` starts, while the command line is being parsed.
///
/// Building the scanner for the built-in keywords (thousands of them: distinct keywords, their
/// rules, the anchor filter) is the largest single step of start-up. A command line tool that
/// calls ``BuiltinPacks/prepareInBackground()`` gets it built on a second core; a
/// ``CompiledRuleSet`` that ``RuleSetBuilder/build(options:)`` makes from the default selection
/// (the decoded built-in packs alone, each rule once, no `enable` or `disable`: see
/// ``RuleSetBuilder/selectsDefaultBuiltinRules``) takes that scanner instead of building its own.
/// Its rules are then every built-in rule that is on by default, in pack order, then the engine's
/// own rules: the very rules this scanner is built from, so it is equal to the one the rule set
/// would build (immutable), and matching and output do not change. Any other selection
/// (`--disable`, `--enable`, rule files, no built-in packs, a rule set made with
/// ``CompiledRuleSet/init(rules:allowlists:options:)``) builds its own, as before, without waiting
/// for the prepared one.
///
/// ## Thread safety
/// The scanner is a `static let`, built at most once per process. A reader first sleeps until the
/// background thread has built it (``BackgroundPreparation``), so it never waits in the runtime's
/// spinning once-lock.
enum PreparedBuiltinScanner {
    /// Builds the scanner (on the background thread). Does nothing when the built-in packs do not
    /// decode: the rule set then reports that error itself.
    static func build() { _ = scanner }

    /// The prepared scanner of the default selection when preparation was started; waits for a
    /// build still in progress. `nil` otherwise (the caller builds its own). Only for a rule set
    /// whose rules are the default selection's (see the type's documentation).
    static func scannerForDefaultSelection() -> LiteralScanner? {
        guard BackgroundPreparation.shared.wait(for: .scannerBuilt) else { return nil }
        return scanner
    }

    /// The scanner of the default selection: every decoded built-in rule that is on by default,
    /// in pack order, then the engine's own rules (read in place: no rule is copied).
    private static let scanner: LiteralScanner? = {
        guard let packs = try? BuiltinPacks.load() else { return nil }
        var keywordsByRule: [[String]] = []
        var prefixSources: [String?] = []
        let count = packs.reduce(CompiledRuleSet.engineRules.count) { $0 + $1.rules.count }
        keywordsByRule.reserveCapacity(count)
        prefixSources.reserveCapacity(count)
        for pack in packs.indices {
            for index in packs[pack].rules.indices where packs[pack].rules[index].rule.enabledByDefault {
                keywordsByRule.append(packs[pack].rules[index].rule.keywords)
                prefixSources.append(CompiledRuleSet.wordStartSource(packs[pack].rules[index].rule))
            }
        }
        for rule in CompiledRuleSet.engineRules {
            keywordsByRule.append(rule.keywords)
            prefixSources.append(CompiledRuleSet.wordStartSource(rule))
        }
        return CompiledRuleSet.makeScanner(keywordsByRule: keywordsByRule, prefixSources: prefixSources)
    }()
}
