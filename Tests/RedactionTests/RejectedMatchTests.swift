import Testing
@testable import Redaction

/// A match the filters reject (value shape, entropy, allowlist) must not hide a match that
/// starts inside it: the search resumes where the rejected value began. Made-up values.
@Suite struct RejectedMatchTests {
    @Test(arguments: [
        // The first `password` takes the quoted word `"password"` as its value (a placeholder).
        (#"Failed password "password": "Vq3.zLp8Rt7" for app"#, #"Failed password "password": "***" for app"#),
        (#"reset password 'password': 'Kd9-wQ2-xLm'"#, #"reset password 'password': '***'"#),
    ])
    func laterAssignmentInsideARejectedMatchIsMasked(_ line: String, _ expected: String) {
        #expect(TestSupport.redact(line, with: TestSupport.builtin) == expected)
    }

    @Test func customRuleResumesAtTheRejectedValue() {
        // `key=(\S+)` with a token shape: `key=key=Zq8...` first captures `key=Zq8...`, which is
        // an assignment (rejected); the search resumes at the value and finds `key=Zq8...`.
        let rule = RedactionRule(id: "kv", regex: #"key=(\S+)"#, valueShape: .token, keywords: ["key="])
        let set = TestSupport.ruleSet([rule])
        #expect(TestSupport.redact("key=key=Zq8xW2mL5nR7tY1vK3pC end", with: set) == "key=key=*** end")
    }

    /// Every rejected match runs to the end of the line (`token=token=...`): searching again
    /// inside each would be quadratic, so past the rescan budget the line fails closed.
    @Test func overlappingRejectionsPastTheBudgetFailClosed() {
        let rule = RedactionRule(id: "kv", regex: #"token=(\S+)"#, valueShape: .token, keywords: ["token="])
        let set = TestSupport.ruleSet([rule])
        let line = "x " + String(repeating: "token=", count: 3000) + "Zq8xW2mL5nR7tY1vK3pC"
        #expect(TestSupport.redact(line + "\n", with: set) == "[REDACTED:engine-error]\n")
        // A few overlapping rejections stay within it: the real value at the end is masked.
        #expect(TestSupport.redact("x token=token=token=Zq8xW2mL5nR7tY1vK3pC\n", with: set)
            == "x token=token=token=***\n")
    }
}
