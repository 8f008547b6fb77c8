/// A set of rules compiled for matching: the "matcher" of the engine.
///
/// Holds every rule's compiled pattern, the keyword prefilter over all rules, and the
/// replacement templates. Scanning a line needs a ``ScanScratch`` (per thread or per stream).
///
/// ## Thread safety
/// Immutable after `init` and `Sendable`: one instance is shared by every stream and thread.
public final class CompiledRuleSet: Sendable {
    /// Options that apply to the whole set.
    public struct Options: Sendable {
        /// Template for rules without their own `replacement`.
        public var replacement: ReplacementTemplate = .default
        /// Key for `{hash}` placeholders and report fingerprints.
        public var hashKey: HashKey?
        public var limits: MatchLimits = .default
        /// Use PCRE2's JIT when available (the interpreter is used only for differential tests).
        public var useJIT: Bool = true

        public init(replacement: ReplacementTemplate = .default, hashKey: HashKey? = nil,
                    limits: MatchLimits = .default, useJIT: Bool = true) {
            self.replacement = replacement
            self.hashKey = hashKey
            self.limits = limits
            self.useJIT = useJIT
        }
    }

    let compiledRules: [CompiledRule]
    /// The keyword prefilter over every rule's keywords.
    let literals: LiteralScanner
    /// Rules without keywords: they run on every line.
    let alwaysRun: [Int32]
    /// Phrases in which a keyword occurrence selects no rule (sshd's `Failed password for`).
    let benignContexts: BenignKeywordContexts
    /// Rules with a multi-line block: key blocks first, then value blocks (see ``BlockSpec``).
    let blockRules: [Int32]
    /// The key-block rules an over-long (never scanned) line may open: those whose begin pattern
    /// is not anchored at the line start. A begin anchored there (`^` ...) matches a line shaped
    /// as a whole, such as the first line of a key's base64 body, which is a few dozen bytes and
    /// never over-long; looking for its keywords in every discarded chunk would only cost time.
    let overlongBlockRules: [Int32]
    /// The folded keywords (``CompiledRule/foldedKeywords``) of each rule of ``overlongBlockRules``,
    /// in the same order.
    let overlongBlockKeywords: [[[UInt8]]]
    /// Finds (unanchored) every text a replacement template of this set can produce, and the
    /// engine's own markers: spans are cut around such text so a placeholder is never redacted
    /// again (redacting twice equals redacting once). Nil when no template renders anything.
    let placeholderSearch: CompiledPattern?
    let maximumCaptureCount: Int
    public let options: Options

    /// The rules, in the order given.
    public var rules: [RedactionRule] { compiledRules.prefix(visibleRuleCount).map(\.rule) }
    /// Number of rules.
    public var count: Int { visibleRuleCount }
    /// The rules given (``rules``); the engine's own rules follow them in ``compiledRules``.
    let visibleRuleCount: Int
    /// Index of the record layer's rule for values under sensitive keys.
    var sensitiveKeyRule: Int32 { Int32(visibleRuleCount) }
    /// Id of the record layer's rule (shown in `{rule}` placeholders and statistics).
    static let sensitiveKeyRuleID = "record-sensitive-key"
    /// The decoders each keyword literal triggers (``DecoderTriggerTable``), built once here: a
    /// linear search over thousands of literals per scratch made every new redactor pay for it.
    let decoderTriggerTable: DecoderTriggerTable
    /// The literal id of ``addMaskMarker`` in ``literals`` (nil only if it could not be added).
    let addMaskLiteral: UInt32?
    /// Every compiled pattern (rules, allowlists, blocks, the placeholder search).
    private let allPatterns: [CompiledPattern]

    /// JIT-compiles every pattern now (normally each is compiled on its first use) and returns
    /// whether all of them got JIT code. For warm-up and tests; thread-safe.
    @discardableResult
    public func compileAllJIT() -> Bool { allPatterns.allSatisfy(\.isJIT) }

    /// Compiles `rules`.
    ///
    /// - Parameters:
    ///   - rules: rule ids must be unique.
    ///   - allowlists: top-level allowlists; each applies to its `targetRules` (or to all rules).
    ///   - options: replacement, hash key, limits.
    /// - Throws: ``RuleLoadError`` naming the rule's file, line and id: a regex PCRE2 rejects (with
    ///   the offset), a secret group the regex does not have, an empty id or one with a control
    ///   character, a duplicate id, a bad rule template; or, with origin
    ///   ``RuleLoadError/Setting/replacement``, a `{hash}` template without a key.
    public convenience init(rules: [RedactionRule], allowlists: [RuleAllowlist] = [], options: Options = Options())
        throws(RuleLoadError)
    {
        try self.init(rules: rules, allowlists: allowlists, options: options, defaultSelection: false)
    }

    /// ``init(rules:allowlists:options:)``; with `defaultSelection`, `rules` must be the default
    /// selection of the built-in rules (every decoded built-in rule that is on by default, in pack
    /// order: ``RuleSetBuilder/selectsDefaultBuiltinRules``), and the set takes the keyword
    /// scanner prepared for them (``PreparedBuiltinScanner``) when there is one.
    init(rules: [RedactionRule], allowlists: [RuleAllowlist], options: Options, defaultSelection: Bool)
        throws(RuleLoadError)
    {
        self.options = options
        if options.replacement.usesHash && options.hashKey == nil {
            throw RuleLoadError(setting: .replacement,
                                message: "the template uses {hash} but no hash key was given (refusing unkeyed hashes)")
        }
        var seen: [String: SourceLocation] = [:]
        var compiled: [CompiledRule] = []
        // The default selection's ids are distinct: its builder merged no two rules (see
        // ``RuleSetBuilder/selectsDefaultBuiltinRules``), so they are not checked again.
        if !defaultSelection { seen.reserveCapacity(rules.count) }
        compiled.reserveCapacity(rules.count + Self.engineRules.count)
        var templates: [ReplacementTemplate] = [options.replacement]
        var patterns: [CompiledPattern] = []
        func compile(_ pattern: String, _ rule: RedactionRule, _ what: String, anchored: Bool = false,
                     windowed: Bool = false) throws(RuleLoadError) -> CompiledPattern
        {
            // Built-in patterns are checked by the test suite: compile them on first use, so
            // start-up does not pay for the hundreds that never see a candidate line.
            if !anchored && Self.isBuiltin(rule) {
                let deferred = CompiledPattern(deferring: pattern, usesOffsetLimit: windowed, useJIT: options.useJIT)
                patterns.append(deferred)
                return deferred
            }
            do {
                let result = try CompiledPattern(pattern, anchored: anchored, usesOffsetLimit: windowed, useJIT: options.useJIT)
                patterns.append(result)
                return result
            } catch {
                throw RuleLoadError(location: rule.source, ruleID: rule.id,
                                    message: "\(what) rejected by PCRE2: \(error.error.message) at offset \(error.offset)")
            }
        }
        let globals = allowlists
        for rule in rules {
            if !Self.isBuiltin(rule), let problem = RedactionRule.problem(withID: rule.id) {
                throw RuleLoadError(location: rule.source, message: problem)
            }
            if !defaultSelection {
                if let earlier = seen[rule.id] {
                    throw RuleLoadError(location: rule.source, ruleID: rule.id, message: "duplicate rule id (also defined at \(earlier))")
                }
                seen[rule.id] = rule.source
            }
            let pattern = try compile(rule.regex, rule, "regex", windowed: rule.keywordWindow != nil)
            if let group = rule.secretGroup, !pattern.isDeferred, !pattern.hasGroup(group) {
                throw RuleLoadError(location: rule.source, ruleID: rule.id,
                                    message: "secretGroup \(group) but the regex has only \(pattern.captureCount) capture group(s)")
            }
            var lists: [CompiledAllowlist] = []
            let applicable = rule.allowlists + globals.filter { $0.targetRules.isEmpty || $0.targetRules.contains(rule.id) }
            for allowlist in applicable {
                var regexes: [CompiledPattern] = []
                for regex in allowlist.regexes { regexes.append(try compile(regex, rule, "allowlist regex")) }
                lists.append(CompiledAllowlist(regexes: regexes, target: allowlist.regexTarget,
                                               stopwords: allowlist.stopwords.map { Array($0.utf8) },
                                               requiresAll: allowlist.requiresAll,
                                               hasGitOnlyCriteria: allowlist.hasGitOnlyCriteria))
            }
            var template = options.replacement
            if let text = rule.replacement {
                do { template = try ReplacementTemplate(text) } catch {
                    throw RuleLoadError(location: rule.source, ruleID: rule.id, message: "replacement: \(error)")
                }
                if template.usesHash && options.hashKey == nil {
                    throw RuleLoadError(location: rule.source, ruleID: rule.id,
                                        message: "replacement uses {hash} but no hash key was given (refusing unkeyed hashes)")
                }
                templates.append(template)
            }
            var begin: CompiledPattern?
            var end: CompiledPattern?
            var value: CompiledPattern?
            if let block = rule.block {
                begin = try compile(block.begin, rule, "block.begin")
                end = try compile(block.end, rule, "block.end")
                if let text = block.value { value = try compile(text, rule, "block.value") }
                if block.value == nil, let source = block.valueFrom {
                    guard let other = rules.first(where: { $0.id == source }) else {
                        throw RuleLoadError(location: rule.source, ruleID: rule.id,
                                            message: "block.valueFrom: no rule '\(source)' in the rule set")
                    }
                    value = try compile(other.regex, rule, "block.valueFrom")
                }
            }
            compiled.append(CompiledRule(rule: rule, pattern: pattern, secretGroup: rule.secretGroup,
                                         allowlists: lists, replacement: template, blockBegin: begin, blockEnd: end,
                                         blockMaxLines: rule.block?.maxLines ?? 0, blockValue: value))
        }
        for engineRule in Self.engineRules {
            compiled.append(CompiledRule(rule: engineRule, pattern: try compile(engineRule.regex, engineRule, "regex"),
                                         secretGroup: nil, allowlists: [], replacement: options.replacement,
                                         blockBegin: nil, blockEnd: nil, blockMaxLines: 0))
        }
        compiledRules = compiled
        visibleRuleCount = compiled.count - 1 - Self.valueRules.count
        if defaultSelection, let prepared = PreparedBuiltinScanner.scannerForDefaultSelection() {
            literals = prepared
        } else {
            literals = Self.makeScanner(keywordsByRule: compiled.map(\.rule.keywords),
                                        prefixSources: compiled.map { Self.wordStartSource($0.rule) })
        }
        addMaskLiteral = literals.literalID(of: Array(Self.addMaskMarker.utf8)).map { UInt32($0) }
        let scanner = literals
        decoderTriggerTable = DecoderTriggerTable(scanner: scanner)
        benignContexts = BenignKeywordContexts(scanner: literals)
        alwaysRun = compiled.indices.prefix(visibleRuleCount)
            .filter { compiled[$0].rule.keywords.allSatisfy(\.isEmpty) }.map { Int32($0) }
        // Key blocks first: where a line (or an over-long or unscannable one) may open either
        // kind, the key block, which masks every line after it, wins.
        let blocks = compiled.indices.filter { compiled[$0].blockBegin != nil }
        blockRules = (blocks.filter { compiled[$0].blockValue == nil } + blocks.filter { compiled[$0].blockValue != nil })
            .map { Int32($0) }
        overlongBlockRules = blocks.filter { compiled[$0].blockValue == nil && !(compiled[$0].rule.block?.begin.hasPrefix("^") ?? false) }
            .map { Int32($0) }
        overlongBlockKeywords = overlongBlockRules.map { compiled[Int($0)].foldedKeywords }
        var maxCaptures = 0
        // Deferred (built-in) patterns are not compiled yet: a scratch grows its match data the
        // first time a pattern needs more groups (MatchScratch.match).
        for pattern in patterns where !pattern.isDeferred { maxCaptures = max(maxCaptures, pattern.captureCount) }
        maximumCaptureCount = maxCaptures
        let ruleIDs = compiled.map(\.id)
        var alternatives: [String] = CompiledRuleSet.markerTexts.map { ReplacementTemplate.escaped(Array($0.utf8)) }
        for template in templates {
            if let pattern = template.recognizerPattern(ruleIDs: ruleIDs, keyID: options.hashKey?.keyID),
               !alternatives.contains(pattern) {
                alternatives.append(pattern)
            }
        }
        // Built from escaped literals and fixed classes, so it always compiles: deferred to the
        // first line that has something to mask.
        let search = CompiledPattern(deferring: "(?:" + alternatives.joined(separator: "|") + ")", useJIT: options.useJIT)
        placeholderSearch = search
        patterns.append(search)
        allPatterns = patterns
    }

    /// The engine's own rules, compiled after the user-visible ones: the record layer's (values
    /// under sensitive keys), then the value memory's (known values, echoes: see ``ValueMemory``).
    static let engineRules: [RedactionRule] = [
        RedactionRule(id: sensitiveKeyRuleID,
                      description: "a JSON record value under a sensitive key (password, token, secret, ...)",
                      regex: "(?!)", pack: "records"),
    ] + valueRules

    /// Literals that select no rule but make a line worth looking at (decoding, record and value
    /// contexts).
    static let scannerTriggers: [String] = decoderTriggers + recordTriggers + valueTriggers

    /// The keyword scanner of rules whose keywords are `keywordsByRule` and whose word-start
    /// prefixes are read from `prefixSources` (``wordStartSource(_:)``), one entry per rule index,
    /// with the engine's ``scannerTriggers``.
    static func makeScanner(keywordsByRule: [[String]], prefixSources: [String?]) -> LiteralScanner {
        LiteralScanner(keywordsByRule: keywordsByRule, wordStartPrefixes: prefixSources.map { $0.flatMap(WordStartPrefix.of) },
                       triggers: scannerTriggers)
    }

    /// The regex to read `rule`'s word-start prefix from (``WordStartPrefix``), or nil: a block
    /// rule's keywords also open blocks, so their every occurrence counts.
    static func wordStartSource(_ rule: RedactionRule) -> String? {
        rule.block == nil ? rule.regex : nil
    }

    /// Whether `rule` is one of the built-in packs' (or the engine's own) rules.
    private static func isBuiltin(_ rule: RedactionRule) -> Bool {
        rule.source.file.hasPrefix("builtin:") || rule.pack == "records"
    }

    /// The engine's default markers, which are recognised as placeholders like rendered templates.
    static let markerTexts = ["[REDACTED:line-too-long]", "[REDACTED:engine-error]"]

    /// Rules that have no keywords (they run on every line; the pack linter warns about them).
    public var rulesWithoutKeywords: [String] { alwaysRun.map { compiledRules[Int($0)].id } }

    /// New scratch space sized for this set. One per thread or stream.
    public func makeScratch() -> ScanScratch {
        ScanScratch(ruleCount: compiledRules.count, maximumCaptureCount: maximumCaptureCount, limits: options.limits)
    }

    /// Compiles every pattern's JIT code now instead of on first use (a long-lived process may
    /// call this once at start so no later call pays for it).
    public func warmUp() { compileAllJIT() }
}

extension CompiledRuleSet {
    /// A keyword's bytes with ASCII letters lowered (one array, folded in place: start-up makes
    /// thousands); nil for an empty keyword.
    static func foldedBytes(_ keyword: String) -> [UInt8]? {
        guard !keyword.isEmpty else { return nil }
        var bytes = Array(keyword.utf8)
        for index in bytes.indices { bytes[index] = ASCIIFolding.lower(bytes[index]) }
        return bytes
    }
}
