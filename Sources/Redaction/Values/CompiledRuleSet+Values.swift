extension CompiledRuleSet {
    /// Id of the rule under which known values are masked (shown in `{rule}` and statistics).
    static let knownValueRuleID = "known-value"
    /// Id of the rule under which echoes are masked.
    static let echoRuleID = "echo"

    /// The value memory's engine rules, in the order they follow the record layer's rule.
    static let valueRules: [RedactionRule] = [
        RedactionRule(id: knownValueRuleID, description: "a known secret value (--mask-values-from, --mask-env, ::add-mask::)",
                      regex: "(?!)", pack: "values"),
        RedactionRule(id: echoRuleID, description: "another occurrence of a secret masked earlier in the stream",
                      regex: "(?!)", pack: "values"),
    ]

    /// Index of the known-value rule.
    var knownValueRule: Int32 { Int32(visibleRuleCount + 1) }
    /// Index of the echo rule.
    var echoRule: Int32 { Int32(visibleRuleCount + 2) }

    /// GitHub Actions' workflow command that announces a secret: `::add-mask::VALUE`.
    static let addMaskMarker = "::add-mask::"

    /// Literals that make the keyword search look at a line for the value memory.
    static let valueTriggers: [String] = [addMaskMarker]

    /// Whether a span comes from a rule that detected a secret (not a known value or an echo).
    @inline(__always)
    func isDetection(_ span: RedactionSpan) -> Bool {
        span.kind == .match && span.custom < 0 && span.rule != knownValueRule && span.rule != echoRule
    }
}
