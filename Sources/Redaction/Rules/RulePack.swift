/// The parsed contents of one rule file (a superset of the gitleaks config schema).
///
/// Parsing checks structure and types only; regexes are compiled later by ``CompiledRuleSet``,
/// which reports PCRE2 errors with the rule's file, line and id.
public struct RulePack: Sendable {
    /// gitleaks `[extend]`: build on the default rules and/or another file.
    public struct Extension: Sendable, Hashable {
        /// `useDefault = true`: include swift-redact's built-in packs.
        public var useDefault: Bool
        /// `path`: another rule file, relative to this one.
        public var path: String?
        /// Rule ids removed from the extended rules.
        public var disabledRules: [String]
    }

    /// Pack name: the built-in pack name or the file's base name without extension.
    public var name: String
    /// The file as given (or `builtin:<name>`).
    public var file: String
    public var title: String?
    public var rules: [RedactionRule]
    /// Top-level allowlists (`[allowlist]`, `[[allowlists]]`).
    public var allowlists: [RuleAllowlist]
    public var extension_: Extension?
    /// Non-fatal findings for the user, e.g. skipped path-only rules. Never contains file content.
    public var notices: [String]

    public init(name: String, file: String, title: String? = nil, rules: [RedactionRule] = [],
                allowlists: [RuleAllowlist] = [], extension_: Extension? = nil, notices: [String] = []) {
        self.name = name
        self.file = file
        self.title = title
        self.rules = rules
        self.allowlists = allowlists
        self.extension_ = extension_
        self.notices = notices
    }
}
