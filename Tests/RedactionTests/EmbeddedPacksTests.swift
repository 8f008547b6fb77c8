import Foundation
import Testing
@testable import Redaction

/// `Patterns/*.toml` is the editable source of the embedded packs; they must not diverge.
@Suite struct EmbeddedPacksTests {
    @Test func embeddedPacksMatchPatternsDirectory() throws {
        let directory = TestSupport.repositoryRoot.appendingPathComponent("Patterns")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".toml") }.sorted()
        #expect(files.map { String($0.dropLast(5)) } == BuiltinPacks.names)
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let name = String(file.dropLast(5))
            #expect(BuiltinPacks.text(of: name).map { $0 + "\n" } == text || BuiltinPacks.text(of: name) == text,
                    "Patterns/\(file) differs from the embedded copy: run .ci/embed-patterns")
        }
    }

    /// The rule tables redaction loads give exactly the rules the TOML parser reads (minus the
    /// sample lines, which only tests and `rules test` need, and the allowlists' lines, which
    /// the tables do not record).
    @Test func ruleTablesDecodeToTheParsedRules() throws {
        let decoded = try BuiltinPacks.load()
        let parsed = try BuiltinPacks.load(withSamples: true)
        #expect(decoded.map(\.name) == parsed.map(\.name))
        func withoutLines(_ allowlists: [RuleAllowlist]) -> [RuleAllowlist] {
            allowlists.map { allowlist in
                var copy = allowlist
                copy.source = nil
                return copy
            }
        }
        for (table, toml) in zip(decoded, parsed) {
            let withoutSamples = toml.rules.map { definition in
                var copy = definition.rule
                copy.mustRedact = []
                copy.mustKeep = []
                copy.allowlists = withoutLines(copy.allowlists)
                return copy
            }
            #expect(table.rules.count == withoutSamples.count, "pack \(table.name)")
            #expect(toml.rules.allSatisfy { $0.isComplete }, "pack \(table.name)")
            for (a, b) in zip(table.rules.map(\.rule), withoutSamples) where a != b {
                Issue.record("pack \(table.name): rule \(b.id) decodes differently from its TOML")
            }
            #expect(table.allowlists == withoutLines(toml.allowlists), "pack \(table.name)")
        }
    }
}
