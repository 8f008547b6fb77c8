/// Stands in for a `LogEvent.error` whose text had to be redacted.
///
/// ``RedactingLogHandler`` renders the error as `String(describing:)` does (the text swift-log's
/// `StreamLogHandler` prints as `error.message`), redacts that text, and, when anything was
/// masked, forwards this value instead of the original error, so the wrapped handler can only
/// see the redacted text. Errors whose text is clean are forwarded unchanged.
///
/// Downstream, `String(reflecting: type(of: error))` (StreamLogHandler's `error.type`) names
/// this type; the original type's name is in ``originalTypeName``.
public struct RedactedError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The redacted text of the original error.
    public let description: String
    /// `String(reflecting:)` of the original error's type, e.g. `MyModule.UpstreamError`.
    public let originalTypeName: String

    /// - Parameters:
    ///   - description: the redacted text.
    ///   - originalTypeName: the original error type's name.
    public init(description: String, originalTypeName: String) {
        self.description = description
        self.originalTypeName = originalTypeName
    }
}
