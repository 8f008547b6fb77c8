/// The parsed contents of one rule file (a superset of the gitleaks config schema).
///
/// Parsing checks structure, keys and types only; ``RuleSetBuilder`` resolves `[extend]` and
/// merges definitions into earlier rules, and ``CompiledRuleSet`` compiles the regexes, reporting
/// PCRE2 errors with the rule's file, line and id.
public struct RulePack: Sendable {
    /// gitleaks `[extend]`: build on the default rules or on another file.
    public struct Extension: Sendable, Hashable {
        /// `useDefault = true`: build on swift-redact's built-in packs.
        public var useDefault: Bool
        /// `path`: another rule file (relative to the working directory, as in gitleaks, or else
        /// to this file).
        public var path: String?
        /// Rule ids removed from the rules assembled before this file's own rules.
        public var disabledRules: [String]
        /// Where the `[extend]` table starts.
        public var source: SourceLocation

        public init(useDefault: Bool = false, path: String? = nil, disabledRules: [String] = [],
                    source: SourceLocation = SourceLocation(file: "<memory>", line: 0)) {
            self.useDefault = useDefault
            self.path = path
            self.disabledRules = disabledRules
            self.source = source
        }
    }

    /// Pack name: the built-in pack name or the file's base name without extension.
    public var name: String
    /// The file as given (or `builtin:<name>`).
    public var file: String
    public var title: String?
    /// The `[[rules]]` entries in file order, one per id (a later entry with the same id replaces
    /// an earlier one, as in gitleaks).
    public var rules: [RuleDefinition]
    /// Top-level allowlists (`[allowlist]`, `[[allowlists]]`).
    public var allowlists: [RuleAllowlist]
    /// The `[extend]` table (gitleaks): built-in rules and/or a base file this pack extends.
    public var extend: Extension?
    /// Non-fatal findings for the user, e.g. a rule id defined twice. Never contains file content.
    public var notices: [String]

    public init(name: String, file: String, title: String? = nil, rules: [RuleDefinition] = [],
                allowlists: [RuleAllowlist] = [], extend: Extension? = nil, notices: [String] = []) {
        self.name = name
        self.file = file
        self.title = title
        self.rules = rules
        self.allowlists = allowlists
        self.extend = extend
        self.notices = notices
    }
}
