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
}
