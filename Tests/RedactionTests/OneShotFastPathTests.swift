import Foundation
import Testing
@testable import Redaction

/// The one-shot path (`CompiledRuleSet.redact(_:scratch:configuration:into:)`) skips texts in
/// which the keyword search finds nothing (`mayRedact`); it must give exactly what the stream path,
/// which never skips that way, gives for the same text.
@Suite struct OneShotFastPathTests {
    /// Redacts `text` with the one-shot path; nil when it reports no change.
    static func oneShot(_ text: [UInt8], _ set: CompiledRuleSet, configuration: RedactionConfiguration = .init()) -> [UInt8]? {
        let scratch = set.makeScratch()
        var output: [UInt8] = []
        let result = text.withUnsafeBytes { set.redact($0, scratch: scratch, configuration: configuration, into: &output) }
        #expect(result.changed || output.isEmpty, "unchanged text but output written")
        return result.changed ? output : nil
    }

    static func mayRedact(_ text: [UInt8], _ set: CompiledRuleSet, configuration: RedactionConfiguration = .init()) -> Bool {
        text.withUnsafeBytes { set.mayRedact($0, configuration: configuration) }
    }

    /// Every sample line of every built-in rule, every loghub line, and multi-line texts mixing
    /// them: the one-shot output equals the stream output, and whatever `mayRedact` rejects comes
    /// out of the stream unchanged.
    @Test func agreesWithTheStreamPath() throws {
        let set = TestSupport.builtin
        var texts: [[UInt8]] = set.rules.flatMap { $0.mustRedact + $0.mustKeep }.map { Array($0.utf8) }
        var loghub: [[UInt8]] = []
        for file in FalsePositiveTests.files {
            let data = try [UInt8](Data(contentsOf: TestSupport.loghubDirectory.appendingPathComponent(file)))
            loghub += data.split(separator: 0x0A, omittingEmptySubsequences: true).prefix(300).map(Array.init)
        }
        texts += loghub
        // Multi-line texts: a key block whole, clean lines around a secret, CRLF, no final newline.
        let secrets = set.rules.filter { $0.block == nil }.flatMap(\.mustRedact)
        for index in stride(from: 0, to: loghub.count - 3, by: 97) {
            texts.append(loghub[index] + [0x0D, 0x0A] + loghub[index + 1] + [0x0A] + loghub[index + 2])
            texts.append(loghub[index] + [0x0A] + Array(secrets[index % secrets.count].utf8) + [0x0A] + loghub[index + 1])
        }
        for rule in set.rules where rule.block != nil {
            texts.append(Array("before\n".utf8) + Array(rule.mustRedact[0].utf8) + Array("\nafter".utf8))
        }
        var skipped = 0
        for text in texts {
            let stream = TestSupport.redact(text, with: set)
            let expected: [UInt8]? = stream == text ? nil : stream
            #expect(Self.oneShot(text, set) == expected, "\(String(decoding: text.prefix(120), as: UTF8.self))")
            if !Self.mayRedact(text, set) {
                skipped += 1
                #expect(stream == text, "mayRedact said no, but the stream changed the text")
            }
        }
        // The fast path is really taken: most real log lines hold no keyword.
        #expect(skipped > loghub.count / 2)
    }

    /// `mayRedact` says yes whenever the configuration makes the engine look at every line, a rule
    /// has no keyword, or the text is longer than a line may be (those texts take the full path).
    @Test func conservativeWhereTheKeywordPathDoesNotApply() {
        let clean = Array("INFO request served in 12ms for user alice".utf8)
        #expect(!Self.mayRedact(clean, TestSupport.builtin))
        #expect(!Self.mayRedact([], TestSupport.builtin))
        #expect(Self.mayRedact(Array("password=hunter2hunter2".utf8), TestSupport.builtin))

        var everyLine = RedactionConfiguration()
        everyLine.scansEveryLine = true
        #expect(Self.mayRedact(clean, TestSupport.builtin, configuration: everyLine))

        let short = RedactionConfiguration(maxLineBytes: 16)
        #expect(Self.mayRedact(clean, TestSupport.builtin, configuration: short))
        // An over-long line is masked by the full path, not passed by the fast one.
        #expect(Self.oneShot(clean, TestSupport.builtin, configuration: short) != nil)

        let noKeyword = TestSupport.ruleSet([RedactionRule(id: "digits", regex: #"\b(\d{6})\b"#)])
        #expect(Self.mayRedact(clean, noKeyword))
        #expect(Self.oneShot(Array("code 123456 sent".utf8), noKeyword) == Array("code *** sent".utf8))
    }
}
