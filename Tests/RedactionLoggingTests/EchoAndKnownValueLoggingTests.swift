import InMemoryLogging
import Logging
import RedactionLogging
import Testing

/// Echoes and known values through the log handler: one memory per `LogRedactor`, shared by
/// every event and every thread.
@Suite struct EchoAndKnownValueLoggingTests {
    private func logger(_ memory: InMemoryLogHandler, _ redactor: LogRedactor) -> Logger {
        Logger(label: "test") { _ in RedactingLogHandler(wrapping: memory, redactor: redactor) }
    }

    /// A redactor with a `password=` rule and the `[{rule}]` template.
    private func passwordRedactor() throws -> LogRedactor {
        let rule = RedactionRule(id: "pw", regex: #"password=(\S+)"#, keywords: ["password="])
        return LogRedactor(ruleSet: try CompiledRuleSet(rules: [rule], options: .init(replacement: try ReplacementTemplate("[{rule}]"))))
    }

    @Test func aSecretMaskedInOneEventIsMaskedInLaterEvents() throws {
        let memory = InMemoryLogHandler()
        let log = logger(memory, try passwordRedactor())
        log.info("login password=Hunter2-xyz failed")
        log.info("retrying with Hunter2-xyz")
        log.info("later", metadata: ["attempt": "Hunter2-xyz", "other": "hunter2-xyz"])
        #expect(memory.entries.map(\.message.text) == ["login password=[pw] failed", "retrying with [echo]", "later"])
        #expect(memory.entries.last?.metadata == ["attempt": "[echo]", "other": "hunter2-xyz"])
    }

    @Test func aValueUnderASensitiveKeyIsMaskedInTheMessageToo() throws {
        let redactor = try Fixtures.redactor(replacement: "[{rule}]")
        let memory = InMemoryLogHandler()
        let log = logger(memory, redactor)
        log.info("login with s3cr3t-Passw0rd failed", metadata: ["password": "s3cr3t-Passw0rd"])
        log.info("second try: s3cr3t-Passw0rd")
        #expect(memory.entries.map(\.message.text) == ["login with [echo] failed", "second try: [echo]"])
        #expect(memory.entries.first?.metadata["password"] != "s3cr3t-Passw0rd")
    }

    @Test func knownValuesAreMaskedFromTheStart() throws {
        let known = try KnownValueList(["deploy-key-0042"])
        let redactor = try Fixtures.redactor(replacement: "[{rule}]", configuration: .init(knownValues: known, echoCapacity: 0))
        let memory = InMemoryLogHandler()
        logger(memory, redactor).info("using deploy-key-0042", metadata: ["note": "deploy-key-0042!"])
        #expect(memory.entries.first?.message.text == "using [known-value]")
        #expect(memory.entries.first?.metadata["note"] == "[known-value]!")
    }

    @Test func echoesCanBeTurnedOff() throws {
        let redactor = try Fixtures.redactor(replacement: "[{rule}]", configuration: .init(echoCapacity: 0))
        let memory = InMemoryLogHandler()
        let log = logger(memory, redactor)
        log.info("x", metadata: ["password": "s3cr3t-Passw0rd"])
        log.info("second try: s3cr3t-Passw0rd")
        #expect(memory.entries.last?.message.text == "second try: s3cr3t-Passw0rd")
    }

    /// Threads log secrets and their echoes at once: every echo logged after its secret is
    /// masked (the memory is shared and thread-safe; run under TSan in CI).
    @Test func theMemoryIsSharedAcrossThreads() async throws {
        let memory = InMemoryLogHandler()
        let log = logger(memory, try passwordRedactor())
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<50 {
                        log.info("login password=S\(task)-secret-\(index)")
                        log.info("echo S\(task)-secret-\(index)")
                    }
                }
            }
        }
        let messages = memory.entries.map(\.message.text)
        #expect(messages.count == 8 * 50 * 2)
        #expect(messages.filter { $0.hasPrefix("echo") }.allSatisfy { $0 == "echo [echo]" })
        #expect(!messages.contains { $0.contains("-secret-") })
    }
}
