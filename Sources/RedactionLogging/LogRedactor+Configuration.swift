extension LogRedactor {
    /// What a ``LogRedactor`` does besides running the rules: key lists, mode and markers.
    public struct Configuration: Sendable {
        /// Keys whose values are masked whole, at every depth. Default ``SensitiveKeys/default``.
        public var sensitiveKeys: SensitiveKeys
        /// ``RedactionMode/scanAll`` (default) or ``RedactionMode/denyByDefault(allowing:)``.
        public var mode: RedactionMode
        /// Whether `LogEvent.source` is scanned too (default `true`). The source is normally a
        /// module name, but a call site may pass any string.
        public var redactsSource: Bool
        /// Replaces a whole message, value, source or error text on which the engine failed.
        /// The default is the engine's own marker, `[REDACTED:engine-error]`.
        public var engineErrorMarker: String
        /// Secrets known in advance, masked as exact strings wherever they occur (rule id
        /// `known-value`). The list may change while the redactor runs.
        public var knownValues: KnownValueList?
        /// Distinct secrets the redactor remembers, across all the events it redacts, to mask
        /// their other occurrences (rule id `echo`); 0 turns echoes off. Default
        /// ``ValueMemory/defaultEchoCapacity`` (1,024).
        public var echoCapacity: Int

        /// - Parameters:
        ///   - sensitiveKeys: keys whose values are masked whole.
        ///   - mode: scan everything, or mask every top-level key not on an allow-list.
        ///   - redactsSource: scan `LogEvent.source`.
        ///   - engineErrorMarker: text for values the engine failed on.
        ///   - knownValues: secrets to mask wherever they occur.
        ///   - echoCapacity: secrets remembered to mask their echoes (0: off).
        public init(sensitiveKeys: SensitiveKeys = .default, mode: RedactionMode = .scanAll,
                    redactsSource: Bool = true, engineErrorMarker: String = "[REDACTED:engine-error]",
                    knownValues: KnownValueList? = nil, echoCapacity: Int = ValueMemory.defaultEchoCapacity) {
            self.sensitiveKeys = sensitiveKeys
            self.mode = mode
            self.redactsSource = redactsSource
            self.engineErrorMarker = engineErrorMarker
            self.knownValues = knownValues
            self.echoCapacity = max(0, echoCapacity)
        }
    }
}

/// Which metadata values are scanned and which are masked without looking.
///
/// - ``scanAll``: every value is scanned by the rules (values under sensitive keys, and values
///   marked ``Sensitivity/sensitive``, are masked whole; values marked ``Sensitivity/public`` pass).
/// - ``denyByDefault(allowing:)``: only the listed top-level keys keep their values, and those
///   values are still scanned; the value of every other top-level key (per-statement, handler
///   and provider metadata alike) is masked whole. Keys compare like ``SensitiveKeys`` with
///   ``SensitiveKeys/Matching/exact``: case-insensitive, ignoring `-`, `_` and `.`. Keys nested
///   inside an allowed value are not filtered by the allow-list (sensitive keys still apply).
///   A sensitive key on the allow-list is still masked.
///
/// The message, the source and the error text are scanned in both modes.
public struct RedactionMode: Sendable, Hashable, CustomStringConvertible {
    /// `nil`: scan all.
    let allowedKeys: SensitiveKeys?

    /// Scan every value (the default).
    public static let scanAll = RedactionMode(allowedKeys: nil)

    /// Mask every top-level metadata value whose key is not in `keys`; scan the allowed ones.
    public static func denyByDefault(allowing keys: [String]) -> RedactionMode {
        RedactionMode(allowedKeys: SensitiveKeys(keys, matching: .exact))
    }

    /// Whether this is deny-by-default mode.
    public var isDenyByDefault: Bool { allowedKeys != nil }

    /// The allowed keys in deny-by-default mode (empty in scan-all mode).
    public var allowedKeyNames: [String] { allowedKeys?.names ?? [] }

    /// `scanAll` or `denyByDefault(allowing: [...])`.
    public var description: String {
        guard let allowedKeys else { return "scanAll" }
        return "denyByDefault(allowing: \(allowedKeys.names))"
    }
}
