import Testing
@testable import Redaction

/// A secret inside a larger structure is masked alone: the host, path and syntax around it stay,
/// so downstream parsers and readers keep their context (issue 9). Made-up tokens.
@Suite struct ContextKeptTests {
    @Test(arguments: [
        ("remote: https://x-access-token:ghs_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78@github.com/org/repo.git",
         "remote: https://x-access-token:***@github.com/org/repo.git"),
        ("::set-output name=token::ghs_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78", "::set-output name=token::***"),
        ("error: expected -----BEGIN PRIVATE KEY----- header", "error: expected -----BEGIN PRIVATE KEY----- header"),
    ])
    func onlyTheSecretIsMasked(_ line: String, _ expected: String) {
        #expect(TestSupport.redact(line, with: TestSupport.builtin) == expected)
    }
}
