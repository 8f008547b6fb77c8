import Foundation
import Testing
@testable import Redaction

/// Fail-closed paths of the engine (issue 7): a line that cannot be scanned never lets a key body
/// after it out, templates cannot switch redaction off, user patterns cannot read past a line, and
/// a catastrophic pattern is bounded.
@Suite struct FailClosedTests {
    static let keyRules: [RedactionRule] = {
        let packs = (try? BuiltinPacks.load()) ?? []
        return packs.first { $0.name == "keys" }?.rules.map(\.rule) ?? []
    }()

    /// Backtracks catastrophically on `Authorization: aaaa...ab`.
    static let catastrophic = RedactionRule(id: "catastrophic", regex: #"(?i)authorization: (?:a|aa)+$"#,
                                            keywords: ["authorization"])

    static let keyBody = [
        "MIIEowIBAAKCAQEAjis9TrO3zLjMTa9z7NakfmB3K28AO2myCO5sgUdma4d8mmYN",
        "HLFS5DzCbBWfi2uGbLhNjaBA5ZP0hRmw/lBCDGtoKdth7ImZGglLdzov95k09uDB",
    ]

    static func keyAfter(_ firstLine: String) -> String {
        ([firstLine] + keyBody + ["-----END RSA PRIVATE KEY-----", "2024-05-01T10:00:00Z INFO after the key"])
            .joined(separator: "\n") + "\n"
    }

    static func expectNoBody(_ output: String, _ comment: Comment? = nil) {
        for line in keyBody { #expect(!output.contains(line.prefix(20)), comment) }
    }

    @Test(arguments: [EngineErrorPolicy.mask, .drop, .pass])
    func engineErrorOnABeginLineStillOpensTheBlock(_ policy: EngineErrorPolicy) throws {
        #expect(!Self.keyRules.isEmpty)
        let set = TestSupport.ruleSet(Self.keyRules + [Self.catastrophic])
        let input = Self.keyAfter("Authorization: " + String(repeating: "a", count: 40) + "b -----BEGIN RSA PRIVATE KEY-----")
        let output = TestSupport.redact(input, with: set, configuration: RedactionConfiguration(onError: policy))
        Self.expectNoBody(output, "policy \(policy)")
        #expect(output.contains("-----END RSA PRIVATE KEY-----"))
        #expect(output.hasSuffix("2024-05-01T10:00:00Z INFO after the key\n"))
    }

    @Test(arguments: [1, 7, 4096])
    func overlongBeginLineStillOpensTheBlock(_ chunk: Int) {
        let set = TestSupport.ruleSet(Self.keyRules)
        let configuration = RedactionConfiguration(maxLineBytes: 64, readSize: 16)
        let input = Self.keyAfter(String(repeating: "x", count: 100) + " -----BEGIN RSA PRIVATE KEY-----")
        let output = TestSupport.redact(input, with: set, chunk: chunk, configuration: configuration)
        Self.expectNoBody(output, "chunk \(chunk)")
        #expect(output.hasPrefix("[REDACTED:line-too-long]\n"))
        // The one-shot path (no stream buffer) behaves the same.
        let oneShot = set.redact(input)
        #expect(!oneShot.contains(Self.keyBody[0].prefix(20)))
    }

    @Test func overlongLineWithoutABlockKeywordOpensNoBlock() {
        let set = TestSupport.ruleSet(Self.keyRules)
        // (a body line from the middle of a key: its first line, `MIIEow...`, is masked by
        // private-key-der-body wherever it stands)
        let input = String(repeating: "x", count: 100) + "\nHLFS5DzCbBWfi2uGbLhNjaBA5ZP0hRmw/lBCDGtoKdth7ImZGglLdzov95k09uDB\n"
        let output = TestSupport.redact(input, with: set, configuration: RedactionConfiguration(maxLineBytes: 64))
        #expect(output == "[REDACTED:line-too-long]\nHLFS5DzCbBWfi2uGbLhNjaBA5ZP0hRmw/lBCDGtoKdth7ImZGglLdzov95k09uDB\n")
    }

    /// Templates whose rendering is not anchored by fixed text are refused; the ones accepted
    /// recognise only what they can produce, so a real secret is never taken for a placeholder.
    @Test func templatesWithoutAnAnchorAreRefused() {
        for text in ["{len}", "{len}{len}", "x{len}", "ab{len}9"] {
            #expect(throws: ReplacementTemplate.Error.noAnchor, "\(text)") { _ = try ReplacementTemplate(text) }
        }
        for text in ["a\nb", "\r", "x\u{0}"] {
            #expect(throws: ReplacementTemplate.Error.self, "\(text.debugDescription)") { _ = try ReplacementTemplate(text) }
        }
        for text in ["{rule}", "{rule}{len}", "[{len}]", "<{len}>", "REDACTED", "", "\t***"] {
            #expect(throws: Never.self, "\(text)") { _ = try ReplacementTemplate(text) }
        }
    }

    @Test(arguments: ["{rule}", "{rule}{len}", "[{len}]", "REDACTED", "[REDACTED:{rule}]"])
    func secretsShapedLikeTheTemplateStillGetMasked(_ template: String) throws {
        let rule = RedactionRule(id: "pw", regex: #"password=(\S+)"#, keywords: ["password="])
        let set = TestSupport.ruleSet([rule], options: .init(replacement: try ReplacementTemplate(template)))
        for secret in ["hunter2", "12345678", "Pw0rd-9x", "pw-secret", "2024"] {
            let output = set.redact("password=\(secret) ok")
            #expect(!output.contains("password=\(secret) "), "template \(template), secret \(secret): \(output)")
            #expect(set.redact(output) == output, "template \(template) not idempotent: \(output)")
        }
    }

    @Test func aRulesOwnTemplateIsRefusedWithoutAnAnchor() {
        let rule = RedactionRule(id: "pw", regex: #"password=(\S+)"#, keywords: ["password="], replacement: "{len}")
        #expect(throws: RuleLoadError.self) { _ = try CompiledRuleSet(rules: [rule]) }
    }

    @Test func patternsAskingForUTFAreRefused() {
        let rule = RedactionRule(id: "utf", regex: #"(*UTF)secret=(.{1,40})"#, keywords: ["secret="])
        #expect(throws: RuleLoadError.self) { _ = try CompiledRuleSet(rules: [rule]) }
    }

    @Test func invalidUTF8NeverMergesLines() {
        let rule = RedactionRule(id: "any", regex: #"secret=(.{1,40})"#, keywords: ["secret="])
        let set = TestSupport.ruleSet([rule])
        let input: [UInt8] = Array("secret=abcdef".utf8) + [0xC3, 0x0A] + Array("next line\n".utf8) + Array("secret=ab".utf8) + [0xF4, 0x0A]
        let output = TestSupport.redact(input, with: set)
        #expect(output == Array("secret=***\nnext line\nsecret=***\n".utf8))
    }

    /// A pathological user pattern costs its full match limit on a few lines only: after
    /// `quarantineThreshold` consecutive failures its candidate lines are masked without running it.
    @Test func aCatastrophicRuleIsQuarantined() {
        let rule = RedactionRule(id: "evil", regex: #"(a+)+$"#, keywords: ["aaaa"])
        let set = TestSupport.ruleSet([rule])
        let line = String(repeating: "a", count: 40) + "b\n"
        let redactor = StreamRedactor(ruleSet: set)
        var sink = ByteArraySink()
        let input = Array((String(repeating: line, count: 200) + "clean line\n").utf8)
        input.withUnsafeBytes { try! redactor.feed($0, into: &sink) }
        try! redactor.finish(into: &sink)
        let output = String(decoding: sink.bytes, as: UTF8.self)
        #expect(output == String(repeating: "[REDACTED:engine-error]\n", count: 200) + "clean line\n")
        let errors = redactor.statistics.engineErrors
        #expect(errors["matchlimit"] == Int(MatchLimits.default.quarantineThreshold))
        #expect(errors["quarantined"] == 200 - Int(MatchLimits.default.quarantineThreshold))
    }

    @Test func aSuccessfulLineResetsTheQuarantineCount() {
        let rule = RedactionRule(id: "evil", regex: #"(a+)+$"#, keywords: ["aaaa"])
        let set = TestSupport.ruleSet([rule])
        let bad = String(repeating: "a", count: 40) + "b\n"
        let good = "aaaa\n"
        let redactor = StreamRedactor(ruleSet: set)
        var sink = ByteArraySink()
        let input = Array(String(repeating: bad + bad + good, count: 20).utf8)
        input.withUnsafeBytes { try! redactor.feed($0, into: &sink) }
        try! redactor.finish(into: &sink)
        #expect(redactor.statistics.engineErrors["quarantined"] == nil)
        #expect(redactor.statistics.engineErrors["matchlimit"] == 40)
    }
}
