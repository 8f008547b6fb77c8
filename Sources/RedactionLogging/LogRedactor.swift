public import Logging
public import Redaction

/// The shared, thread-safe redactor behind ``RedactingLogHandler``: a compiled rule set, the key
/// lists and mode, a pool of engine scratch space, and counters.
///
/// Create one per process (or per configuration) and share it between all handlers: compiling
/// the rules is the expensive part and happens once, in the initialiser. ``shared`` is the
/// default one, with the built-in rules.
///
/// ```swift
/// let redactor = try LogRedactor(
///     replacement: try ReplacementTemplate("[{rule}:{hash}]"),
///     hashKey: try HashKey(bytes: keyBytes),
///     configuration: .init(sensitiveKeys: SensitiveKeys.default.adding(["ssn"])))
/// LoggingSystem.bootstrap { label in
///     RedactingLogHandler(wrapping: StreamLogHandler.standardOutput(label: label), redactor: redactor)
/// }
/// ```
///
/// ## What is redacted
/// The message; every metadata value, recursively through `.string`, `.stringConvertible`
/// (its `description`), `.array` and `.dictionary`; the source (unless turned off); and the text
/// of `LogEvent.error`. A value under a sensitive key, a value marked ``Sensitivity/sensitive``
/// and, in deny-by-default mode, a value under a key not allowed are replaced whole by the rule
/// set's replacement template (rule id `sensitive-key`, `sensitive` or `not-allowed`); anything
/// else is scanned by the rules and only the secrets in it are replaced, exactly as the `redact`
/// CLI does with the same rule set, template and `{hash}` key.
///
/// ## Errors
/// Nothing here throws after initialisation. When the engine fails on a text (a match limit
/// hit, JIT stack exhausted), the *whole* message, value, source or error text is replaced by
/// ``Configuration/engineErrorMarker`` and counted in ``counters`` (fail closed). If the built-in
/// rules of ``shared`` cannot be loaded, every scanned text is masked that way (see
/// ``loadError``).
///
/// ## Echoes and known values
/// One ``ValueMemory`` is shared by every event the redactor handles: a secret masked in one
/// event (by a rule, or whole under a sensitive key or ``Sensitivity/sensitive``) is masked
/// wherever it occurs in later events, and in the rest of the same event (metadata is redacted
/// before the message). The last ``Configuration/echoCapacity`` secrets are kept (rule id `echo`);
/// ``Configuration/knownValues`` are masked from the start (rule id `known-value`), and so are
/// values announced by `::add-mask::VALUE` in a logged text. Values are kept in memory only.
///
/// ## Thread safety
/// Immutable after `init` and `Sendable`. The compiled patterns are shared; each thread that has
/// a text to scan borrows its own PCRE2 scratch from a pool guarded by a lock that is held only
/// to take or return a slot, never while matching. The value memory takes a read lock for the
/// keyword search of a text and a write lock to add or evict a value, never while matching a rule.
///
/// ## Cost
/// With nothing to redact, redacting an event allocates nothing: each text is checked in place
/// (`withContiguousStorageIfAvailable`) by one search for the rules' keywords and the value
/// memory's values, under its read lock (``CompiledRuleSet/mayRedact(_:configuration:values:)``), and only a text holding one borrows scratch
/// space and goes through the engine; metadata dictionaries are only rebuilt when a value
/// changed, and counters are only written when something was masked. (Reading `LogEvent.source`
/// may allocate the module name when it is longer than 15 bytes; the redactor stores it back into
/// the event, so a wrapped handler that prints the source, as `StreamLogHandler` does, does not
/// compute it again.)
///
/// ## Design rationale
/// A `.stringConvertible` value or an error whose text is clean is forwarded unchanged, so the
/// wrapped handler renders its `description` again. This assumes `description` returns the same
/// text each time; a type whose description varies between calls can defeat any redacting
/// handler that does not replace every value.
public final class LogRedactor: Sendable {
    /// The compiled rules; `nil` only when ``shared`` could not load the built-in rules.
    public let ruleSet: CompiledRuleSet?
    /// Key lists, mode and markers.
    public let configuration: Configuration
    /// What was masked so far.
    public let counters: RedactionCounters
    /// Why the built-in rules could not be loaded (``shared`` only); everything scanned is then
    /// masked.
    public let loadError: RuleLoadError?

    private let pool: ScratchPool?
    let engineConfiguration: RedactionConfiguration
    let masks: MaskRenderer
    /// Echoes and known values, shared by every event (nil when both are off).
    let values: ValueMemory?

    /// The default redactor: the built-in rules with the `***` template, ``SensitiveKeys/default``,
    /// scan-all mode. Compiled once per process, on first use.
    ///
    /// Never fails: if the built-in rules cannot be compiled (a build defect), every scanned text
    /// is masked with the engine-error marker and ``loadError`` says why.
    public static let shared: LogRedactor = {
        do throws(RuleLoadError) {
            return try LogRedactor()
        } catch {
            return LogRedactor(unavailable: error)
        }
    }()

    /// A redactor over an already compiled rule set (its template and `{hash}` key are used for
    /// whole-value masks too).
    ///
    /// - Parameters:
    ///   - ruleSet: the rules; share one set between redactors when you can.
    ///   - configuration: key lists, mode, markers.
    ///   - counters: where to count; pass one instance to several redactors to sum them.
    public init(ruleSet: CompiledRuleSet, configuration: Configuration = Configuration(),
                counters: RedactionCounters = RedactionCounters()) {
        self.ruleSet = ruleSet
        self.configuration = configuration
        self.counters = counters
        self.loadError = nil
        pool = ScratchPool(ruleSet: ruleSet)
        engineConfiguration = LogRedactor.engineConfiguration(configuration)
        masks = MaskRenderer(template: ruleSet.options.replacement, hashKey: ruleSet.options.hashKey)
        values = configuration.echoCapacity > 0 || configuration.knownValues != nil
            ? ValueMemory(for: ruleSet, echoCapacity: configuration.echoCapacity, knownValues: configuration.knownValues)
            : nil
    }

    /// A redactor over the built-in rules (the same as the CLI's default rule set), plus `rules`.
    ///
    /// - Parameters:
    ///   - replacement: the template for masked regions and masked values (`{rule}`, `{len}`, `{hash}`).
    ///   - hashKey: required when the template uses `{hash}`; the CLI given the same key writes
    ///     the same fingerprints.
    ///   - limits: PCRE2 limits; a match that hits one fails closed.
    ///   - rules: additional in-memory rules, compiled after the built-in ones.
    ///   - configuration: key lists, mode, markers.
    ///   - counters: where to count.
    /// - Throws: ``RuleLoadError`` when a rule does not compile or the template needs a key.
    public convenience init(replacement: ReplacementTemplate = .default, hashKey: HashKey? = nil,
                            limits: MatchLimits = .default, rules: [RedactionRule] = [],
                            configuration: Configuration = Configuration(),
                            counters: RedactionCounters = RedactionCounters()) throws(RuleLoadError) {
        let builder = try RuleSetBuilder(includeBuiltin: true)
        let options = CompiledRuleSet.Options(replacement: replacement, hashKey: hashKey, limits: limits)
        let ruleSet = try CompiledRuleSet(rules: try builder.selectedRules() + rules,
                                          allowlists: builder.globalAllowlists, options: options)
        self.init(ruleSet: ruleSet, configuration: configuration, counters: counters)
    }

    /// The fail-closed redactor used when the built-in rules cannot be loaded.
    private init(unavailable error: RuleLoadError) {
        ruleSet = nil
        configuration = Configuration()
        counters = RedactionCounters()
        loadError = error
        pool = nil
        engineConfiguration = LogRedactor.engineConfiguration(configuration)
        masks = MaskRenderer(template: .default, hashKey: nil)
        values = nil
    }

    private static func engineConfiguration(_ configuration: Configuration) -> RedactionConfiguration {
        // Built once: making a RedactionConfiguration allocates its marker bytes.
        var engine = RedactionConfiguration(onError: .mask)
        engine.engineErrorMarker = configuration.engineErrorMarker
        engine.echoCapacity = configuration.echoCapacity
        engine.knownValues = configuration.knownValues
        return engine
    }

    // MARK: - Public entry points

    /// Redacts every part of `event` in place: message, metadata (recursively), source (unless
    /// turned off) and error text. Handler-level and provider metadata are not part of an event;
    /// ``RedactingLogHandler`` redacts those where they are set and provided.
    ///
    /// Never throws; engine failures mask the whole affected text and are counted.
    public func redact(_ event: inout LogEvent) {
        // The source is derived once (from the file name) and stored back either way: the wrapped
        // handler then reads it instead of deriving it again.
        let source = configuration.redactsSource ? event.source : nil
        // Most events are clean: one pass over every text, under one lock, decides that.
        if isClean(event, source: source) {
            if let source { event.source = source }
            return
        }
        var work = Work(pool: pool)
        defer { finish(&work) }

        // Metadata first: a secret masked whole there (a sensitive key) is then masked in the
        // message too (see "Echoes and known values").
        if let metadata = event.metadata, !metadata.isEmpty, let redacted = redact(metadata, topLevel: true, &work) {
            event.metadata = redacted
        }
        let message = event.message.description
        if let redacted = scan(message, &work) {
            event.message = Logger.Message(stringLiteral: redacted)
        }
        if let source {
            event.source = scan(source, &work) ?? source
        }
        if let error = event.error {
            let text = String(describing: error)
            if let redacted = scan(text, &work) {
                event.error = RedactedError(description: redacted, originalTypeName: String(reflecting: type(of: error)))
            }
        }
    }

    /// Redacts a metadata dictionary as top-level metadata (keys checked against the sensitive
    /// keys and, in deny-by-default mode, the allow-list; values scanned recursively).
    ///
    /// Returns `metadata` itself (no copy) when nothing changed. Never throws.
    public func redact(metadata: Logger.Metadata) -> Logger.Metadata {
        guard !metadata.isEmpty else { return metadata }
        var work = Work(pool: pool)
        defer { finish(&work) }
        return redact(metadata, topLevel: true, &work) ?? metadata
    }

    /// Redacts one top-level metadata entry: `nil` stays `nil`.
    ///
    /// Never throws.
    public func redact(value: Logger.MetadataValue?, forKey key: String) -> Logger.MetadataValue? {
        guard let value else { return nil }
        var work = Work(pool: pool)
        defer { finish(&work) }
        return redact(entry: value, key: key, topLevel: true, &work) ?? value
    }

    /// Redacts a text with the rules (no key logic applies). Returns `text` itself when clean;
    /// the engine-error marker when the engine failed on it. Never throws.
    public func redact(_ text: String) -> String {
        var work = Work(pool: pool)
        defer { finish(&work) }
        return scan(text, &work) ?? text
    }

    /// A provider that returns `provider`'s metadata redacted as top-level metadata.
    ///
    /// The wrapping closure is made once, here; calling it allocates nothing beyond what
    /// `provider` does when its metadata is clean.
    public func redacting(_ provider: Logger.MetadataProvider) -> Logger.MetadataProvider {
        Logger.MetadataProvider { [self] in
            redact(metadata: provider.get())
        }
    }

    /// Redacts handler-level metadata being stored as `new`, skipping values equal to those
    /// already stored in `current` (which were redacted when they were stored), so masking
    /// twice never re-masks a placeholder.
    func redact(handlerMetadata new: Logger.Metadata, current: Logger.Metadata) -> Logger.Metadata {
        guard !new.isEmpty else { return new }
        var work = Work(pool: pool)
        defer { finish(&work) }
        var result: Logger.Metadata?
        for (key, value) in new where current[key] != value {
            if let redacted = redact(entry: value, key: key, topLevel: true, &work) {
                if result == nil { result = new }
                result?[key] = redacted
            }
        }
        return result ?? new
    }

    // MARK: - The work

    /// One unit of work: a scratch slot, borrowed from the pool only when a text needs the engine
    /// (clean texts are passed by the keyword search alone), and a tally.
    struct Work {
        let pool: ScratchPool?
        private(set) var slot: ScratchPool.Slot?
        var tally = Tally()

        init(pool: ScratchPool?) {
            self.pool = pool
        }

        /// The slot of this unit of work, taken on first use; nil only without a pool (no rules).
        mutating func borrow() -> ScratchPool.Slot? {
            if slot == nil { slot = pool?.take() }
            return slot
        }
    }

    private func finish(_ work: inout Work) {
        if let slot = work.slot { pool?.give(slot) }
        counters.add(work.tally)
    }

    /// Scans `text` with the rules.
    /// - Returns: `nil` when nothing is to be masked (the text passes as is); otherwise the
    ///   redacted text, or the engine-error marker when the engine failed anywhere in it.
    func scan(_ text: String, _ work: inout Work) -> String? {
        if text.isEmpty { return nil }
        let engine = engineConfiguration
        let values = values
        // The cheap test first: most texts hold no keyword, and then need neither scratch nor engine.
        if let ruleSet, let mayChange = text.utf8.withContiguousStorageIfAvailable({
            ruleSet.mayRedact(UnsafeRawBufferPointer($0), configuration: engine, values: values)
        }), !mayChange {
            return nil
        }
        guard let ruleSet, let slot = work.borrow() else {
            work.tally.changed = true
            work.tally.engineErrors += 1
            return configuration.engineErrorMarker
        }
        let result: TextRedactionResult
        if let scanned = text.utf8.withContiguousStorageIfAvailable({ bytes in
            ruleSet.redact(UnsafeRawBufferPointer(bytes), scratch: slot.scratch, configuration: engine, values: values,
                           into: &slot.output)
        }) {
            result = scanned
        } else {
            var copy = text  // not contiguous UTF-8 (e.g. bridged): make it so
            result = copy.withUTF8 {
                ruleSet.redact(UnsafeRawBufferPointer($0), scratch: slot.scratch, configuration: engine, values: values,
                               into: &slot.output)
            }
        }
        if result.engineErrors > 0 {
            // Fail closed: the whole text, not only the failing line.
            slot.output.removeAll(keepingCapacity: true)
            work.tally.changed = true
            work.tally.engineErrors += 1
            return configuration.engineErrorMarker
        }
        guard result.changed else { return nil }
        work.tally.changed = true
        work.tally.ruleRedactions += result.redactions
        let redacted = String(decoding: slot.output, as: UTF8.self)
        slot.output.removeAll(keepingCapacity: true)
        return redacted
    }
}
