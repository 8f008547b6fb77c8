public import Redaction

/// Where `follow` reports what an operator should know. Messages name paths, identities,
/// offsets, rule ids and counts, never log content.
///
/// The command writes them to stderr (`redact: warning: follow: ...`); tests record them.
public protocol FollowDiagnostics: AnyObject {
    /// Something is wrong or data may be lost or duplicated (a corrupt checkpoint, an unreadable
    /// file, a refused symlink, a missing path).
    func warning(_ message: String)

    /// Something worth knowing that needs no action (a truncation, a path that appeared).
    func note(_ message: String)

    /// Whether ``debug(_:)`` messages are wanted (`REDACT_FOLLOW_DEBUG=1`).
    var isDebugEnabled: Bool { get }

    /// Decisions (names, identities, offsets) for debugging.
    func debug(_ message: String)

    /// Called after `redactor` processed input from `source`; reports new engine failures
    /// (rate-limited by the implementation).
    func checkEngineFailures(of redactor: StreamRedactor, source: String)

    /// The statistics text requested by ``FollowControl/takeStatisticsRequest()`` or at exit.
    func statistics(_ text: String)
}
