import Foundation
import Testing
@testable import Redaction

/// Shared helpers for the engine tests.
enum TestSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The 16 vendored loghub samples (see `Tests/Fixtures/loghub/NOTICE.md`).
    static let loghubDirectory = repositoryRoot.appendingPathComponent("Tests/Fixtures/loghub")

    /// Every line of the vendored loghub files, ASCII-lowercased (for keyword frequency checks).
    static func loghubLinesLowercased() throws -> [[UInt8]] {
        let files = try FileManager.default.contentsOfDirectory(at: loghubDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "log" }
        var lines: [[UInt8]] = []
        for file in files {
            lines += try Data(contentsOf: file).split(separator: 0x0A).map { $0.map(ASCIIFolding.lower) }
        }
        return lines
    }

    /// The entries of a `secret<TAB>line` fixture (`Tests/Fixtures/generic/*.tsv`): each line's
    /// 1-based number, its secret and the line that holds it. A comment is `#` then a blank (or
    /// `#` alone): a secret may itself start with `#`. Lines without a tab are skipped; an
    /// unreadable file gives no entries (the callers' tests then expect a minimum count).
    static func secretLines(_ relativePath: String) -> [(lineNumber: Int, secret: String, line: String)] {
        let url = repositoryRoot.appendingPathComponent(relativePath)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            guard !raw.isEmpty, !raw.hasPrefix("# "), raw != "#", let tab = raw.firstIndex(of: "\t") else { return nil }
            return (index + 1, String(raw[..<tab]), String(raw[raw.index(after: tab)...]))
        }
    }

    /// The built-in rule set with default options and the rules' sample lines (compiled once).
    static let builtin: CompiledRuleSet = {
        do { return try RuleSetBuilder(builtinSamples: true).build() } catch { fatalError("built-in packs do not compile: \(error)") }
    }()

    /// A small rule set for engine tests that do not depend on pack contents.
    static func ruleSet(_ rules: [RedactionRule], allowlists: [RuleAllowlist] = [],
                        options: CompiledRuleSet.Options = CompiledRuleSet.Options()) -> CompiledRuleSet {
        do { return try CompiledRuleSet(rules: rules, allowlists: allowlists, options: options) } catch {
            fatalError("test rules do not compile: \(error)")
        }
    }

    static let canaryRule = RedactionRule(id: "canary", regex: #"CANARY-[A-Z0-9]{12}"#, keywords: ["canary-"])
    static let passwordRule = RedactionRule(id: "pw", regex: #"(?i)password=(\S+)"#, keywords: ["password="])

    /// Redacts `input` through a StreamRedactor fed in chunks of `chunk` bytes (0 = one feed).
    static func redact(_ input: [UInt8], with set: CompiledRuleSet, chunk: Int = 0,
                       configuration: RedactionConfiguration = RedactionConfiguration()) -> [UInt8] {
        let redactor = StreamRedactor(ruleSet: set, configuration: configuration)
        var sink = ByteArraySink()
        input.withUnsafeBytes { buffer in
            if chunk <= 0 {
                try! redactor.feed(buffer, into: &sink)
            } else {
                var offset = 0
                while offset < buffer.count {
                    let end = min(buffer.count, offset + chunk)
                    try! redactor.feed(UnsafeRawBufferPointer(rebasing: buffer[offset..<end]), into: &sink)
                    offset = end
                }
            }
            try! redactor.finish(into: &sink)
        }
        return sink.bytes
    }

    static func redact(_ input: String, with set: CompiledRuleSet, chunk: Int = 0,
                       configuration: RedactionConfiguration = RedactionConfiguration()) -> String {
        String(decoding: redact(Array(input.utf8), with: set, chunk: chunk, configuration: configuration), as: UTF8.self)
    }
}

