/// A gitleaks-style allowlist: findings it matches are not redacted.
///
/// Only criteria that make sense for a log line are evaluated: `regexes` (against the secret, the
/// whole match or the line, per ``Target``) and `stopwords`. Criteria about git (`commits`,
/// `paths`) cannot match a log line, so an allowlist whose only criteria are those never suppresses
/// anything, and under `condition = "AND"` they make the allowlist never match (fail closed).
public struct RuleAllowlist: Sendable, Hashable {
    /// What `regexes` are matched against (gitleaks `regexTarget`).
    public enum Target: String, Sendable, Hashable {
        case secret, match, line
    }

    public var description: String?
    public var regexes: [String]
    public var regexTarget: Target
    /// Lowercased; a secret containing any of them (case-insensitively) is allowed.
    public var stopwords: [String]
    /// gitleaks `condition`: `true` for `AND` (every present criterion must match).
    public var requiresAll: Bool
    /// The allowlist has `paths` or `commits`, which never match a log line.
    public var hasGitOnlyCriteria: Bool
    /// For top-level allowlists: the rule ids it applies to (empty means all rules).
    public var targetRules: [String]
    /// Where the allowlist's table starts, when it came from a file.
    public var source: SourceLocation?

    public init(
        description: String? = nil, regexes: [String] = [], regexTarget: Target = .secret,
        stopwords: [String] = [], requiresAll: Bool = false, hasGitOnlyCriteria: Bool = false,
        targetRules: [String] = [], source: SourceLocation? = nil
    ) {
        self.description = description
        self.regexes = regexes
        self.regexTarget = regexTarget
        self.stopwords = stopwords.map(ASCIIFolding.lowercased)
        self.requiresAll = requiresAll
        self.hasGitOnlyCriteria = hasGitOnlyCriteria
        self.targetRules = targetRules
        self.source = source
    }
}
