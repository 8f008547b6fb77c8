import Testing
@testable import Redaction

/// Identifiers the token shapes keep, found by the service-mention traps.
@Suite struct SecretShapeIdentifierTests {
    @Test(arguments: ["expires_at=2024-05-01T10:30:00Z", "ttl=300s", "scope=read.write"])
    func assignmentsAreNotTokens(_ value: String) {
        #expect(!SecretShapeTests.accepts(value, .token))
        #expect(!SecretShapeTests.accepts(value, .strictToken))
    }

    @Test(arguments: ["cus_Q3xk9LmZP2vTaB", "evt_1NlXb2Lq8zRtYpWk", "pi_3OqWe9Lk2JhGf4Ds", "stripe:customer:cus_Q3xk9LmZP2vTaB",
                      "session:v2:Ab12Cd34Ef56Gh78"])
    func objectIDsAndNamespacedKeysAreNotStrictTokens(_ value: String) {
        #expect(!SecretShapeTests.accepts(value, .strictToken))
    }

    @Test(arguments: ["sk_live_4eC39HqLyjWDarjtT1zdp7dc", "whsec_8fK2mQ9xL4vR7tZ1pW3n", "abcDEF123ghiJKL456mno=",
                      "Xk7mQ2pL9wRt5vBn3cZa"])
    func secretPrefixesAndPaddedBase64StayTokens(_ value: String) {
        #expect(SecretShapeTests.accepts(value, .strictToken))
    }
}
