/// A `[[rules]]` entry as written in a rule file: the rule's fields and which keys set them.
///
/// A definition is either a whole rule (it has a `regex`) or, as in gitleaks, a change to an
/// earlier rule with the same id (a base rule of `[extend]`, a built-in rule or a rule of an earlier
/// file): then only the keys it sets count, each merged as ``RuleFileSchema/ruleKeys`` says
/// (`description`, `regex`, `secretGroup`, `entropy`, `replacement`, `block`, `enabled` override;
/// `keywords`, `tags`, allowlists and samples are appended). ``RuleSetBuilder`` decides which.
public struct RuleDefinition: Sendable, Hashable {
    /// The fields as read; keys the entry does not set hold their defaults (`regex` is empty
    /// when the entry has none).
    public var rule: RedactionRule
    /// The keys the entry sets.
    public var keys: Set<String>

    public init(rule: RedactionRule, keys: Set<String>) {
        self.rule = rule
        self.keys = keys
    }

    /// A definition that sets every field of `rule` (a built-in rule decoded from its embedded
    /// table, which does not record the keys): merged into an earlier rule, it replaces it.
    public init(complete rule: RedactionRule) {
        self.rule = rule
        keys = Self.everyField
    }

    /// The keys that set a field (the older `allowlist` form and the unused gitleaks keys aside).
    private static let everyField = Set(RuleFileSchema.ruleKeyNames).subtracting(["allowlist", "path", "required", "skipReport"])

    /// Whether the entry can stand alone: it has a `regex`.
    public var isComplete: Bool { keys.contains("regex") }

    /// Whether the entry matches only file paths (gitleaks `path` without `regex`), which cannot
    /// apply to a log line.
    public var isPathOnly: Bool { !isComplete && keys.contains("path") }

    /// `base` changed by the keys this entry sets. The result keeps `base`'s pack and takes this
    /// entry's source (the place a user edits).
    public func merged(onto base: RedactionRule) -> RedactionRule {
        var result = base
        for key in RuleFileSchema.ruleKeys where keys.contains(key.name) {
            key.merge(&result, rule)
        }
        result.source = rule.source
        return result
    }
}
