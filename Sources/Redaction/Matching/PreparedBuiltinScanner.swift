/// The default rule set's keyword scanner, built ahead of time on the thread that
/// ``BuiltinPacks/prepareInBackground()`` starts, while the command line is being parsed.
///
/// Building the scanner for the built-in keywords (thousands of them: distinct keywords, their
/// rules, the anchor filter) is the largest single step of start-up. A command line tool that
/// calls ``BuiltinPacks/prepareInBackground()`` gets it built on a second core; a
/// ``CompiledRuleSet`` whose keyword lists are *exactly* those of the default selection (every
/// built-in rule that is on by default, in pack order, then the engine's own rules) and whose
/// triggers are the engine's takes that scanner instead of building its own. Equal inputs build
/// an equal, immutable scanner, so matching and output do not change. Any other selection
/// (`--disable`, `--enable`, rule files, no built-in packs) builds its own, as before, without
/// waiting for the prepared one.
///
/// ## Thread safety
/// `started` is read and written under a lock. The expected keywords and the scanner are
/// `static let`s, built at most once per process; a thread that reads one while another builds it
/// waits for that build (Swift's once-initialisation of globals).
enum PreparedBuiltinScanner {
    /// What ``CompiledRuleSet`` builds its ``LiteralScanner`` from, for
    /// the default selection.
    struct Inputs: Equatable {
        var keywordsByRule: [[String]]
        /// Per rule, the regex its word-start prefix is read from (nil: none, see
        /// ``CompiledRuleSet/wordStartSource(_:)``). Compared as text, which is cheap for the
        /// same decoded strings; the prefixes are derived only when a scanner is built.
        var prefixSources: [String?]
        var triggers: [String]

        init(rules: [RedactionRule], triggers: [String]) {
            keywordsByRule = rules.map(\.keywords)
            prefixSources = rules.map(CompiledRuleSet.wordStartSource)
            self.triggers = triggers
        }

        /// The scanner these inputs describe.
        func makeScanner() -> LiteralScanner {
            LiteralScanner(keywordsByRule: keywordsByRule, wordStartPrefixes: prefixSources.map { $0.flatMap(WordStartPrefix.of) },
                           triggers: triggers)
        }
    }

    private final class StartFlag: @unchecked Sendable {
        // SAFETY: `value` is only read and written while holding `lock`.
        private let lock = ReadWriteLock()
        private var value = false
        var isSet: Bool { lock.withReadLock { value } }
        func set() { lock.withWriteLock { value = true } }
    }

    private static let started = StartFlag()

    /// Records that the background thread is running; from then on rule sets look for the
    /// prepared scanner. (Before, or in a process that never prepares, they never touch it.)
    static func markStarted() { started.set() }

    /// Builds the scanner (on the background thread). Does nothing when the built-in packs do not
    /// decode: the rule set then reports that error itself.
    static func build() { _ = scanner }

    /// The prepared scanner when `inputs` are the default selection's and preparation was started;
    /// waits for a build still in progress. `nil` otherwise (the caller builds its own).
    static func scanner(for inputs: Inputs) -> LiteralScanner? {
        guard started.isSet, let expected = expectedInputs, expected == inputs else { return nil }
        return scanner
    }

    /// The default selection's inputs: cheap once the packs are decoded (no keyword is copied).
    private static let expectedInputs: Inputs? = {
        guard let packs = try? BuiltinPacks.load() else { return nil }
        let rules = packs.flatMap { $0.rules.map(\.rule) }.filter(\.enabledByDefault) + CompiledRuleSet.engineRules
        return Inputs(rules: rules, triggers: CompiledRuleSet.scannerTriggers)
    }()

    private static let scanner: LiteralScanner? = expectedInputs.map { $0.makeScanner() }
}
