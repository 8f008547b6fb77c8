/// A byte range of a line to mask, and the rule that produced it.
struct RedactionSpan: Sendable, Hashable {
    var start: Int
    var end: Int
    /// Index into ``CompiledRuleSet/rules``.
    var rule: Int32
    var kind: RedactionFinding.Kind
}
