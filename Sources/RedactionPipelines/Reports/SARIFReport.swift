import Redaction

/// `--check --format sarif`: the findings as a SARIF 2.1.0 log (one run), for GitHub code scanning
/// and other SARIF consumers.
///
/// What is emitted (and checked against the 2.1.0 schema's required properties and types by
/// `SARIFReportTests`): `tool.driver` with `name`, `version` and the rules that
/// have results (`id`, `name`, `shortDescription`, `fullDescription`, `defaultConfiguration.level`);
/// one `result` per masked region with `ruleId`, `ruleIndex`, `level`, a `message`, one location
/// (file as a URI reference, `startLine`, `startColumn`, `endColumn`) and, when a hash key is
/// given, `partialFingerprints["redactSecretHmac/v1"]` (the keyed fingerprint, so the same secret
/// matches across runs and files without being revealed). Never the secret or the line.
///
/// Columns count bytes (the engine works on bytes); `run.columnKind` says `unicodeCodePoints`,
/// which is exact for ASCII lines. Lines over `--max-line-bytes` and lines the engine failed on are
/// reported under the rules `line-too-long` and `engine-error`, level `warning`.
struct SARIFReport {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    static let fingerprintKey = "redactSecretHmac/v1"

    /// Rule id -> description, for the active rules.
    let descriptions: [String: String]
    /// `tool.driver.version`.
    let toolVersion: String

    /// One result: the input (nil for stdin) and the finding with its position in that input.
    typealias Entry = (file: String?, finding: RedactionFinding)

    func render(_ entries: [Entry]) -> String {
        var ruleIndex: [String: Int] = [:]
        var rules: [String] = []
        var results: [String] = []
        for (file, finding) in entries {
            let ruleID = Self.ruleID(for: finding)
            let index: Int
            if let known = ruleIndex[ruleID] {
                index = known
            } else {
                index = rules.count
                ruleIndex[ruleID] = index
                rules.append(rule(ruleID, kind: finding.kind))
            }
            results.append(result(finding, ruleID: ruleID, ruleIndex: index, file: file))
        }
        let driver = object([
            ("name", quote("redact")),
            ("version", quote(toolVersion)),
            ("rules", "[" + rules.joined(separator: ",") + "]"),
        ])
        let run = object([
            ("tool", object([("driver", driver)])),
            ("columnKind", quote("unicodeCodePoints")),
            ("results", "[\n" + results.joined(separator: ",\n") + "\n]"),
        ])
        return object([("$schema", quote(Self.schema)), ("version", quote("2.1.0")), ("runs", "[" + run + "]")])
    }

    /// The SARIF rule id of a finding: its rule, or the kind for a line-too-long marker; an
    /// engine error is reported under `engine-error` (its message names the failing rule).
    static func ruleID(for finding: RedactionFinding) -> String {
        switch finding.kind {
        case .match, .block: return finding.ruleID
        case .engineError, .lineTooLong: return finding.kind.rawValue
        }
    }

    private func rule(_ id: String, kind: RedactionFinding.Kind) -> String {
        let description: String
        let level: String
        switch kind {
        case .match, .block:
            description = descriptions[id].flatMap { $0.isEmpty ? nil : $0 } ?? "Secret matched by rule \(id)"
            level = "error"
        case .engineError:
            description = "A line the regex engine could not scan (a PCRE2 limit); it is masked whole"
            level = "warning"
        case .lineTooLong:
            description = "A line longer than --max-line-bytes; it is masked whole"
            level = "warning"
        }
        return object([
            ("id", quote(id)),
            ("name", quote(Self.pascalCase(id))),
            ("shortDescription", object([("text", quote(description))])),
            ("fullDescription", object([("text", quote(description + " (swift-redact rule '\(id)')"))])),
            ("defaultConfiguration", object([("level", quote(level))])),
        ])
    }

    private func result(_ finding: RedactionFinding, ruleID: String, ruleIndex: Int, file: String?) -> String {
        let text: String
        switch finding.kind {
        case .match: text = "A secret (\(finding.length) bytes) matched rule '\(ruleID)'; redact masks it"
        case .block: text = "A line (\(finding.length) bytes) inside a '\(finding.ruleID)' block; redact masks it"
        case .engineError: text = "The regex engine failed on this line in rule '\(finding.ruleID)'; redact masks the line whole"
        case .lineTooLong: text = "Line longer than --max-line-bytes; redact replaces it by a marker"
        }
        var region: [(String, String)] = [("startLine", "\(finding.line)"), ("startColumn", "\(finding.column)")]
        if finding.length > 0 { region.append(("endColumn", "\(finding.column + finding.length)")) }
        let location = object([("physicalLocation", object([
            ("artifactLocation", object([("uri", quote(Self.uriReference(file ?? "stdin")))])),
            ("region", object(region)),
        ]))])
        var fields: [(String, String)] = [
            ("ruleId", quote(ruleID)),
            ("ruleIndex", "\(ruleIndex)"),
            ("level", quote(finding.kind == .match || finding.kind == .block ? "error" : "warning")),
            ("message", object([("text", quote(text))])),
            ("locations", "[" + location + "]"),
        ]
        if let fingerprint = finding.fingerprint {
            fields.append(("partialFingerprints", object([(Self.fingerprintKey, quote(fingerprint))])))
        }
        return object(fields)
    }

    /// A path as a URI reference: relative paths stay relative (SARIF consumers resolve them
    /// against the repository root), absolute ones become `file://` URIs; bytes outside the
    /// unreserved set and `/` are percent-encoded.
    static func uriReference(_ path: String) -> String {
        var encoded = path.hasPrefix("/") ? "file://" : ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + Hex.string([byte], uppercase: true)
            }
        }
        return encoded
    }

    /// `github-pat` -> `GithubPat` (SARIF's `name`: an identifier-like rule name).
    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private func quote(_ text: String) -> String { JSONStringCodec.encode(text) }

    private func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
