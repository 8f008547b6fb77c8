import Redaction
import RedactionFollow

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
    private var engineWarnings: [String: EngineWarnings] = [:]

    func warning(_ message: String) { StandardError.write("redact: warning: \(message)") }

    func note(_ message: String) { StandardError.write("redact: note: \(message)") }

    func debug(_ message: String) { StandardError.write("redact: debug: \(message)") }

    func checkEngineFailures(of redactor: StreamRedactor, source: String) {
        guard redactor.engineErrorCount > 0 else { return }
        engineWarnings[source, default: EngineWarnings()].check(redactor, input: source)
    }

    func statistics(_ text: String) { StandardError.write(text) }
}
