package import Redaction

/// `--stats`: counters on stderr. Counts and rule ids only.
package enum StatisticsReport {
    /// Writes `stats` to stderr.
    package static func write(_ stats: RedactionStatistics) {
        var lines = ["redact: \(stats.lines) lines, \(stats.linesRedacted) redacted, \(stats.totalRedactions) secrets masked, \(stats.bytesIn) bytes in, \(stats.bytesOut) bytes out"]
        let width = stats.redactionsByRule.keys.map(\.count).max() ?? 0
        for (rule, count) in stats.redactionsByRule.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            lines.append("  \(rule.padding(to: width)) \(count)")
        }
        if stats.overlongLines > 0 { lines.append("  lines over --max-line-bytes (masked): \(stats.overlongLines)") }
        if stats.unterminatedBlocks > 0 { lines.append("  blocks without END marker (masked up to the bound): \(stats.unterminatedBlocks)") }
        for (reason, count) in stats.engineErrors.sorted(by: { $0.key < $1.key }) {
            lines.append("  engine errors (\(reason)): \(count)")
        }
        if stats.linesDropped > 0 { lines.append("  lines dropped (--on-error drop): \(stats.linesDropped)") }
        if stats.linesPassedUnscanned > 0 { lines.append("  lines passed unscanned (--on-error pass): \(stats.linesPassedUnscanned)") }
        StandardError.write(lines.joined(separator: "\n"))
    }
}

extension String {
    /// `self` followed by spaces up to `width` characters (never cut).
    package func padding(to width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
