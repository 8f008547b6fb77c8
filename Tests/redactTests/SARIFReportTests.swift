import Foundation
import Testing

/// `--check --format sarif`: the log is checked against the SARIF 2.1.0 schema's definitions of
/// what it emits (required properties, types, enums, minimums), transcribed below from the
/// schema (`sarif-schema-2.1.0.json`, OASIS SARIF v2.1.0 Errata 01) so the test needs no network.
/// Unknown properties are refused, so everything emitted is covered by a definition here.
@Suite struct SARIFReportTests {
    /// A subset of JSON Schema: enough for the SARIF definitions used.
    indirect enum Shape: Sendable {
        case object(required: [String: Shape], optional: [String: Shape] = [:], additional: Shape? = nil)
        case array(of: Shape, minItems: Int = 0)
        case string(oneOf: Set<String>? = nil)
        case integer(minimum: Int)

        func validate(_ value: Any, at path: String, _ problems: inout [String]) {
            switch self {
            case .object(let required, let optional, let additional):
                guard let object = value as? [String: Any] else { return problems.append("\(path): not an object") }
                for (key, shape) in required {
                    guard let member = object[key] else { problems.append("\(path): missing required '\(key)'"); continue }
                    shape.validate(member, at: "\(path).\(key)", &problems)
                }
                for (key, member) in object where required[key] == nil {
                    if let shape = optional[key] ?? additional { shape.validate(member, at: "\(path).\(key)", &problems) }
                    else { problems.append("\(path): property '\(key)' is not covered by this check") }
                }
            case .array(let element, let minItems):
                guard let array = value as? [Any] else { return problems.append("\(path): not an array") }
                if array.count < minItems { problems.append("\(path): fewer than \(minItems) items") }
                for (index, item) in array.enumerated() { element.validate(item, at: "\(path)[\(index)]", &problems) }
            case .string(let allowed):
                guard let string = value as? String else { return problems.append("\(path): not a string") }
                if let allowed, !allowed.contains(string) { problems.append("\(path): '\(string)' not one of \(allowed.sorted())") }
            case .integer(let minimum):
                guard let number = value as? Int, (value as? Double) == Double(number) else {
                    return problems.append("\(path): not an integer")
                }
                if number < minimum { problems.append("\(path): below \(minimum)") }
            }
        }
    }

    // The 2.1.0 definitions (required vs optional as in the schema).
    static let message = Shape.object(required: ["text": .string()])                 // message: text or id
    static let multiformatMessageString = Shape.object(required: ["text": .string()])
    static let level = Shape.string(oneOf: ["none", "note", "warning", "error"])
    static let reportingDescriptor = Shape.object(required: ["id": .string()], optional: [
        "name": .string(), "shortDescription": multiformatMessageString, "fullDescription": multiformatMessageString,
        "defaultConfiguration": .object(required: [:], optional: ["level": level]),
    ])
    static let region = Shape.object(required: [:], optional: [
        "startLine": .integer(minimum: 1), "startColumn": .integer(minimum: 1), "endColumn": .integer(minimum: 1),
    ])
    static let physicalLocation = Shape.object(required: ["artifactLocation": .object(required: [:], optional: ["uri": .string()])],
                                               optional: ["region": region])
    static let result = Shape.object(required: ["message": message], optional: [
        "ruleId": .string(), "ruleIndex": .integer(minimum: -1), "level": level,
        "locations": .array(of: .object(required: [:], optional: ["physicalLocation": physicalLocation])),
        "partialFingerprints": .object(required: [:], additional: .string()),
    ])
    static let sarifLog = Shape.object(required: [
        "version": .string(oneOf: ["2.1.0"]),
        "runs": .array(of: .object(required: [
            "tool": .object(required: ["driver": .object(required: ["name": .string()], optional: [
                "version": .string(), "rules": .array(of: reportingDescriptor),
            ])]),
        ], optional: [
            "results": .array(of: result),
            "columnKind": .string(oneOf: ["utf16CodeUnits", "unicodeCodePoints"]),
        ]), minItems: 1),
    ], optional: ["$schema": .string()])

    @Test func checkWritesValidSARIFWithoutSecrets() throws {
        let directory = try RedactCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let github = RedactCLITests.github
        let app = directory.appendingPathComponent("app log.txt"), other = directory.appendingPathComponent("other.log")
        try Data("clean\nuse \(github) now\npassword=Zq8wPl2mKx9v\n".utf8).write(to: app)
        try Data("-----BEGIN RSA PRIVATE KEY-----\n\(FilterStreamTests.keyBody[0])\n-----END RSA PRIVATE KEY-----\nagain \(github)\n".utf8).write(to: other)
        let key = String(repeating: "k", count: 40)
        let result = try BinaryUnderTest.run(["--check", "--format", "sarif", app.path, other.path], environment: ["REDACT_HASH_KEY": key])
        #expect(result.status == 1)
        let log = try JSONSerialization.jsonObject(with: result.stdout)
        var problems: [String] = []
        Self.sarifLog.validate(log, at: "$", &problems)
        #expect(problems.isEmpty, "\(problems)")
        for secret in [github, "Zq8wPl2mKx9v", FilterStreamTests.keyBody[0], key] {
            #expect(!result.stdoutText.contains(secret) && !result.stderrText.contains(secret))
        }

        let run = try #require(((log as? [String: Any])?["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules.indices.contains(index) && rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        #expect(results.map { $0["ruleId"] as? String } == ["github-pat", results[1]["ruleId"] as? String, results[2]["ruleId"] as? String, "github-pat"])
        let first = try #require((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((first["artifactLocation"] as? [String: Any])?["uri"] as? String == "file://" + app.path.replacingOccurrences(of: " ", with: "%20"))
        #expect((first["region"] as? [String: Any])?["startLine"] as? Int == 2)
        #expect((first["region"] as? [String: Any])?["startColumn"] as? Int == 5)
        #expect((first["region"] as? [String: Any])?["endColumn"] as? Int == 45)
        // Keyed fingerprints: the same secret in two files gets the same partial fingerprint.
        let prints = results.map { ($0["partialFingerprints"] as? [String: String])?["redactSecretHmac/v1"] }
        #expect(prints.allSatisfy { $0 != nil } && prints[0] == prints[3] && prints[0] != prints[1])
        let description = (rules.first?["shortDescription"] as? [String: Any])?["text"] as? String
        #expect(description?.isEmpty == false)

        // Without a key: no fingerprints at all.
        let unkeyed = try BinaryUnderTest.run(["--check", "--format", "sarif", app.path], environment: [:])
        #expect(!unkeyed.stdoutText.contains("partialFingerprints"))
        // Nothing found: a valid log with no results, exit 0.
        let clean = try BinaryUnderTest.run(["--check", "--format", "sarif"], input: Data("nothing\n".utf8))
        #expect(clean.status == 0)
        problems = []
        Self.sarifLog.validate(try JSONSerialization.jsonObject(with: clean.stdout), at: "$", &problems)
        #expect(problems.isEmpty, "\(problems)")
    }

    /// The validator itself rejects what the schema rejects (so a pass means something).
    @Test func theValidatorRefusesInvalidLogs() throws {
        let invalid: [String] = [
            #"{"runs":[]}"#,
            #"{"version":"2.0.0","runs":[{"tool":{"driver":{"name":"x"}}}]}"#,
            #"{"version":"2.1.0","runs":[]}"#,
            #"{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}"#,
            #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"a"}]}]}"#,
            #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}"#,
            #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a"},"region":{"startLine":0}}}]}]}]}"#,
            #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[{"name":"no id"}]}}}]}"#,
        ]
        for text in invalid {
            var problems: [String] = []
            Self.sarifLog.validate(try JSONSerialization.jsonObject(with: Data(text.utf8)), at: "$", &problems)
            #expect(!problems.isEmpty, "accepted: \(text)")
        }
    }
}
