import Foundation
import Testing
@testable import Redaction

/// The generic key/value layer against two fixtures written for it, with the built-in rules:
/// modern application-log lines that hold no secret but look like they might must come out
/// unchanged, and every secret of the positive fixture must be gone with its key and separator
/// kept.
@Suite struct GenericLayerFixtureTests {
    static let fixtures = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// `Tests/Fixtures/traps/modern-app.log`: JSON, logfmt, access logs, Kubernetes, Go/Java/
    /// Python/Node/Rails, SQL, CLI/CI, OAuth, cloud SDK lines with ids, digests, cache and object
    /// keys, token metadata, password-policy messages and placeholders.
    @Test func trapLinesAreUnchanged() throws {
        let input = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("traps/modern-app.log")))
        let inLines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(inLines.count > 400)
        let output = TestSupport.redact(input, with: TestSupport.builtin)
        let outLines = output.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(outLines.count == inLines.count)
        // Report line numbers only: a changed line is not echoed.
        let changed = zip(inLines, outLines).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
        #expect(changed.isEmpty, "trap lines changed: \(changed)")
    }

    /// One positive sample: the line, and the secret it holds.
    struct Positive: CustomStringConvertible, Sendable {
        let lineNumber: Int
        let secret: String
        let line: String
        var description: String { "key-value-positives.tsv:\(lineNumber)" }
    }

    /// `Tests/Fixtures/generic/key-value-positives.tsv`: `secret<TAB>line` per line, `#` comments.
    static let positives: [Positive] = {
        let url = fixtures.appendingPathComponent("generic/key-value-positives.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            guard !raw.isEmpty, !raw.hasPrefix("#"), let tab = raw.firstIndex(of: "\t") else { return nil }
            return Positive(lineNumber: index + 1, secret: String(raw[..<tab]), line: String(raw[raw.index(after: tab)...]))
        }
    }()

    @Test func positiveFixtureIsPresent() { #expect(Self.positives.count >= 80) }

    @Test(arguments: positives)
    func secretIsMaskedAndKeyAndSeparatorStay(_ sample: Positive) throws {
        let prefix = try #require(sample.line.range(of: sample.secret)).lowerBound
        let output = TestSupport.redact(sample.line, with: TestSupport.builtin)
        #expect(!output.contains(sample.secret), "\(sample): the secret survives")
        #expect(output.hasPrefix(sample.line[..<prefix]), "\(sample): the key or separator changed")
    }
}
