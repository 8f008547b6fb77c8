import Foundation
import Testing
@testable import Redaction

/// `Tests/Fixtures/generic/credential-probe.tsv`: fake credentials in realistic log, config and
/// command lines (vendor formats with random bodies, name/value pairs, prose banners, tool flags,
/// stdin feeds, DSNs, protocol lines), written apart from the rules. Each line, redacted alone
/// with the built-in rules, loses its secret: a rule change that lets one through fails here.
@Suite struct CredentialProbeTests {
    struct Sample: Sendable {
        let lineNumber: Int
        let secret: String
        let line: String
    }

    static let samples: [Sample] = TestSupport.secretLines("Tests/Fixtures/generic/credential-probe.tsv").map {
        Sample(lineNumber: $0.lineNumber, secret: $0.secret, line: $0.line)
    }

    /// `credential-probe-multiline.jsonl`: the same for texts of several lines (configuration
    /// blocks, CLI output, pretty-printed JSON, continued commands: `{"secret": ..., "text": ...}`
    /// per line), each redacted as one stream; no 8 bytes of the secret may survive.
    static let multiLineSamples: [(lineNumber: Int, secret: String, text: String)] = {
        let url = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/generic/credential-probe-multiline.jsonl")
        guard let data = try? Data(contentsOf: url) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).enumerated().compactMap { index, line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: String],
                  let secret = object["secret"], let text = object["text"] else { return nil }
            return (index + 1, secret, text)
        }
    }()

    @Test func everyMultiLineProbeSecretIsMasked() {
        #expect(Self.multiLineSamples.count >= 200)
        var leaked: [Int] = []
        for sample in Self.multiLineSamples {
            let output = TestSupport.redact(Array(sample.text.utf8), with: TestSupport.builtin)
            if RuleSampleCheck.leaks(Array(sample.secret.utf8), in: output) { leaked.append(sample.lineNumber) }
        }
        #expect(leaked.isEmpty, "credential-probe-multiline.jsonl lines whose secret survives: \(leaked)")
    }

    @Test func theProbeIsPresent() {
        #expect(Self.samples.count >= 800)
    }

    /// Failures name line numbers only (no secret in a diagnostic, even a fake one).
    @Test func everyProbeSecretIsMaskedOnItsOwnLine() {
        var leaked: [Int] = []
        for sample in Self.samples {
            let output = TestSupport.redact(Array((sample.line + "\n").utf8), with: TestSupport.builtin)
            if String(decoding: output, as: UTF8.self).contains(sample.secret) { leaked.append(sample.lineNumber) }
        }
        #expect(leaked.isEmpty, "credential-probe.tsv lines whose secret survives: \(leaked)")
    }
}
