import Synchronization

/// Counters of what a ``LogRedactor`` masked, readable by the application at any time (for a
/// metrics gauge or a health check).
///
/// The counters never hold content: no key, value, rule match or message. They count only events
/// and values that were changed, so logging clean events does not touch them (no shared cache
/// line written on the hot path).
///
/// ## Thread safety
/// Lock-free atomics; read and updated from any thread. Several redactors may share one instance.
public final class RedactionCounters: Sendable {
    private let _eventsRedacted = Atomic<Int>(0)
    private let _ruleRedactions = Atomic<Int>(0)
    private let _maskedBySensitiveKey = Atomic<Int>(0)
    private let _maskedBySensitivity = Atomic<Int>(0)
    private let _maskedByDenyMode = Atomic<Int>(0)
    private let _engineErrors = Atomic<Int>(0)

    /// New counters, all zero.
    public init() {}

    /// A consistent-enough copy of the counters (each read atomically, not all at one instant).
    public struct Snapshot: Sendable, Hashable, CustomStringConvertible {
        /// Log events, provider results and handler metadata updates in which anything was masked.
        public var eventsRedacted: Int
        /// Regions masked by a rule (as the CLI counts redactions).
        public var ruleRedactions: Int
        /// Values masked whole because of a sensitive key.
        public var maskedBySensitiveKey: Int
        /// Values masked whole because they were marked ``Sensitivity/sensitive``.
        public var maskedBySensitivity: Int
        /// Values masked whole because their key is not allowed (deny-by-default mode).
        public var maskedByDenyMode: Int
        /// Values (or messages, errors, sources) masked whole because the engine failed on them
        /// (a match limit hit, JIT stack exhausted, or rules that could not be loaded).
        public var engineErrors: Int

        /// `name=value` pairs, for a log line or a status page.
        public var description: String {
            "eventsRedacted=\(eventsRedacted) ruleRedactions=\(ruleRedactions) maskedBySensitiveKey=\(maskedBySensitiveKey) "
                + "maskedBySensitivity=\(maskedBySensitivity) maskedByDenyMode=\(maskedByDenyMode) engineErrors=\(engineErrors)"
        }
    }

    /// The current values.
    public var snapshot: Snapshot {
        Snapshot(eventsRedacted: _eventsRedacted.load(ordering: .relaxed),
                 ruleRedactions: _ruleRedactions.load(ordering: .relaxed),
                 maskedBySensitiveKey: _maskedBySensitiveKey.load(ordering: .relaxed),
                 maskedBySensitivity: _maskedBySensitivity.load(ordering: .relaxed),
                 maskedByDenyMode: _maskedByDenyMode.load(ordering: .relaxed),
                 engineErrors: _engineErrors.load(ordering: .relaxed))
    }

    /// Values masked because the engine failed (see ``Snapshot/engineErrors``).
    public var engineErrors: Int { _engineErrors.load(ordering: .relaxed) }

    /// Adds one unit of work's tally. Only non-zero counters are written.
    func add(_ tally: Tally) {
        guard tally.changed else { return }
        _eventsRedacted.add(1, ordering: .relaxed)
        if tally.ruleRedactions > 0 { _ruleRedactions.add(tally.ruleRedactions, ordering: .relaxed) }
        if tally.maskedBySensitiveKey > 0 { _maskedBySensitiveKey.add(tally.maskedBySensitiveKey, ordering: .relaxed) }
        if tally.maskedBySensitivity > 0 { _maskedBySensitivity.add(tally.maskedBySensitivity, ordering: .relaxed) }
        if tally.maskedByDenyMode > 0 { _maskedByDenyMode.add(tally.maskedByDenyMode, ordering: .relaxed) }
        if tally.engineErrors > 0 { _engineErrors.add(tally.engineErrors, ordering: .relaxed) }
    }
}

/// What one unit of work (an event, a provider result, a metadata update) masked.
struct Tally {
    var changed = false
    var ruleRedactions = 0
    var maskedBySensitiveKey = 0
    var maskedBySensitivity = 0
    var maskedByDenyMode = 0
    var engineErrors = 0
}
