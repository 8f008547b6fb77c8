import Synchronization

/// The values a stream masks wherever they occur, found in the same pass as the rule keywords:
///
/// - **echoes**: a secret a rule masked once is masked at its other occurrences, later in the same
///   line and in later lines (rule id `echo`). The last ``echoCapacity`` distinct secrets are kept
///   (least recently masked first out); 0 turns echoes off. Ordinary text (words of letters
///   only up to ``maximumWordLength`` bytes, snake_case names, `HTTP/1.1`, placeholders:
///   ``isOrdinaryText(_:)``) is never an echo.
/// - **known values**: the values of a ``KnownValueList`` (configured in advance), and values a
///   stream announces itself with GitHub Actions' `::add-mask::VALUE` (the last
///   ``announcedCapacity`` of them), masked as exact strings (rule id `known-value`).
///
/// Values compare exactly (case-sensitive) and are at least 4 bytes long. They live only in this
/// object's memory: nothing here writes them to a file, a report or the statistics.
///
/// One memory belongs to one logical stream: a ``StreamRedactor`` makes its own (from its
/// ``RedactionConfiguration``) unless given one; a `LogRedactor` shares one between all the
/// events it redacts. Bound to the ``CompiledRuleSet`` it was made for.
///
/// ## Thread safety
/// All members are thread-safe: scans hold a read lock only for the search of one buffer; adding,
/// evicting and touching values hold the write lock for the change alone (time linear in the
/// value's length).
public final class ValueMemory: @unchecked Sendable {
    /// Echo values kept by default.
    public static let defaultEchoCapacity = 1024
    /// `::add-mask::` values kept (the oldest goes first).
    public static let announcedCapacity = 1024
    /// Longest secret remembered as an echo (a longer one is still masked where a rule finds it).
    public static let maximumEchoLength = 4096

    /// Distinct echo values kept at most (0: echoes off).
    public let echoCapacity: Int
    /// The configured known values, if any.
    public let knownValues: KnownValueList?
    let ruleSet: CompiledRuleSet

    /// What a value is (one value has one entry; a known value is never also an echo).
    private struct Kind: OptionSet {
        let rawValue: UInt8
        static let configured = Kind(rawValue: 1)
        static let announced = Kind(rawValue: 2)
        static let echo = Kind(rawValue: 4)
        var isKnown: Bool { !isDisjoint(with: [.configured, .announced]) }
    }

    /// A least-recently-used list threaded through ``previous`` and ``next`` by handle.
    private struct Recency {
        var head: Int32 = -1  // most recent
        var tail: Int32 = -1  // least recent
        var count = 0
    }

    /// Values held, published after every change (under the write lock): a search with no value
    /// held skips the lock. A search racing a change may miss a value added at that instant, as
    /// it would had it run a moment earlier; it never reads the overlay unlocked.
    private let heldCount = Atomic<Int>(0)
    // SAFETY: everything below is read or written only under `lock` (scans: read; changes: write).
    private let lock = ReadWriteLock()
    /// Nil only when the kernel's overlay could not be made (out of memory): no values then.
    private let overlay: ValueOverlay?
    private var kinds: [Kind] = []
    private var previous: [Int32] = []
    private var next: [Int32] = []
    private var echoes = Recency()
    private var announced = Recency()
    private var configured: [Int32] = []
    /// The version of ``knownValues`` whose values are in the overlay.
    private var knownVersion: UInt64?

    /// An empty memory for streams redacted with `ruleSet`.
    /// - Parameters:
    ///   - echoCapacity: distinct echo values kept (0 turns echoes off; negative counts as 0).
    ///   - knownValues: values to mask from the start (and as the list changes).
    public init(for ruleSet: CompiledRuleSet, echoCapacity: Int = ValueMemory.defaultEchoCapacity,
                knownValues: KnownValueList? = nil) {
        self.ruleSet = ruleSet
        self.echoCapacity = max(0, echoCapacity)
        self.knownValues = knownValues
        overlay = ValueOverlay(scanner: ruleSet.literals)
        synchronize()
    }

    /// Numbers of values held, by kind (for tests and diagnostics; never the values).
    var counts: (configured: Int, announced: Int, echoes: Int) {
        lock.withReadLock { (configured.count, announced.count, echoes.count) }
    }

    // MARK: - Scanning

    /// Runs `body` with the overlay while it holds values, under the read lock, or with nil
    /// (without taking the lock when nothing is held: see ``heldCount``).
    func withHeldValues<T>(_ body: (ValueOverlay?) -> T) -> T {
        if heldCount.load(ordering: .acquiring) == 0 { return body(nil) }
        return lock.withReadLock {
            guard let overlay, overlay.count > 0 else { return body(nil) }
            return body(overlay)
        }
    }

    /// Finds every keyword of the rule set and every value in `bytes` (one pass), into `scratch`.
    /// - Returns: false when the search could not run (see ``LiteralScanner/scan(_:_:values:)``).
    func scan(_ bytes: UnsafeRawBufferPointer, _ scratch: LiteralScratch) -> Bool {
        withHeldValues { ruleSet.literals.scan(bytes, scratch, values: $0) }
    }

    /// Finds every value (no keywords) in `bytes`, into `scratch`.
    /// - Returns: false when the search could not run.
    func scanValues(_ bytes: UnsafeRawBufferPointer, _ scratch: LiteralScratch) -> Bool {
        withHeldValues { overlay in
            guard let overlay else {
                scratch.count = 0
                return true
            }
            return overlay.scan(bytes, scratch)
        }
    }

    /// Whether any value is held.
    var isEmpty: Bool { heldCount.load(ordering: .acquiring) == 0 }

    // MARK: - Changes

    /// Takes the known-value list's current values if they changed (calling its refresh hook when
    /// due first). Called at the start of each buffer.
    /// - Returns: whether the values held changed.
    @discardableResult
    func synchronize() -> Bool {
        guard let knownValues else { return false }
        knownValues.refreshIfDue()
        let version = knownValues.version
        if lock.withReadLock({ knownVersion == version }) { return false }
        let snapshot = knownValues.snapshot
        return changing { replaceConfigured(snapshot.values, version: snapshot.version) }
    }

    /// Longest value of letters only that is taken for a word and never remembered as an echo.
    public static let maximumWordLength = 12
    /// Fewest digits a value of digits only needs to be an echo: a shorter number never is (see
    /// ``isOrdinaryText(_:)``).
    public static let minimumNumberEchoLength = 8

    /// Remembers `value`, a secret a rule masked, as an echo (or marks it most recently used).
    /// Values shorter than 4 bytes or longer than ``maximumEchoLength``, ordinary text (see
    /// ``isOrdinaryText(_:)``), and everything when echoes are off, are ignored.
    /// - Returns: whether the values held changed (added, and maybe one evicted).
    func remember(_ value: UnsafeRawBufferPointer) -> Bool {
        guard echoCapacity > 0, value.count >= ValueOverlay.minimumLength, value.count <= Self.maximumEchoLength,
              !Self.isOrdinaryText(value) else {
            return false
        }
        return changing {
            guard let overlay else { return false }
            switch overlay.add(value, tagged: false) {
            case .refused:
                return false
            case .present(let handle):
                if kinds[Int(handle)] == .echo { moveToFront(handle, in: &echoes) }
                return false
            case .added(let handle):
                setKind(.echo, of: handle)
                insertAtFront(handle, in: &echoes)
                while echoes.count > echoCapacity { evict(from: &echoes, kind: .echo) }
                return true
            }
        }
    }

    /// Remembers `secret`, masked by other means than the rules (a log handler's sensitive key),
    /// as an echo, so its other occurrences are masked too. Ignored when echoes are off, when it is
    /// shorter than 4 bytes or longer than ``maximumEchoLength`` (quotes around it are trimmed)
    /// and when it is ordinary text (``isOrdinaryText(_:)``).
    public func remember(secret: String) {
        var copy = secret
        copy.withUTF8 { bytes in
            if let value = LineRedactor.echoValue(UnsafeRawBufferPointer(bytes)) { _ = remember(value) }
        }
    }

    /// Whether `value` is ordinary text rather than a secret's own string, so that it is not an
    /// echo: a word (ASCII letters only, at most ``maximumWordLength`` bytes: `password`, `admin`,
    /// `changeme`, `ESXipass`), a number of fewer than ``minimumNumberEchoLength`` digits
    /// (`1186`: counts, ports and ids repeat it), words with blanks (`Bearer `, `Not Set`), a
    /// snake_case name (`laravel_session`, `v2_flow_enabled`), a protocol and its version
    /// (`HTTP/1.1`) or a placeholder (``SecretShape/isPlaceholder(_:)``: `${X}`, and `[FILTERED`
    /// cut from `[FILTERED]` by a rule without a value shape). A rule
    /// masks such a value where it finds it (`ftp://user:password@host`), but its other
    /// occurrences are field names (`-password $X`), prose, identifiers and request lines:
    /// echoing them would spread one doubtful match to every later line of the stream.
    static func isOrdinaryText(_ value: UnsafeRawBufferPointer) -> Bool {
        if value.count <= maximumWordLength && value.allSatisfy(SecretShape.isLetter) { return true }
        if value.count < minimumNumberEchoLength && value.allSatisfy(SecretShape.isDigit) { return true }
        return isSnakeCaseName(value) || isProtocolVersion(value) || isLocaleName(value) || isWordsWithBlanks(value)
            || SecretShape.isPlaceholder(value)
    }

    /// Letters only, with at least one blank between or after them: words (`Not Set`, a rule's
    /// title) or a scheme with its blank (`Bearer `, the literal a linter reports as a hard-coded
    /// password). Masked where a rule finds it, it is never looked for elsewhere: its other
    /// occurrences are headers and prose. (Hyphens do not count: `pass-word` stays an echo.)
    private static func isWordsWithBlanks(_ value: UnsafeRawBufferPointer) -> Bool {
        var blanks = 0
        for byte in value {
            if byte == UInt8(ascii: " ") {
                blanks += 1
            } else if !SecretShape.isLetter(byte) {
                return false
            }
        }
        return blanks > 0 && blanks < value.count
    }

    /// A locale: a language (2 or 3 lower-case letters), `_` or `-`, and a region (2 upper-case
    /// letters) or a script (`Hans`), maybe with a charset: `fr_FR`, `pt-BR`, `zh-Hans`,
    /// `en_US.UTF-8` (a language cookie's value, not a secret to look for elsewhere).
    private static func isLocaleName(_ value: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < value.count && SecretShape.isLower(value[index]) { index += 1 }
        guard (2...3).contains(index), index < value.count,
              value[index] == UInt8(ascii: "_") || value[index] == UInt8(ascii: "-") else { return false }
        let region = index + 1
        var end = region
        while end < value.count && SecretShape.isLetter(value[end]) { end += 1 }
        let letters = UnsafeRawBufferPointer(rebasing: value[region..<end])
        let isRegion = letters.count == 2 && letters.allSatisfy(SecretShape.isUpper)
        let isScript = letters.count == 4 && SecretShape.isUpper(letters[0]) && letters[1...].allSatisfy(SecretShape.isLower)
        guard isRegion || isScript else { return false }
        if end == value.count { return true }
        // A charset after a dot: `.UTF-8`, `.utf8`, `.ISO-8859-1`.
        return value[end] == UInt8(ascii: ".") && end + 1 < value.count
            && value[(end + 1)...].allSatisfy { SecretShape.isLetter($0) || SecretShape.isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// Lower-case letters and digits in two or more parts joined by single `_`, starting with a letter.
    private static func isSnakeCaseName(_ value: UnsafeRawBufferPointer) -> Bool {
        guard let first = value.first, SecretShape.isLower(first), value.last != UInt8(ascii: "_") else { return false }
        var parts = 1
        var previous: UInt8 = 0
        for byte in value {
            if byte == UInt8(ascii: "_") {
                if previous == UInt8(ascii: "_") { return false }
                parts += 1
            } else if !(SecretShape.isLower(byte) || SecretShape.isDigit(byte)) {
                return false
            }
            previous = byte
        }
        return parts >= 2
    }

    /// Letters, `/`, then a version of digits and dots (`HTTP/1.1`, `RTSP/1.0`, `SIP/2.0`).
    private static func isProtocolVersion(_ value: UnsafeRawBufferPointer) -> Bool {
        guard let slash = value.firstIndex(of: UInt8(ascii: "/")), slash > 0, slash + 1 < value.count else { return false }
        for index in 0..<slash where !SecretShape.isLetter(value[index]) { return false }
        for index in (slash + 1)..<value.count where !(SecretShape.isDigit(value[index]) || value[index] == UInt8(ascii: ".")) {
            return false
        }
        return true
    }

    /// Marks the echo value equal to `value` most recently used (a hit of it was masked).
    func touch(_ value: UnsafeRawBufferPointer) {
        changing {
            guard let overlay, let handle = overlay.find(value), kinds[Int(handle)] == .echo else { return }
            moveToFront(handle, in: &echoes)
        }
    }

    /// Adds `value` as a known value announced by the stream itself (`::add-mask::`); an echo
    /// equal to it becomes known. Values shorter than 4 bytes are ignored.
    /// - Returns: whether the values held changed.
    func announce(_ value: UnsafeRawBufferPointer) -> Bool {
        guard value.count >= ValueOverlay.minimumLength, value.count <= KnownValueList.maximumLength else { return false }
        return changing {
            guard let handle = addKnown(value) else { return false }
            let kind = kinds[Int(handle)]
            if kind.contains(.announced) {
                moveToFront(handle, in: &announced)
                return false
            }
            kinds[Int(handle)].insert(.announced)
            insertAtFront(handle, in: &announced)
            var changed = kind.isEmpty  // new (or an echo until now: its hits now say known-value)
            while announced.count > Self.announcedCapacity {
                if evict(from: &announced, kind: .announced) { changed = true }
            }
            return changed
        }
    }

    /// Runs `body` under the write lock, then publishes the number of values held.
    private func changing<T>(_ body: () -> T) -> T {
        lock.withWriteLock {
            let result = body()
            heldCount.store(overlay?.count ?? 0, ordering: .releasing)
            return result
        }
    }

    // MARK: - Under the write lock

    /// Adds `value` tagged as known, turning an equal echo into a known value (new handle).
    /// Returns its handle, whose kind is empty when it was not known before (the caller sets
    /// the kind), or nil when refused.
    private func addKnown(_ value: UnsafeRawBufferPointer) -> Int32? {
        guard let overlay else { return nil }
        switch overlay.add(value, tagged: true) {
        case .refused:
            return nil
        case .present(let handle) where kinds[Int(handle)] == .echo:
            unlink(handle, from: &echoes)
            kinds[Int(handle)] = []
            overlay.remove(handle)
            return addKnown(value)
        case .present(let handle):
            return handle
        case .added(let handle):
            setKind([], of: handle)
            return handle
        }
    }

    private func replaceConfigured(_ values: [[UInt8]], version: UInt64) -> Bool {
        knownVersion = version
        var changed = false
        var kept: [Int32] = []
        kept.reserveCapacity(values.count)
        for value in values {
            guard let handle = value.withUnsafeBytes({ addKnown($0) }) else { continue }
            if kinds[Int(handle)].isEmpty { changed = true }
            kinds[Int(handle)].insert(.configured)
            kept.append(handle)
        }
        // Values no longer configured go, unless they were also announced.
        let keptSet = Set(kept)
        for handle in configured where !keptSet.contains(handle) {
            kinds[Int(handle)].remove(.configured)
            if kinds[Int(handle)].isEmpty {
                overlay?.remove(handle)
                changed = true
            }
        }
        configured = kept
        return changed
    }

    private func setKind(_ kind: Kind, of handle: Int32) {
        let index = Int(handle)
        while kinds.count <= index {
            kinds.append([])
            previous.append(-1)
            next.append(-1)
        }
        kinds[index] = kind
    }

    /// Removes the least recently used value of `list` (of `kind`): from the overlay when it has
    /// no other kind.
    /// - Returns: whether it left the overlay.
    @discardableResult
    private func evict(from list: inout Recency, kind: Kind) -> Bool {
        let handle = list.tail
        guard handle >= 0 else { return false }
        unlink(handle, from: &list)
        kinds[Int(handle)].remove(kind)
        guard kinds[Int(handle)].isEmpty else { return false }
        overlay?.remove(handle)
        return true
    }

    private func insertAtFront(_ handle: Int32, in list: inout Recency) {
        previous[Int(handle)] = -1
        next[Int(handle)] = list.head
        if list.head >= 0 { previous[Int(list.head)] = handle }
        list.head = handle
        if list.tail < 0 { list.tail = handle }
        list.count += 1
    }

    private func unlink(_ handle: Int32, from list: inout Recency) {
        let before = previous[Int(handle)]
        let after = next[Int(handle)]
        if before >= 0 { next[Int(before)] = after } else { list.head = after }
        if after >= 0 { previous[Int(after)] = before } else { list.tail = before }
        previous[Int(handle)] = -1
        next[Int(handle)] = -1
        list.count -= 1
    }

    private func moveToFront(_ handle: Int32, in list: inout Recency) {
        guard list.head != handle else { return }
        unlink(handle, from: &list)
        insertAtFront(handle, in: &list)
    }
}
