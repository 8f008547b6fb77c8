#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Secrets known in advance (a CI runner's masked variables, a vault-aware deployment's
/// credentials), masked as exact strings wherever they occur, under the rule id `known-value`.
///
/// One list may be shared by many streams (every file `redact follow` tails, every
/// ``StreamRedactor`` made with the same ``RedactionConfiguration``): each stream's
/// ``ValueMemory`` takes the list's current values at the start of each buffer it processes.
/// The list can change while streams run (``replace(with:)``, for a values file that changed);
/// an optional refresh hook (``setRefresh(interval:_:)``) is called by the streams while they
/// process input, at most once per interval, so a file can be re-read without a signal or a
/// thread of its own.
///
/// Values are kept only in memory; nothing here writes or prints them.
///
/// ## Thread safety
/// All members are thread-safe. The refresh hook runs outside the list's lock, never twice at
/// once.
public final class KnownValueList: @unchecked Sendable, Hashable {
    /// Shortest accepted value: shorter strings occur by chance far too often to be masked everywhere.
    public static let minimumLength = ValueOverlay.minimumLength
    /// Longest accepted value.
    public static let maximumLength = 64 * 1024

    // SAFETY: `values`, `version`, `refresh`, `refreshInterval`, `lastRefresh` and `refreshing`
    // are only touched under `lock`.
    private let lock = ReadWriteLock()
    private var storedValues: [[UInt8]]
    private var storedVersion: UInt64 = 0
    private var refresh: (@Sendable (KnownValueList) -> Void)?
    private var refreshInterval = 1.0
    private var lastRefresh = -Double.infinity
    private var refreshing = false

    /// A list of byte strings (duplicates are kept once).
    /// - Throws: ``KnownValueError`` naming the index of the first value that is shorter than
    ///   ``minimumLength`` bytes, longer than ``maximumLength``, or holds a line break (never the
    ///   value itself).
    public init(bytes values: [[UInt8]]) throws(KnownValueError) {
        try Self.validate(values)
        storedValues = Self.unique(values)
    }

    /// A list of the UTF-8 bytes of `values` (see ``init(bytes:)``).
    public convenience init(_ values: [String] = []) throws(KnownValueError) {
        try self.init(bytes: values.map { Array($0.utf8) })
    }

    /// The current values.
    public var values: [[UInt8]] { lock.withReadLock { storedValues } }

    /// Number of current values.
    public var count: Int { lock.withReadLock { storedValues.count } }

    /// Replaces every value; streams pick the new ones up at their next buffer.
    /// - Throws: ``KnownValueError`` as ``init(bytes:)`` does; the list is then unchanged.
    public func replace(with values: [[UInt8]]) throws(KnownValueError) {
        try Self.validate(values)
        let unique = Self.unique(values)
        lock.withWriteLock {
            storedValues = unique
            storedVersion &+= 1
        }
    }

    /// Sets the hook that streams call while they process input, at most once per `interval`
    /// seconds (monotonic clock), typically to re-read a values file when it changed and call
    /// ``replace(with:)``. The hook must not block for long: it runs on a processing thread.
    public func setRefresh(interval: Double = 1, _ refresh: @escaping @Sendable (KnownValueList) -> Void) {
        lock.withWriteLock {
            self.refresh = refresh
            refreshInterval = max(0, interval)
            lastRefresh = Self.now()
        }
    }

    /// Calls the refresh hook when it is due (see ``setRefresh(interval:_:)``).
    func refreshIfDue() {
        let hook: (@Sendable (KnownValueList) -> Void)? = lock.withWriteLock {
            guard let refresh, !refreshing else { return nil }
            let now = Self.now()
            guard now - lastRefresh >= refreshInterval else { return nil }
            lastRefresh = now
            refreshing = true
            return refresh
        }
        guard let hook else { return }
        hook(self)
        lock.withWriteLock { refreshing = false }
    }

    /// The current values and their version (which changes with every ``replace(with:)``).
    var snapshot: (version: UInt64, values: [[UInt8]]) { lock.withReadLock { (storedVersion, storedValues) } }

    /// The version of the current values.
    var version: UInt64 { lock.withReadLock { storedVersion } }

    public static func == (lhs: KnownValueList, rhs: KnownValueList) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    private static func validate(_ values: [[UInt8]]) throws(KnownValueError) {
        for (index, value) in values.enumerated() {
            if value.count < minimumLength { throw KnownValueError(index: index, problem: .tooShort) }
            if value.count > maximumLength { throw KnownValueError(index: index, problem: .tooLong) }
            if value.contains(0x0A) || value.contains(0x0D) { throw KnownValueError(index: index, problem: .lineBreak) }
        }
    }

    private static func unique(_ values: [[UInt8]]) -> [[UInt8]] {
        var seen = Set<[UInt8]>()
        return values.filter { seen.insert($0).inserted }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
