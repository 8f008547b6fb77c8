import Redaction
import RedactionFollow
import RedactionPipelines

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `follow`'s diagnostics on stderr: `redact: warning: ...`, `redact: note: ...`, debug lines
/// with `REDACT_FOLLOW_DEBUG=1`, engine failures rate-limited per followed name
/// (``EngineWarnings``), and the statistics text as it is.
final class StandardErrorDiagnostics: FollowDiagnostics {
    let isDebugEnabled = getenv("REDACT_FOLLOW_DEBUG") != nil
    /// Per followed name: the redactor last reported on and its rate limiter (a new redactor,
    /// after a rotation, starts a new count).
    private var engineWarnings: [String: (redactor: ObjectIdentifier, warnings: EngineWarnings)] = [:]

    func warning(_ message: String) { StandardError.write("redact: warning: \(message)") }

    func note(_ message: String) { StandardError.write("redact: note: \(message)") }

    func debug(_ message: String) { StandardError.write("redact: debug: \(message)") }

    func checkEngineFailures(of redactor: StreamRedactor, source: String) {
        guard redactor.engineErrorCount > 0 else { return }
        let identity = ObjectIdentifier(redactor)
        var entry = engineWarnings[source].flatMap { $0.redactor == identity ? $0 : nil }
            ?? (redactor: identity, warnings: EngineWarnings())
        entry.warnings.check(redactor, input: source)
        engineWarnings[source] = entry
    }

    func statistics(_ text: String) { StandardError.write(text) }
}
