import Testing
@testable import Redaction

/// What the fuzzers (`FuzzTesting/`, `make fuzz`) found, minimised into regression tests. Each test
/// names the target and the invariant that broke. A finding not fixed yet is wrapped in
/// `withKnownIssue`, so this suite fails as soon as it is fixed (then drop the wrapper).
@Suite struct FuzzFindingsTests {
    /// FuzzStreamRedactor, idempotence (built-in rules, default configuration, after the record
    /// layer landed). A line shaped like a JSON object but invalid (a raw control byte inside a
    /// string) is redacted as text; the mask swallows the control byte, so the output is a valid
    /// JSON record, and a second pass masks the value under the sensitive key `authorization`
    /// (`Bearer ***`) whole: `"Bearer ***"` becomes `"******"`.
    @Test func aLineThatBecomesAJSONRecordWhenMaskedIsStable() {
        let input = "{\"authorization\":\"Bearer abcdefghijklmnop123\u{03}\"}\n"
        let once = TestSupport.redact(input, with: TestSupport.builtin)
        #expect(!once.contains("abcdefghijklmnop123"))
        #expect(once.filter { $0 == "\n" }.count == 1)
        withKnownIssue("record layer: text-mode output is read as a JSON record on the next pass (reported to the lead)") {
            #expect(TestSupport.redact(once, with: TestSupport.builtin) == once)
        }
    }
}
