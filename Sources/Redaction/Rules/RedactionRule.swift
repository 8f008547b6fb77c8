/// One redaction rule as loaded from a rule pack (a superset of a gitleaks `[[rules]]` entry).
///
/// A rule is plain data. ``CompiledRuleSet`` compiles it; errors then name ``id`` and ``source``.
public struct RedactionRule: Sendable, Hashable {
    /// Unique id, e.g. `github-pat`. Used in placeholders (`{rule}`), statistics and reports.
    public var id: String
    public var description: String
    /// PCRE2 pattern, matched against one line (without its terminator) in byte mode.
    public var regex: String
    /// Capture group holding the secret. `nil` (or 0 in a file): the first non-empty capture
    /// group if the pattern has groups, else the whole match (gitleaks semantics).
    public var secretGroup: Int?
    /// Minimum Shannon entropy (bits per byte) of the secret; lower-entropy matches are ignored.
    public var entropy: Double?
    /// How the secret must look to be masked (swift-redact extension); `nil`: any match.
    public var valueShape: ValueShape?
    /// How far before one of its keyword occurrences a match may start (swift-redact extension,
    /// `keywordWindow` in a pack): the rule's regex is then tried only from there to the end of
    /// the occurrence, instead of at every position of the line. For rules whose match always
    /// holds a keyword (key/value rules: the key); nil tries every position, as gitleaks does.
    public var keywordWindow: Int?
    /// Lowercased literals; the rule runs on a line only where one of them occurs.
    public var keywords: [String]
    public var tags: [String]
    public var allowlists: [RuleAllowlist]
    /// Per-rule replacement template (swift-redact extension); overrides the global one.
    public var replacement: String?
    /// Multi-line block handling (swift-redact extension).
    public var block: BlockSpec?
    /// Sample lines the rule must redact (swift-redact extension).
    public var mustRedact: [String]
    /// Sample lines that must pass unchanged through the whole rule set (swift-redact extension).
    public var mustKeep: [String]
    /// Whether the rule runs without being selected (`enabled = false` in a pack makes it opt-in).
    public var enabledByDefault: Bool
    /// Name of the pack the rule came from (`tokens`, or the file's base name).
    public var pack: String
    /// Where the rule's `[[rules]]` table starts.
    public var source: SourceLocation

    /// Why `id` cannot be a rule id, or `nil` when it can. An id is written into placeholders
    /// (`{rule}`), statistics and reports, so it must not be empty and must not hold a control
    /// character (a line feed would change the number of output lines).
    public static func problem(withID id: String) -> String? {
        if id.isEmpty { return "the rule id is empty" }
        if id.unicodeScalars.contains(where: isControl) {
            return "the rule id contains a line break or another control character"
        }
        return nil
    }

    /// A control character (C0, DEL, C1) or a Unicode line or paragraph separator.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    public init(
        id: String, description: String = "", regex: String, secretGroup: Int? = nil,
        entropy: Double? = nil, valueShape: ValueShape? = nil, keywordWindow: Int? = nil, keywords: [String] = [],
        tags: [String] = [],
        allowlists: [RuleAllowlist] = [], replacement: String? = nil, block: BlockSpec? = nil,
        mustRedact: [String] = [], mustKeep: [String] = [], enabledByDefault: Bool = true, pack: String = "custom",
        source: SourceLocation = SourceLocation(file: "<memory>", line: 0)
    ) {
        self.id = id
        self.description = description
        self.regex = regex
        self.secretGroup = secretGroup
        self.entropy = entropy
        self.valueShape = valueShape
        self.keywordWindow = keywordWindow
        self.keywords = keywords.map(ASCIIFolding.lowercased)
        self.tags = tags
        self.allowlists = allowlists
        self.replacement = replacement
        self.block = block
        self.mustRedact = mustRedact
        self.mustKeep = mustKeep
        self.enabledByDefault = enabledByDefault
        self.pack = pack
        self.source = source
    }
}
