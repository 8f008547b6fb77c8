package import Redaction

/// The `--check` findings report on stdout: file, line, column, length, rule, kind and (with a
/// hash key) a keyed fingerprint. Never the secret or the line.
///
/// Contract: ``add(_:file:)`` every finding, then ``write(statistics:)`` once (the report on
/// stdout, the text format's summary on stderr).
package struct CheckReport {
    package let format: ReportFormat
    /// The version the SARIF log names for the tool.
    let toolVersion: String
    /// Rule id -> description of the active rules (SARIF's rule descriptions).
    let descriptions: [String: String]
    private var entries: [(file: String?, finding: RedactionFinding)] = []

    package init(format: ReportFormat, rules: [RedactionRule] = [], toolVersion: String) {
        self.format = format
        self.toolVersion = toolVersion
        descriptions = Dictionary(rules.map { ($0.id, $0.description) }, uniquingKeysWith: { first, _ in first })
    }

    /// Adds one finding; `line` and `column` are within `file` (nil for stdin alone).
    package mutating func add(_ finding: RedactionFinding, file: String?) {
        entries.append((file, finding))
    }

    package func write(statistics: RedactionStatistics) {
        switch format {
        case .text:
            for (file, finding) in entries {
                var line = "\(file.map { $0 + ":" } ?? "")\(finding.line):\(finding.column): \(finding.ruleID.isEmpty ? finding.kind.rawValue : finding.ruleID)"
                if finding.kind != .match { line += " (\(finding.kind.rawValue))" }
                line += " length=\(finding.length)"
                if let fingerprint = finding.fingerprint { line += " fingerprint=\(fingerprint)" }
                print(line)
            }
            StandardError.write("redact: \(entries.count) finding(s) in \(statistics.linesRedacted) line(s)")
        case .json:
            var parts: [String] = []
            for (file, finding) in entries {
                var fields: [String] = []
                if let file { fields.append("\"file\":\(JSONStringCodec.encode(file))") }
                fields.append("\"line\":\(finding.line)")
                fields.append("\"column\":\(finding.column)")
                fields.append("\"length\":\(finding.length)")
                fields.append("\"rule\":\(JSONStringCodec.encode(finding.ruleID))")
                fields.append("\"kind\":\(JSONStringCodec.encode(finding.kind.rawValue))")
                if let fingerprint = finding.fingerprint { fields.append("\"fingerprint\":\(JSONStringCodec.encode(fingerprint))") }
                parts.append("{" + fields.joined(separator: ",") + "}")
            }
            print("[" + parts.joined(separator: ",\n") + "]")
        case .sarif:
            print(SARIFReport(descriptions: descriptions, toolVersion: toolVersion).render(entries))
        }
    }
}

/// `--format` for `--check`.
package enum ReportFormat: String, CaseIterable, Sendable {
    /// `FILE:LINE:COLUMN: RULE length=N [fingerprint=...]`, one finding per line.
    case text
    /// A JSON array of findings.
    case json
    /// A SARIF 2.1.0 log (see ``SARIFReport``).
    case sarif
}

extension JSONStringCodec {
    /// A JSON array of strings.
    package static func encodeArray(_ items: [String]) -> String { "[" + items.map(encode).joined(separator: ",") + "]" }
}
