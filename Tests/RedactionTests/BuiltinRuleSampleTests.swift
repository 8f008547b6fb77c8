import Foundation
import Testing
@testable import Redaction

/// Every built-in rule carries its own must-redact and must-keep lines; all of them run here.
@Suite struct BuiltinRuleSampleTests {
    static let rules: [RedactionRule] = TestSupport.builtin.rules
    static let ids: [String] = rules.map(\.id)
    static func rule(_ id: String) -> RedactionRule { rules.first { $0.id == id }! }

    @Test func packsAreNotEmpty() {
        let packs = Set(Self.rules.map(\.pack))
        #expect(packs == Set(BuiltinPacks.names), "every embedded pack contributes rules")
        #expect(packs.isSuperset(of: ["generic", "headers", "keys", "passwords", "services", "tokens", "tokens-business",
                                      "tokens-data", "tokens-infra"]))
        #expect(Self.rules.filter { $0.pack == "tokens" }.count >= 100)
        #expect(Self.rules.filter { $0.pack == "tokens-data" }.count >= 200)
        #expect(Self.rules.filter { $0.pack == "tokens-infra" }.count >= 140)
    }

    @Test(arguments: ids)
    func samples(_ id: String) throws {
        let rule = Self.rule(id)
        let failures = try RuleSampleCheck(ruleSet: TestSupport.builtin).check(rule)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
        #expect(rule.mustRedact.count >= 2)
        #expect(rule.mustKeep.count >= 1)
    }

    @Test(arguments: ids)
    func everyRuleHasKeywordsAndADescription(_ id: String) {
        let rule = Self.rule(id)
        #expect(!rule.keywords.isEmpty, "rule \(rule.id) has no keywords: it would run on every line")
        #expect(rule.keywords.allSatisfy { $0.count >= 3 }, "rule \(rule.id) has a keyword shorter than 3 bytes")
        #expect(!rule.description.isEmpty)
    }

    /// The prefilter never changes results: every sample redacts identically with a set in which
    /// keywords are removed (every rule runs on every line).
    @Test func prefilterDoesNotChangeSampleResults() throws {
        let unfiltered = try CompiledRuleSet(rules: Self.rules.map { rule in
            var copy = rule
            copy.keywords = []
            return copy
        })
        for rule in Self.rules {
            for sample in rule.mustRedact + rule.mustKeep {
                #expect(TestSupport.redact(sample, with: TestSupport.builtin) == TestSupport.redact(sample, with: unfiltered),
                        "rule \(rule.id): prefiltered and unfiltered output differ")
            }
        }
    }

    @Test func ruleIDsAreUnique() {
        let ids = Self.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
    }
}

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

/// Real logs with no secrets must come out byte-identical.
@Suite struct FalsePositiveTests {
    static let files: [String] = (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.loghubDirectory.path))?
        .filter { $0.hasSuffix(".log") }.sorted() ?? []

    @Test func corpusIsPresent() { #expect(Self.files.count == 16) }

    @Test(arguments: files)
    func loghubFileIsUnchanged(_ file: String) throws {
        let input = try [UInt8](Data(contentsOf: TestSupport.loghubDirectory.appendingPathComponent(file)))
        let output = TestSupport.redact(input, with: TestSupport.builtin)
        if output != input {
            let inLines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
            let outLines = output.split(separator: 0x0A, omittingEmptySubsequences: false)
            let changed = zip(inLines, outLines).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
            Issue.record("\(file): lines changed: \(changed.prefix(20))")
        }
    }
}
