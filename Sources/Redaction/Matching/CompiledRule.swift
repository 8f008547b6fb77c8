/// A rule with its patterns compiled. Immutable and shared.
///
/// A class so the hot path takes one reference to a rule instead of copying (and retaining) every
/// field of its ``RedactionRule``.
final class CompiledRule: Sendable {
    let rule: RedactionRule
    let pattern: CompiledPattern
    /// Validated secret group, or nil for gitleaks' "first non-empty group" default.
    let secretGroup: Int?
    let allowlists: [CompiledAllowlist]
    let replacement: ReplacementTemplate
    let blockBegin: CompiledPattern?
    let blockEnd: CompiledPattern?
    let blockMaxLines: Int
    /// The pattern of a value block's value line (see ``BlockSpec/value``); nil for a key block.
    let blockValue: CompiledPattern?
    /// Whether a value block stays open after an accepted value (``BlockSpec/everyValue``).
    var blockEveryValue: Bool { rule.block?.everyValue ?? false }
    /// Whether a value block matches its value on the block's lines joined (``BlockSpec/joinLines``).
    var blockJoinsLines: Bool { rule.block?.joinLines ?? false }
    /// Whether the rule has a keyword that is not empty.
    let hasKeywords: Bool
    /// The rule's non-empty keywords, ASCII-lowercased (for ``containsFolded(_:_:)``): made on each
    /// call, for set-up and rare paths (start-up would otherwise fold thousands of keywords that
    /// are never read this way).
    var foldedKeywords: [[UInt8]] { rule.keywords.compactMap(CompiledRuleSet.foldedBytes) }

    /// The rule's id (stored: read on every redaction for placeholders and findings).
    let id: String
    /// The regex is `(?!)` (or `\A(?!)`): a rule whose findings come from its block or from the
    /// decoders only; a candidate line costs it no regex call.
    let matchesNothing: Bool

    init(rule: RedactionRule, pattern: CompiledPattern, secretGroup: Int?, allowlists: [CompiledAllowlist],
         replacement: ReplacementTemplate, blockBegin: CompiledPattern?, blockEnd: CompiledPattern?, blockMaxLines: Int,
         blockValue: CompiledPattern? = nil) {
        self.rule = rule
        self.pattern = pattern
        self.secretGroup = secretGroup
        self.allowlists = allowlists
        self.replacement = replacement
        self.blockBegin = blockBegin
        self.blockEnd = blockEnd
        self.blockMaxLines = blockMaxLines
        self.blockValue = blockValue
        hasKeywords = rule.keywords.contains { !$0.isEmpty }
        id = rule.id
        matchesNothing = rule.regex == "(?!)" || rule.regex == "\\A(?!)"
    }
}

/// An allowlist with its regexes compiled.
struct CompiledAllowlist: Sendable {
    let regexes: [CompiledPattern]
    let target: RuleAllowlist.Target
    let stopwords: [[UInt8]]
    let requiresAll: Bool
    let hasGitOnlyCriteria: Bool
}
