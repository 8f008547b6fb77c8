public import Logging

/// A `LogHandler` that redacts secrets from every log event before passing it to the handler it
/// wraps, so a secret never reaches stdout, a file or a log shipper.
///
/// ```swift
/// LoggingSystem.bootstrap { label in
///     RedactingLogHandler(wrapping: StreamLogHandler.standardOutput(label: label))
/// }
/// let logger = Logger(label: "api")
/// logger.info("calling upstream", metadata: ["authorization": "Bearer eyJ...", "user": "42"])
/// // ... authorization=*** user=42 ... calling upstream
/// ```
///
/// It wraps any other handler the way `MultiplexLogHandler` does and uses the same engine, rule
/// packs and placeholders as the `redact` CLI (see ``LogRedactor`` for what is redacted and how).
///
/// ### What reaches the wrapped handler
/// - **Per-statement metadata, the message, the source and the error text**: redacted on every
///   event, in ``log(event:)``. An error whose text had a secret is replaced by a
///   ``RedactedError`` carrying the redacted text.
/// - **Handler metadata** (`logger[metadataKey:] = ...`, ``metadata``, and metadata the wrapped
///   handler already had): redacted once, when it is set, and stored redacted in the wrapped
///   handler. Reading it back returns the redacted values.
/// - **Metadata provider values**: the wrapped handler's provider is replaced by one that redacts
///   what the original returns, so the wrapped handler keeps its own merge order (for
///   `StreamLogHandler`: handler metadata, then provider, then per-statement metadata).
///   ``metadataProvider`` returns the original, unwrapped provider.
///
/// ### Limits
/// - Only what flows through this handler is protected. In
///   `MultiplexLogHandler([RedactingLogHandler(wrapping: a), b])` the branch `b` receives the
///   original, unredacted event: wrap every branch, or wrap the multiplexer.
/// - Metadata that the wrapped handler gets by other means than its ``metadataProvider`` (for
///   example the provider a `MultiplexLogHandler` was *initialised* with, which it does not expose
///   for replacement) is not seen by this handler. Wrap the leaves in that case.
/// - `logLevel` and `metadata` are forwarded: the wrapped handler decides both.
///
/// ### Value semantics
/// A struct: copying it copies the wrapped handler's configuration (log level, metadata,
/// provider); changing one copy never affects another. The ``redactor`` is a shared reference,
/// like a destination: copies share rules, scratch pool and counters.
///
/// ### Errors and thread safety
/// ``log(event:)`` never throws and never crashes on engine failures: a value the engine fails on
/// is masked whole and counted in ``LogRedactor/counters``. Safe to use from any number of
/// threads; see ``LogRedactor`` for how scratch space is shared.
public struct RedactingLogHandler: LogHandler {
    /// The handler that receives the redacted events.
    public private(set) var wrapped: any LogHandler
    /// The rules, key lists, mode and counters (shared between copies).
    public let redactor: LogRedactor
    /// The provider as set by the user, before wrapping.
    private var originalMetadataProvider: Logger.MetadataProvider?

    /// Wraps `handler` with the default, process-wide ``LogRedactor/shared`` redactor (the
    /// built-in rules, compiled once and shared by all handlers). Does not throw.
    ///
    /// The wrapped handler's current metadata is redacted now and its metadata provider is
    /// replaced by a redacting one.
    ///
    /// - Parameter handler: the handler that receives the redacted events.
    public init(wrapping handler: any LogHandler) {
        self.init(wrapping: handler, redactor: .shared)
    }

    /// Wraps `handler` with `redactor` (custom rules, template, `{hash}` key, key lists, mode).
    ///
    /// Make the redactor once and pass it to every handler: creating a ``LogRedactor`` compiles
    /// its rules.
    ///
    /// - Parameters:
    ///   - handler: the handler that receives the redacted events.
    ///   - redactor: what to redact and how.
    public init(wrapping handler: any LogHandler, redactor: LogRedactor) {
        var handler = handler
        self.redactor = redactor
        let metadata = handler.metadata
        if !metadata.isEmpty {
            handler.metadata = redactor.redact(metadata: metadata)
        }
        let provider = handler.metadataProvider
        if let provider {
            handler.metadataProvider = redactor.redacting(provider)
        }
        originalMetadataProvider = provider
        wrapped = handler
    }

    /// Redacts `event` (message, metadata, source, error text) and forwards it to the wrapped
    /// handler. Never throws; see ``LogRedactor`` for failure handling.
    public func log(event: LogEvent) {
        var event = event
        redactor.redact(&event)
        wrapped.log(event: event)
    }

    /// The wrapped handler's log level.
    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    /// The wrapped handler's metadata, as stored: redacted when it was set.
    ///
    /// Setting redacts every value not already stored unchanged, then stores the result in the
    /// wrapped handler.
    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = redactor.redact(handlerMetadata: newValue, current: wrapped.metadata) }
    }

    /// One handler metadata entry of the wrapped handler, redacted when it was set.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set {
            guard let newValue else {
                wrapped[metadataKey: key] = nil
                return
            }
            if let current = wrapped[metadataKey: key], current == newValue { return }
            wrapped[metadataKey: key] = redactor.redact(value: newValue, forKey: key)
        }
    }

    /// The metadata provider, as set (unredacted). The wrapped handler holds a redacting wrapper
    /// around it, made once when it is set.
    public var metadataProvider: Logger.MetadataProvider? {
        get { originalMetadataProvider }
        set {
            originalMetadataProvider = newValue
            wrapped.metadataProvider = newValue.map { redactor.redacting($0) }
        }
    }
}
