/// The result of scanning one line.
enum LineScanOutcome {
    /// No rule matched.
    case clean
    /// Spans to mask are in the scratch, sorted and merged.
    case redact
    /// PCRE2 failed while running `rule`; the caller must fail closed.
    case engineError(rule: Int32, error: PCRE2Error)
}
