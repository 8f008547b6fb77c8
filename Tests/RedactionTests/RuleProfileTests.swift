import Foundation
import Testing
@testable import Redaction

/// `RuleProfile`: per-rule counts of the lines a pattern ran on and masked something on, through a
/// whole stream (the counts are exact; times are only checked to add up).
@Suite struct RuleProfileTests {
    static let rules = [
        RedactionRule(id: "team-token", regex: #"\b(tt_[a-z0-9]{12})\b"#, keywords: ["tt_"]),
        RedactionRule(id: "acme-key", regex: #"acme_key=([A-Za-z0-9]{16})"#, keywords: ["acme_key"]),
        RedactionRule(id: "never-selected", regex: #"zzqq_([a-z]{8})"#, keywords: ["zzqq_"]),
    ]

    /// Runs `text` through a stream redactor whose scratch carries a profile.
    static func profile(_ text: String) -> (RuleProfile, CompiledRuleSet, String) {
        let set = TestSupport.ruleSet(rules)
        let scratch = set.makeScratch()
        let profile = RuleProfile(for: set)
        scratch.profile = profile
        var configuration = RedactionConfiguration()
        configuration.echoCapacity = 0  // each line found by its own rules
        let redactor = StreamRedactor(ruleSet: set, configuration: configuration, scratch: scratch)
        var sink = ByteArraySink()
        Array(text.utf8).withUnsafeBytes { try! redactor.feed($0, into: &sink) }
        try! redactor.finish(into: &sink)
        return (profile, set, String(decoding: sink.bytes, as: UTF8.self))
    }

    @Test func countsTheLinesEachRuleRanOnAndMasked() {
        let text = """
            deploy with tt_a1b2c3d4e5f6
            tt_ is the prefix of team tokens
            acme_key=Zq8vLp2MxR7kT4wN and tt_0f9e8d7c6b5a
            nothing here
            acme_key=short

            """
        let (profile, set, output) = Self.profile(text)
        #expect(output.contains("deploy with ***") && output.contains("acme_key=*** and ***"))
        let entries = Dictionary(uniqueKeysWithValues: profile.entries(in: set).map { ($0.ruleID, $0) })
        #expect(entries["team-token"]?.candidateLines == 3)
        #expect(entries["team-token"]?.matchedLines == 2)
        // The changed third line is scanned again (a rendered line must not change when redacted
        // again): `acme_key=*** and ***` still holds `acme_key`, so that scan counts too.
        #expect(entries["acme-key"]?.candidateLines == 3)
        #expect(entries["acme-key"]?.matchedLines == 1)
        #expect(entries["never-selected"] == nil, "a rule whose keyword never occurs never runs")
    }

    @Test func entriesComeMostTimeFirstAndNameEveryRuleThatRan() {
        let (profile, set, _) = Self.profile(String(repeating: "tt_a1b2c3d4e5f6 acme_key=x\n", count: 200))
        let entries = profile.entries(in: set)
        #expect(Set(entries.map(\.ruleID)) == ["team-token", "acme-key"])
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.nanoseconds >= $1.nanoseconds })
        // Each changed line is scanned again: its rendering still holds `acme_key`, not `tt_`.
        #expect(entries.first { $0.ruleID == "team-token" }?.candidateLines == 200)
        #expect(entries.first { $0.ruleID == "acme-key" }?.candidateLines == 400)
    }

    @Test func aScratchWithoutAProfileRedactsTheSame() {
        let text = "tt_a1b2c3d4e5f6 and acme_key=Zq8vLp2MxR7kT4wN\n"
        let (_, set, profiled) = Self.profile(text)
        #expect(set.redact(text) == profiled)
    }
}
