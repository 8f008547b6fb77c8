/// The outcome of redacting one complete text with ``CompiledRuleSet/redact(_:scratch:configuration:into:)``.
public struct TextRedactionResult: Sendable, Hashable {
    /// Whether the output differs from the input. When false, nothing was written to the output.
    public var changed: Bool
    /// Masked regions.
    public var redactions: Int
    /// Lines on which the engine failed (handled per ``RedactionConfiguration/onError``).
    public var engineErrors: Int
}

extension CompiledRuleSet {
    /// Redacts a complete text that may hold several lines (a log message, a metadata value).
    ///
    /// Same rules, placeholders and line semantics as ``StreamRedactor`` (a multi-line block such
    /// as a PEM key is handled inside the text), except that no line-length limit applies: the
    /// text is already in memory.
    ///
    /// Allocation: none when nothing is redacted (given scratch from a pool); `output` is only
    /// written when the result's `changed` is true. A text in which the keyword search finds
    /// nothing costs that one search.
    ///
    /// - Parameters:
    ///   - text: the bytes to redact.
    ///   - scratch: per-thread scratch from ``makeScratch()``.
    ///   - values: echoes and known values shared across calls (a log handler's); when nil, the
    ///     call makes its own from `configuration` if it needs one (echoes then reach within
    ///     `text` only).
    ///   - output: receives the redacted text (appended) when anything changed.
    public func redact(_ text: UnsafeRawBufferPointer, scratch: ScanScratch,
                       configuration: RedactionConfiguration = RedactionConfiguration(),
                       values: ValueMemory? = nil, into output: inout [UInt8]) -> TextRedactionResult {
        // Most texts hold no keyword: one search decides that, without building a redactor.
        guard mayRedact(text, configuration: configuration, values: values) else {
            return TextRedactionResult(changed: false, redactions: 0, engineErrors: 0)
        }
        var core = LineRedactor(ruleSet: self, scratch: scratch, configuration: configuration, values: values)
        core.countsPerRule = false  // only the total is reported
        var sink = AppendingSink(output: output)
        output = []  // hand the storage to the sink without copying
        defer { output = sink.output }
        // AppendingSink never throws.
        let changed = (try? core.process(text, isFinal: true, emitUnchanged: false, into: &sink))?.changed ?? false
        return TextRedactionResult(changed: changed, redactions: core.redactionCount,
                                   engineErrors: core.counts.engineErrors.values.reduce(0, +))
    }

    /// Whether ``redact(_:scratch:configuration:values:into:)`` might change `text`. False means it
    /// certainly would not (no keyword of any rule occurs in it, and the configuration does not
    /// force a scan of every line), so a caller may pass the text on as is.
    ///
    /// One search for keywords (and the values of `values`) over `text`: no scratch, no
    /// allocation, safe from any thread. This is the cheap test a log handler runs on every value
    /// of every event.
    public func mayRedact(_ text: UnsafeRawBufferPointer,
                          configuration: RedactionConfiguration = RedactionConfiguration(),
                          values: ValueMemory? = nil) -> Bool {
        withMayRedact(configuration: configuration, values: values) { $0(text) }
    }

    /// Runs `body` with a test that answers ``mayRedact(_:configuration:values:)`` for any
    /// number of texts, taking `values`' lock once for all of them (a log event's message and
    /// metadata values in one go). Allocates nothing; safe from any thread.
    ///
    /// `body` must not change `values` (remember or forget a value) while it runs: that takes
    /// the lock the test holds, and would wait forever.
    public func withMayRedact<T>(configuration: RedactionConfiguration = RedactionConfiguration(),
                                 values: ValueMemory? = nil,
                                 _ body: (_ mayRedact: (UnsafeRawBufferPointer) -> Bool) -> T) -> T {
        func run(_ overlay: ValueOverlay?) -> T {
            body { text in
                LineRedactor.mayChange(text, ruleSet: self, configuration: configuration, overlay: overlay,
                                       hasMemory: values != nil)
            }
        }
        guard let values else { return run(nil) }
        return values.withHeldValues(run)
    }

    /// Redacts a string (convenience; allocates a scratch per call). Prefer a ``StreamRedactor``
    /// for streams and a scratch pool for hot paths.
    public func redact(_ text: String) -> String {
        var copy = text
        let scratch = makeScratch()
        var output: [UInt8] = []
        let result = copy.withUTF8 { redact(UnsafeRawBufferPointer($0), scratch: scratch, into: &output) }
        return result.changed ? String(decoding: output, as: UTF8.self) : text
    }
}

/// Appends to a byte array it owns.
private struct AppendingSink: RedactionSink {
    var output: [UInt8]
    mutating func write(_ bytes: UnsafeRawBufferPointer) { output.append(contentsOf: bytes) }
}
