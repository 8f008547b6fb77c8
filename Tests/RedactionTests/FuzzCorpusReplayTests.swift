import Foundation
import Testing
@testable import Redaction

/// The fuzzers' seed corpus (`FuzzTesting/Corpus`), replayed through the fuzzers' invariants in
/// the normal suite, without the sanitizer runtime: so a change that breaks an invariant on a
/// seed fails `make test`, not only `make fuzz`.
@Suite struct FuzzCorpusReplayTests {
    static let corpus = TestSupport.repositoryRoot.appendingPathComponent("FuzzTesting/Corpus")

    /// The seed file names of one target, sorted.
    static func seeds(_ target: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(target).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func bytes(_ target: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: corpus.appendingPathComponent(target).appendingPathComponent(name)))
    }

    static func lineFeeds(_ bytes: [UInt8]) -> Int { bytes.count { $0 == 0x0A } }

    @Test func everyTargetHasSeeds() {
        for target in ["FuzzStreamRedactor", "FuzzRuleLoader", "FuzzLogRedactor", "FuzzRecordDecoder"] {
            #expect(Self.seeds(target).count >= 5, "\(target)")
        }
    }

    /// Target (a)'s invariants with the built-in rules: read-size invariance, line feeds kept,
    /// idempotence; under `maxLineBytes: 64, readSize: 16`: read-size invariance, line feeds kept.
    @Test(arguments: seeds("FuzzStreamRedactor"))
    func streamSeedKeepsTheInvariants(_ name: String) throws {
        let input = try Self.bytes("FuzzStreamRedactor", name)
        let set = TestSupport.builtin
        let whole = TestSupport.redact(input, with: set)
        for chunk in [1, 7, 64] {
            #expect(TestSupport.redact(input, with: set, chunk: chunk, configuration: RedactionConfiguration(readSize: chunk)) == whole,
                    "chunk \(chunk)")
        }
        #expect(Self.lineFeeds(whole) == Self.lineFeeds(input))
        #expect(TestSupport.redact(whole, with: set) == whole, "not idempotent")

        let small = RedactionConfiguration(maxLineBytes: 64, readSize: 16)
        let smallWhole = TestSupport.redact(input, with: set, configuration: small)
        #expect(TestSupport.redact(input, with: set, chunk: 5, configuration: small) == smallWhole)
        #expect(Self.lineFeeds(smallWhole) == Self.lineFeeds(input))
    }

    /// Target (d)'s invariants for every record format: read-size invariance, line feeds kept.
    @Test(arguments: seeds("FuzzRecordDecoder"))
    func recordSeedKeepsTheInvariants(_ name: String) throws {
        let input = try Self.bytes("FuzzRecordDecoder", name)
        for format in RecordFormat.allCases {
            var configuration = RedactionConfiguration()
            configuration.recordFormat = format
            let whole = TestSupport.redact(input, with: TestSupport.builtin, configuration: configuration)
            var chunked = configuration
            chunked.readSize = 3
            #expect(TestSupport.redact(input, with: TestSupport.builtin, chunk: 5, configuration: chunked) == whole, "\(format)")
            #expect(Self.lineFeeds(whole) == Self.lineFeeds(input), "\(format)")
        }
    }

    /// Target (b): a rule-file seed gives an error with a message or a rule set, and a set that
    /// compiles redacts its own samples without changing the number of lines.
    @Test(arguments: seeds("FuzzRuleLoader"))
    func ruleSeedLoadsOrFailsCleanly(_ name: String) throws {
        let bytes = try Self.bytes("FuzzRuleLoader", name)
        do {
            let pack = try RulePack.parse(utf8: bytes, file: name, name: "seed")
            var builder = try RuleSetBuilder(includeBuiltin: false)
            try builder.add(pack) { path, _ throws(RuleLoadError) in try RulePack.parse(path, file: path, name: "extended") }
            let set = try builder.build()
            let samples = set.rules.flatMap { $0.mustRedact + $0.mustKeep }.joined(separator: "\n") + "\n"
            let output = TestSupport.redact(samples, with: set)
            #expect(output.count { $0 == "\n" } == samples.count { $0 == "\n" })
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    /// The fuzzers' custom rule set is only a good oracle if its own samples hold.
    @Test func theCustomFuzzPackPassesItsOwnSamples() throws {
        let pack = try RulePack.parse(utf8: try Self.bytes("FuzzRuleLoader", "custom-pack.toml"), file: "custom-pack.toml", name: "fuzz-custom")
        var builder = try RuleSetBuilder(includeBuiltin: false)
        try builder.add(pack)
        let set = try builder.build()
        #expect(set.count == 6)
        let check = RuleSampleCheck(ruleSet: set)
        for rule in set.rules {
            #expect(try check.check(rule).isEmpty, "\(rule.id)")
        }
    }

    /// The canaries the fuzzers plant (`FuzzTesting/Sources/FuzzSupport/Canary.swift`) are
    /// redacted by the built-in rules in both placements, whatever surrounds them.
    @Test(arguments: ["github_token=ghp_kZY7n8O0HktJbhZE6fSAy9oLZZMKzNG9ImkX", "aws_access_key_id=AKIAJQW2YU5XYNZ4DYKM"])
    func builtinTokenCanariesAreRedactedAsTokens(_ token: String) {
        let secret = String(token.split(separator: "=")[1])
        for context in [("", ""), ("INFO x", "y"), ("\"", "\""), ("password=", " ok"), ("é\u{0}", "\r")] {
            let output = TestSupport.redact(context.0 + " " + token + " " + context.1 + "\n", with: TestSupport.builtin)
            #expect(!output.contains(secret), "context \(context)")
        }
    }

    @Test func builtinPasswordCanaryIsRedactedOnItsOwnLine() {
        let output = TestSupport.redact("x ghp_\npassword=G0hiItS0o60RWjWbjr5U\n-----BEGIN RSA PRIVATE KEY-----\n", with: TestSupport.builtin)
        #expect(!output.contains("G0hiItS0o60RWjWbjr5U"))
    }
}
