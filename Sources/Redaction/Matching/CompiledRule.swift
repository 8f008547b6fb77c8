/// A rule with its patterns compiled. Immutable and shared.
struct CompiledRule: Sendable {
    let rule: RedactionRule
    let pattern: CompiledPattern
    /// Validated secret group, or nil for gitleaks' "first non-empty group" default.
    let secretGroup: Int?
    let allowlists: [CompiledAllowlist]
    let replacement: ReplacementTemplate
    let blockBegin: CompiledPattern?
    let blockEnd: CompiledPattern?
    let blockMaxLines: Int
    /// The rule's keywords, ASCII-lowercased (for ``containsFolded(_:_:)``).
    let foldedKeywords: [[UInt8]]

    var id: String { rule.id }
}

/// An allowlist with its regexes compiled.
struct CompiledAllowlist: Sendable {
    let regexes: [CompiledPattern]
    let target: RuleAllowlist.Target
    let stopwords: [[UInt8]]
    let requiresAll: Bool
    let hasGitOnlyCriteria: Bool
}
