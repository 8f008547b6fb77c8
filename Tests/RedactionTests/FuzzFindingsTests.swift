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

    /// FuzzStreamRedactor, idempotence (custom pack, the empty template; main 8f1c286). Not fixed:
    /// a line that ends a key block (not key body: `password=...`) is masked to `password=` by
    /// the empty template, which is shaped like a padded base64 line, so a second pass takes it
    /// (and the lines after it) for key body. Other templates (`***`, `REDACTED`,
    /// `[REDACTED:{rule}]`) leave a mark that is not base64 and are stable. The first pass never
    /// lets the secret through; only `redact(redact(x)) == redact(x)` breaks.
    @Test func aLineMaskedByTheEmptyTemplateAfterAKeyBodyIsStable() throws {
        let empty = try RuleSetBuilder().build(options: CompiledRuleSet.Options(replacement: try ReplacementTemplate("")))
        let input = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx7Lp2Kq9Zt4Rw8Yv3Nm6Bc1Df5Gh0Jk2Lm4Np6Qr8St0Uv2Wx4\n"
            + "password=Hunter2xyzQ\nnext line\n"
        let once = TestSupport.redact(input, with: empty)
        #expect(!once.contains("Hunter2xyzQ"))
        withKnownIssue("the empty template renders a masked line as base64-shaped key body") {
            #expect(TestSupport.redact(once, with: empty) == once)
        }
    }
}
