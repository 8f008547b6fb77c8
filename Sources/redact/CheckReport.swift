import Redaction

/// The `--check` findings report on stdout: file, line, column, length, rule, kind and (with a
/// hash key) a keyed fingerprint. Never the secret or the line.
struct CheckReport {
    let format: ReportFormat
    private var entries: [(file: String?, finding: RedactionFinding)] = []

    init(format: ReportFormat) { self.format = format }

    mutating func add(_ findings: [RedactionFinding], file: String?) {
        for finding in findings { entries.append((file, finding)) }
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
                if let file { fields.append("\"file\":\(JSON.quote(file))") }
                fields.append("\"line\":\(finding.line)")
                fields.append("\"column\":\(finding.column)")
                fields.append("\"length\":\(finding.length)")
                fields.append("\"rule\":\(JSON.quote(finding.ruleID))")
                fields.append("\"kind\":\(JSON.quote(finding.kind.rawValue))")
                if let fingerprint = finding.fingerprint { fields.append("\"fingerprint\":\(JSON.quote(fingerprint))") }
                parts.append("{" + fields.joined(separator: ",") + "}")
            }
            print("[" + parts.joined(separator: ",\n") + "]")
        }
    }
}

/// Minimal JSON string quoting (the CLI avoids Foundation).
enum JSON {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func array(_ items: [String]) -> String { "[" + items.map(quote).joined(separator: ",") + "]" }
}
