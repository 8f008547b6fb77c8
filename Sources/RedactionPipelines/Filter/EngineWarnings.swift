package import Redaction

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rate-limited stderr warnings for engine failures: at most one line per 10 seconds, naming the
/// rule id, the reason and the line number, never content.
package struct EngineWarnings {
    private var reported = 0
    private var lastWarning: Double = -.infinity
    static let interval = 10.0

    package init() {}

    /// Writes a warning when `redactor` failed on a line since the last warning and the rate limit
    /// allows; `input` names the source (`-` is stdin).
    package mutating func check(_ redactor: StreamRedactor, input: String) {
        let failures = redactor.engineErrorCount
        guard failures > reported, let last = redactor.lastEngineError else { return }
        let now = MonotonicClock.now()
        guard now - lastWarning >= Self.interval else { return }
        lastWarning = now
        let skipped = failures - reported - 1
        reported = failures
        let source = input == "-" ? "stdin" : input
        StandardError.write("redact: warning: regex engine error (\(last.reason)) in rule '\(last.ruleID)' in \(source); "
            + "the line was handled per --on-error" + (skipped > 0 ? " (\(skipped) more since the last warning)" : ""))
    }
}
