package import Redaction

/// `redact rules profile`: where the scanning time of a sample went, per rule. Rule ids, counts
/// and times only, never content.
package struct RuleProfileReport {
    /// The profile's rules, most time first.
    package let entries: [RuleProfile.Entry]
    /// Lines and bytes read (the redactor's statistics).
    package let lines: Int
    package let bytes: Int
    /// Wall time of the whole run (reading, scanning, rendering), in seconds.
    package let seconds: Double
    /// Time to compile and JIT-compile every pattern before the run, in seconds (not in `seconds`).
    package let compileSeconds: Double

    package init(profile: RuleProfile, ruleSet: CompiledRuleSet, statistics: RedactionStatistics, seconds: Double,
                 compileSeconds: Double) {
        entries = profile.entries(in: ruleSet)
        lines = statistics.lines
        bytes = statistics.bytesIn
        self.seconds = seconds
        self.compileSeconds = compileSeconds
    }

    /// Time spent in rule searches, in seconds (decoded values' searches included).
    package var ruleSeconds: Double { Double(entries.reduce(0) { $0 + $1.nanoseconds }) / 1e9 }

    /// A summary line, then a table of the `top` most expensive rules.
    package func table(top: Int) -> String {
        let megabytes = Double(bytes) / 1e6
        let rate = seconds > 0 ? megabytes / seconds : 0
        let share = seconds > 0 ? 100 * ruleSeconds / seconds : 0
        var out = ["\(lines) lines, \(format(megabytes, 1)) MB in \(format(seconds, 3)) s (\(format(rate, 1)) MB/s); rule searches \(format(ruleSeconds, 3)) s (\(format(share, 1))% of the run), \(entries.count) rule(s) ran; compiling every pattern first took \(format(compileSeconds, 3)) s"]
        let shown = entries.prefix(max(top, 0))
        let width = max(4, shown.map(\.ruleID.count).max() ?? 0)
        out.append("\("RULE".padding(to: width))  \("LINES RUN".leftPadding(to: 10))  \("MASKED".leftPadding(to: 8))  \("MS".leftPadding(to: 9))  \("SHARE".leftPadding(to: 6))  \("US/LINE".leftPadding(to: 8))")
        let total = max(Double(entries.reduce(0) { $0 + $1.nanoseconds }), 1)
        for entry in shown {
            let milliseconds = Double(entry.nanoseconds) / 1e6
            let perLine = Double(entry.nanoseconds) / 1e3 / Double(max(entry.candidateLines, 1))
            out.append("\(entry.ruleID.padding(to: width))  \(String(entry.candidateLines).leftPadding(to: 10))  \(String(entry.matchedLines).leftPadding(to: 8))  \(format(milliseconds, 2).leftPadding(to: 9))  \((format(100 * Double(entry.nanoseconds) / total, 1) + "%").leftPadding(to: 6))  \(format(perLine, 2).leftPadding(to: 8))")
        }
        if entries.count > shown.count { out.append("(\(entries.count - shown.count) more; --top N shows more)") }
        return out.joined(separator: "\n")
    }

    /// The whole profile as one JSON object: `lines`, `bytes`, `seconds`, `ruleSeconds`, `compileSeconds` and
    /// `rules` (every rule that ran: `id`, `candidateLines`, `matchedLines`, `milliseconds`).
    package func json() -> String {
        let rules = entries.map { entry in
            "{\"id\":\(JSONStringCodec.encode(entry.ruleID)),\"candidateLines\":\(entry.candidateLines),\"matchedLines\":\(entry.matchedLines),\"milliseconds\":\(format(Double(entry.nanoseconds) / 1e6, 3))}"
        }
        return "{\"lines\":\(lines),\"bytes\":\(bytes),\"seconds\":\(format(seconds, 6)),\"ruleSeconds\":\(format(ruleSeconds, 6)),\"compileSeconds\":\(format(compileSeconds, 6)),\"rules\":[\(rules.joined(separator: ","))]}"
    }

    /// `value` (>= 0) with `digits` decimals, rounded (no locale, no exponent).
    private func format(_ value: Double, _ digits: Int) -> String {
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((max(value, 0) * Double(scale)).rounded())
        guard digits > 0 else { return String(scaled) }
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}

extension String {
    /// `self` preceded by spaces up to `width` characters (never cut).
    package func leftPadding(to width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
