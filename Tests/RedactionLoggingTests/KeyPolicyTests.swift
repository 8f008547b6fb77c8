import InMemoryLogging
import Logging
import RedactionLogging
import Testing

/// Key lists (sensitive keys) and deny-by-default mode.
@Suite struct KeyPolicyTests {
    let secret = Fixtures.canary(21)

    private func log(_ metadata: Logger.Metadata, handlerMetadata: Logger.Metadata = [:],
                     provided: Logger.Metadata = [:],
                     configuration: LogRedactor.Configuration = .init()) throws -> (Logger.Metadata, LogRedactor) {
        let redactor = try Fixtures.redactor(configuration: configuration)
        var memory = InMemoryLogHandler()
        if !provided.isEmpty { memory.metadataProvider = Logger.MetadataProvider { provided } }
        var logger = Logger(label: "k") { _ in RedactingLogHandler(wrapping: memory, redactor: redactor) }
        for (key, value) in handlerMetadata { logger[metadataKey: key] = value }
        logger.info("m", metadata: metadata)
        return (memory.entries.last?.metadata ?? [:], redactor)
    }

    @Test(arguments: [
        "password", "Password", "PASSWORD", "passwd", "pwd", "secret", "token", "api_key", "API-KEY", "apiKey",
        "x-api-key", "access_token", "refresh_token", "authorization", "Authorization", "cookie", "Set-Cookie",
        "set_cookie", "private_key", "client_secret", "db_password", "github_token", "X-Auth-Token", "api.key",
    ])
    func defaultSensitiveKeysAreMaskedWhole(key: String) throws {
        let (metadata, redactor) = try log([key: "anything at all, no secret pattern"])
        #expect(metadata[key] == "***")
        #expect(redactor.counters.snapshot.maskedBySensitiveKey == 1)
    }

    @Test(arguments: ["user", "request_id", "path", "tokens_used", "password_policy", "status"])
    func otherKeysAreScannedOnly(key: String) throws {
        let (metadata, _) = try log([key: "plain value"])
        #expect(metadata[key] == "plain value")
    }

    @Test func keyMatchingIgnoresCaseDashesAndUnderscores() {
        let keys = SensitiveKeys(["api_key"])
        for key in ["api_key", "API_KEY", "api-key", "ApiKey", "a-p-i_k.e.y", "x_api_key"] {
            #expect(keys.matches(key), "\(key)")
        }
        #expect(!keys.matches("apikeys"))
        #expect(!keys.matches(""))
        #expect(!keys.matches("---"))
        let exact = SensitiveKeys(["api_key"], matching: .exact)
        #expect(exact.matches("API-Key"))
        #expect(!exact.matches("x_api_key"))
    }

    /// Okta's `externalSessionId` ends in `session_id` but is a correlation id (every System Log
    /// event carries it): suffix matching keeps it; an exact list that names it masks it.
    @Test func knownIdentifierKeysAreNotSuffixMatches() {
        #expect(!SensitiveKeys.default.matches("externalSessionId"))
        #expect(!SensitiveKeys.default.matches("external_session_id"))
        #expect(SensitiveKeys.default.matches("session_id"))
        #expect(SensitiveKeys.default.matches("okta_session_id"))
        #expect(SensitiveKeys(["externalSessionId"], matching: .exact).matches("externalSessionId"))
    }

    @Test func containersUnderSensitiveKeysAreMaskedWhole() throws {
        let (metadata, _) = try log([
            "credentials": ["user": "u", "pass": "p"],
            "cookie": ["a=1", "b=2"],
            "request": ["headers": ["Authorization": "Basic dXNlcjpwYXNz", "Accept": "*/*"]],
        ])
        #expect(metadata["credentials"] == "***")
        #expect(metadata["cookie"] == "***")
        #expect(metadata["request"] == ["headers": ["Authorization": "***", "Accept": "*/*"]])
    }

    @Test func theListIsConfigurable() throws {
        let custom = LogRedactor.Configuration(sensitiveKeys: ["ssn", "card-number"])
        let (metadata, _) = try log(["SSN": "123-45-6789", "cardNumber": "4111", "password": "shown"],
                                    configuration: custom)
        #expect(metadata == ["SSN": "***", "cardNumber": "***", "password": "shown"])

        let extended = LogRedactor.Configuration(sensitiveKeys: SensitiveKeys.default.adding(["ssn"]).removing(["pwd"]))
        let (more, _) = try log(["ssn": "1", "password": "2", "pwd": "3"], configuration: extended)
        #expect(more == ["ssn": "***", "password": "***", "pwd": "3"])

        let none = LogRedactor.Configuration(sensitiveKeys: .none)
        let (unmasked, _) = try log(["password": "hunter2", "token": "t \(secret)"], configuration: none)
        #expect(unmasked == ["password": "hunter2", "token": "t ***"])
    }

    @Test func sensitiveKeysApplyToHandlerAndProviderMetadata() throws {
        let (metadata, _) = try log([:], handlerMetadata: ["session_id": "abc"], provided: ["x-api-key": "k"])
        #expect(metadata == ["session_id": "***", "x-api-key": "***"])
    }

    // MARK: deny-by-default

    @Test func denyByDefaultMasksEveryKeyNotAllowed() throws {
        let configuration = LogRedactor.Configuration(mode: .denyByDefault(allowing: ["user", "request_id", "password"]))
        let (metadata, redactor) = try log(
            ["user": "u \(secret)", "Request-ID": "r1", "email": "alice@example.com", "nested": ["user": "x"],
             "password": "allowed but sensitive"],
            handlerMetadata: ["region": "eu"],
            provided: ["trace": "t1", "user": "provided-user"],
            configuration: configuration)
        #expect(metadata["user"] == "u ***")  // allowed: still scanned
        #expect(metadata["Request-ID"] == "r1")  // allowed after normalising
        #expect(metadata["email"] == "***")
        #expect(metadata["nested"] == "***")
        #expect(metadata["password"] == "***")  // a sensitive key stays masked
        #expect(metadata["region"] == "***")  // handler metadata
        #expect(metadata["trace"] == "***")  // provider metadata
        #expect(redactor.counters.snapshot.maskedByDenyMode >= 4)
        #expect(configuration.mode.isDenyByDefault)
        #expect(configuration.mode.allowedKeyNames == ["user", "request_id", "password"])
    }

    @Test func denyByDefaultKeepsTheMessageAndScansNestedKeys() throws {
        let redactor = try Fixtures.redactor(configuration: .init(mode: .denyByDefault(allowing: ["request"])))
        let memory = InMemoryLogHandler()
        Logger(label: "d") { _ in RedactingLogHandler(wrapping: memory, redactor: redactor) }
            .info("hello \(secret)", metadata: ["request": ["path": "/x", "token": "t"]])
        #expect(memory.entries.first?.message == "hello ***")
        #expect(memory.entries.first?.metadata["request"] == ["path": "/x", "token": "***"])
    }
}
