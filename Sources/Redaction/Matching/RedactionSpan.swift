/// A byte range of a line to mask, and the rule that produced it.
struct RedactionSpan: Sendable, Hashable {
    var start: Int
    var end: Int
    /// Index into ``CompiledRuleSet/rules``.
    var rule: Int32
    var kind: RedactionFinding.Kind
    /// The span lies inside a JSON string of a record: its replacement is written JSON-escaped
    /// (a template holding `"` or `\` must not break the record).
    var escapesJSON = false
    /// When >= 0, the span is replaced by `ScanScratch.customReplacements[custom]` (a record value
    /// written again in its own form, such as a journald byte array) instead of its rule's template.
    var custom: Int32 = -1
}
