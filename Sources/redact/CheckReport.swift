import Redaction

/// The `--check` findings report on stdout: file, line, column, length, rule, kind and (with a
/// hash key) a keyed fingerprint. Never the secret or the line.
struct CheckReport {
    let format: ReportFormat
    /// Rule id -> description of the active rules (SARIF's rule descriptions).
    let descriptions: [String: String]
    private var entries: [(file: String?, finding: RedactionFinding)] = []

    init(format: ReportFormat, rules: [RedactionRule] = []) {
        self.format = format
        descriptions = Dictionary(rules.map { ($0.id, $0.description) }, uniquingKeysWith: { first, _ in first })
    }

    /// Adds one finding; `line` and `column` are within `file` (nil for stdin alone).
    mutating func add(_ finding: RedactionFinding, file: String?) {
        entries.append((file, finding))
    }

    func write(statistics: RedactionStatistics) {
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
            print(SARIFReport(descriptions: descriptions).render(entries))
        }
    }
}

extension JSONStringCodec {
    /// A JSON array of strings.
    static func encodeArray(_ items: [String]) -> String { "[" + items.map(encode).joined(separator: ",") + "]" }
}
