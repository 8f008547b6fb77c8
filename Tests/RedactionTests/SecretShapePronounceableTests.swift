import Testing
@testable import Redaction

/// Letters-only tokens: random mixed-case letters cut by case changes look like camelCase words,
/// but their letter pairs give them away (``SecretShape/hasUnpronounceableWords(_:)``). All
/// values are made up for these tests.
@Suite struct SecretShapePronounceableTests {
    /// Random letters (no digit), alone or in segments, as tokens without digits come out of a
    /// base64url generator now and then.
    @Test(arguments: ["qWzkVJtbHxgPcmDrfLs", "bXqvTnKzwGdHjpLcfRm-PzkxWq-vT", "RkzvBqmTxWhdcJgnLpYf_kXz",
                      "zqHxvKpmbTgWcdLnRjf"])
    func randomLettersAreTokens(_ value: String) {
        #expect(SecretShapeTests.accepts(value, .token))
        #expect(SecretShapeTests.accepts(value, .strictToken))
    }

    /// camelCase and PascalCase identifiers, with acronyms and consonant-heavy words.
    @Test(arguments: ["refreshTokenHandler", "userProfileCacheKey", "jwtSigningKeyProvider", "PartnerFeedToken",
                      "XMLHttpRequestFactory", "sqsQueueVisibilityTimeout", "dhcpLeaseRenewal", "lldpNeighborTable",
                      "kubernetesServiceAccountToken", "getHTTPResponseCode", "smtpRelaySecretName"])
    func identifiersAreNotTokens(_ value: String) {
        #expect(!SecretShapeTests.accepts(value, .token))
    }

    @Test func engineMasksLettersOnlyTokensUnderSecretKeys() {
        let line = "GET /v1/me?access_token=qWzkVJtbHxgPcmDrfLs-TnKzwG&page=2 token=bXqvTnKzwGdHjpLcfRmPzkxWq"
        #expect(TestSupport.redact(line, with: TestSupport.builtin) == "GET /v1/me?access_token=***&page=2 token=***")
    }
}
