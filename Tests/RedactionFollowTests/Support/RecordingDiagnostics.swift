import Redaction
import RedactionFollow

/// ``FollowDiagnostics`` that records every message (tests assert on them and on the absence of
/// secrets in them).
final class RecordingDiagnostics: FollowDiagnostics {
    private(set) var warnings: [String] = []
    private(set) var notes: [String] = []
    private(set) var statisticsReports: [String] = []
    private(set) var engineFailures = 0
    let isDebugEnabled = true
    private(set) var debugLines: [String] = []

    func warning(_ message: String) { warnings.append(message) }
    func note(_ message: String) { notes.append(message) }
    func debug(_ message: String) { debugLines.append(message) }
    func checkEngineFailures(of redactor: StreamRedactor, source: String) { engineFailures = max(engineFailures, redactor.engineErrorCount) }
    func statistics(_ text: String) { statisticsReports.append(text) }

    /// Every message, for leak checks.
    var everything: String { (warnings + notes + debugLines + statisticsReports).joined(separator: "\n") }

    func clear() {
        warnings = []
        notes = []
    }
}
