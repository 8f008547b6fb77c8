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
}
