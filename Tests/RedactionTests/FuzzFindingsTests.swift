import Testing
@testable import Redaction

/// What the fuzzers (`FuzzTesting/`, `make fuzz`) found, minimised into regression tests. Each test
/// names the target and the invariant that broke. (A finding not fixed yet goes in
/// `withKnownIssue`, so the suite says when it gets fixed.)
@Suite struct FuzzFindingsTests {
    /// FuzzStreamRedactor, idempotence (built-in rules, default configuration, after the record
    /// layer landed). A line shaped like a JSON object but invalid (a raw control byte inside a
    /// string) is redacted as text; the mask swallows the control byte, so the output is a valid
    /// JSON record, and a second pass masks the value under the sensitive key `authorization`
    /// (`Bearer ***`) whole: `"Bearer ***"` became `"******"`. Found on the record layer's first
    /// version (main a6033af); stable on main since 205b8cf.
    @Test func aLineThatBecomesAJSONRecordWhenMaskedIsStable() {
        let input = "{\"authorization\":\"Bearer abcdefghijklmnop123\u{03}\"}\n"
        let once = TestSupport.redact(input, with: TestSupport.builtin)
        #expect(!once.contains("abcdefghijklmnop123"))
        #expect(once.filter { $0 == "\n" }.count == 1)
        #expect(TestSupport.redact(once, with: TestSupport.builtin) == once)
    }

    /// FuzzStreamRedactor, idempotence (built-in rules; main 0c652c4, and as old as the key blocks:
    /// the stop's first commit d77df88 fails the same way). A line that ended one key block and
    /// began the next (`-----END ...----- ... -----BEGIN ...-----`) closed the first and returned
    /// before looking for the BEGIN, so the second key's body passed in clear; a second pass saw
    /// the BEGIN differently and masked it. Now the rest of the line after END is searched for a
    /// BEGIN (``LineRedactor/openBlock(in:from:)``); `KeyBlockTests` covers the clean shape.
    @Test func aLineThatEndsOneKeyBlockAndBeginsAnotherLeaksNothing() {
        let body = "Xp3sVb7nL!qT4mZc9rY2dW6hF8gJ5kE1uA3iO7yU0tR4eW9qS2zX6cV8bN1mK5jH"
        let input = "IN;\u{99}\0\0cT he h\u{0C}it\" key=tenaAutha=b a=b -----BEGIN RSA PRIVATE KEY-----\n" + body
            + "\n-----END IRSA PRIVATE KEY----- a=b a=b -----BEGIN RSA PRIVATE KEY-----\n" + body
            + "\n-----END IRSA PRIVATE KEY-----\nN\n"
        let once = TestSupport.redact(input, with: TestSupport.builtin)
        #expect(!once.contains(body))
        #expect(TestSupport.redact(once, with: TestSupport.builtin) == once)
    }

    /// FuzzStreamRedactor, idempotence (built-in rules; main 5c6cccb, found again on d77df88). A
    /// line that is a JSON object but not valid JSON (control bytes inside a string) is redacted
    /// as text; masking the password takes the control bytes with it, so the output is a valid
    /// record, and a second pass masked the value under the sensitive key `authorization` whole,
    /// which the text rules left (an unknown scheme, a token with non-ASCII bytes). Now the settle
    /// pass reads an output that has become a record as a record
    /// (``LineRedactor/recordValuePass(_:)``), with every template, including one the record
    /// layer would take for a value (`X`).
    @Test(arguments: [nil, "", "X", "REDACTED", "[{rule}]"])
    func aTextLineThatBecomesARecordIsSettledAsARecord(template: String?) throws {
        let rules = try template.map {
            try RuleSetBuilder().build(options: CompiledRuleSet.Options(replacement: try ReplacementTemplate($0)))
        } ?? TestSupport.builtin
        let input = "{\"user\":\"an\",\"password\":\"Vb8!kq3Z\u{02}\u{07}\0 w4@db\",\"authorization\":\"Beater eyJhbGciOi\u{FFFD}JlLWZha2U\"}\n"
        let once = TestSupport.redact(input, with: rules)
        #expect(!once.contains("Vb8!kq3Z"))
        #expect(!once.contains("JlLWZha2U"), "the value under authorization is masked in the first run: \(once)")
        #expect(once.hasPrefix("{\"user\":\"an\",\"password\":\""))
        #expect(TestSupport.redact(once, with: rules) == once)
    }

    /// FuzzStreamRedactor, idempotence (the empty template; main 8f1c286). A line that ends a key
    /// block (not key body: `password=...`) was masked to `password=` by the empty template, which
    /// is shaped like a padded base64 line, so a second pass took it (and the lines after it) for
    /// key body. Now the block goes on over a line whose output is body-shaped, as the second pass
    /// would (``LineRedactor/continueBlockIfOutputIsBody(_:)``).
    @Test(arguments: ["", "X", "REDACTED", "***"])
    func aLineThatEndsAKeyBlockIsStable(template: String) throws {
        let rules = try RuleSetBuilder().build(options: CompiledRuleSet.Options(replacement: try ReplacementTemplate(template)))
        let body = "MIIEowIBAAKCAQEAx7Lp2Kq9Zt4Rw8Yv3Nm6Bc1Df5Gh0Jk2Lm4Np6Qr8St0Uv2Wx4"
        let inputs = [
            "-----BEGIN RSA PRIVATE KEY-----\n\(body)\npassword=Hunter2xyzQ\nnext line\n",
            "-----BEGIN RSA PRIVATE KEY-----\n\(body)\npwd=Hunter2xyzQ\nkey=Hunter2xyzQ\ndone here\n",
            "2026-11-30T10:00:00Z app: -----BEGIN RSA PRIVATE KEY-----\n2026-11-30T10:00:01Z app: \(body)\n"
                + "2026-11-30T10:00:02Z app: password=Hunter2xyzQ\n2026-11-30T10:00:03Z app: next line\n",
        ]
        for input in inputs {
            let once = TestSupport.redact(input, with: rules)
            #expect(!once.contains("Hunter2xyzQ"))
            #expect(!once.contains(body))
            #expect(once.filter { $0 == "\n" }.count == input.filter { $0 == "\n" }.count)
            #expect(TestSupport.redact(once, with: rules) == once, "template \(template): \(once)")
        }
    }
}
