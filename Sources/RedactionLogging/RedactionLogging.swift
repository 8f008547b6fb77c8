// The engine's configuration types (CompiledRuleSet, RedactionRule, ReplacementTemplate, HashKey,
// MatchLimits, RuleSetBuilder) appear in this module's API; re-export them so `import
// RedactionLogging` is enough to configure a LogRedactor.
@_exported public import Redaction
