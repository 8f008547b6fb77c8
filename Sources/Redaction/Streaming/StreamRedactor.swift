#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Redacts a byte stream line by line: the "searcher" of the engine.
///
/// Owns a line buffer whose free space it lends to the caller for reads (NIO style, so bytes land
/// in place with no extra copy), splits complete lines, redacts them with a ``CompiledRuleSet``
/// and pushes the output to a ``RedactionSink``: slices of the buffer for unchanged bytes plus
/// replacement bytes. The only copy of input is rolling the unfinished last line to the front of
/// the buffer before a refill.
///
/// Guarantees: output is identical whatever the read sizes; LF, CRLF, NUL and invalid UTF-8
/// outside masked regions come out byte-identical; a final line without newline stays without
/// one; the number of lines never changes (unless ``EngineErrorPolicy/drop`` is chosen). A line
/// longer than ``RedactionConfiguration/maxLineBytes`` is replaced by one marker line and never
/// held whole, so memory is bounded by configuration, not input.
///
/// ## Thread safety
/// Not thread-safe: one redactor per stream. The rule set it uses is shared.
public final class StreamRedactor {
    public let ruleSet: CompiledRuleSet
    public let configuration: RedactionConfiguration
    private var core: LineRedactor

    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private let maximumCapacity: Int
    /// Unprocessed bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    /// Inside a line longer than the maximum: its bytes are being skipped.
    private var discarding = false
    private var discardedEndsWithCR = false
    private var discardedBytes = 0
    /// Bytes of the over-long line being skipped (0 when not discarding).
    private var discardedLineBytes = 0
    /// A block rule whose keyword occurred in the over-long line being skipped (it may have held
    /// the block's BEGIN marker), and the last bytes skipped, so a keyword split between two reads
    /// is still seen.
    private var discardedMentionsBlock: Int32?
    private var discardTail: [UInt8] = []
    private static let discardTailLength = 64

    /// - Parameters:
    ///   - ruleSet: the compiled rules (shared).
    ///   - configuration: line limits, read size and engine-error policy.
    ///   - scratch: PCRE2 scratch to use; a new one is made when nil.
    public init(ruleSet: CompiledRuleSet, configuration: RedactionConfiguration = RedactionConfiguration(),
                scratch: ScanScratch? = nil) {
        self.ruleSet = ruleSet
        self.configuration = configuration
        core = LineRedactor(ruleSet: ruleSet, scratch: scratch ?? ruleSet.makeScratch(), configuration: configuration)
        maximumCapacity = configuration.maxLineBytes + 2 + configuration.readSize
        capacity = min(maximumCapacity, max(configuration.readSize * 2, 4096))
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Counters so far. Never contains content.
    public var statistics: RedactionStatistics {
        var stats = core.statistics
        stats.bytesIn += discardedBytes
        return stats
    }

    /// The rule id and reason of the last engine failure, if any (for rate-limited warnings).
    public var lastEngineError: (ruleID: String, reason: String)? { core.lastEngineError }

    /// A multi-line block (for example a PEM private key) that is open at the end of the lines
    /// processed so far: its rule and how many lines of it were masked after its begin line.
    ///
    /// A checkpointing reader (`redact follow`) saves this with its offset and restores it in a
    /// new redactor, so lines after a restart inside a block are still masked. Setting a rule id
    /// that is not a block rule of this rule set closes the block (the rules changed).
    public var openBlock: OpenBlock? {
        get {
            core.activeBlock.map { OpenBlock(ruleID: ruleSet.compiledRules[Int($0.rule)].id, linesMasked: $0.lines) }
        }
        set {
            guard let newValue,
                  let index = ruleSet.blockRules.first(where: { ruleSet.compiledRules[Int($0)].id == newValue.ruleID })
            else { core.activeBlock = nil; return }
            core.activeBlock = (index, max(0, newValue.linesMasked))
        }
    }

    /// Lines the engine failed on so far (cheap; for warnings).
    public var engineErrorCount: Int { core.engineErrorCount }

    /// Number of lines started so far (the 1-based number of the current line).
    public var lineNumber: Int { core.lineNumber }

    /// Bytes fed since the last line terminator the redactor has seen: the unfinished last line,
    /// including the bytes already skipped of an over-long line. 0 right after a terminator.
    ///
    /// A reader that checkpoints by input offset (`redact follow`) subtracts this from its read
    /// position to get the offset just after the last whole line delivered, without looking for
    /// terminators itself.
    public var unfinishedLineByteCount: Int { discarding ? discardedLineBytes : end - start }

    /// Lends free buffer space to `body`, which fills a prefix and returns how many bytes it wrote.
    ///
    /// At most ``RedactionConfiguration/readSize`` bytes are offered. Call ``process(into:)``
    /// after every successful fill.
    /// - Returns: what `body` returned (0 conventionally means end of input).
    /// - Warning: Do not escape the pointer from the closure for later use.
    @discardableResult
    public func fillWithUnsafeFreeSpace(_ body: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows -> Int {
        makeRoom()
        let available = min(capacity - end, configuration.readSize)
        let count = try body(UnsafeMutableRawBufferPointer(start: buffer + end, count: available))
        precondition(count >= 0 && count <= available, "fill closure reported an impossible byte count")
        end += count
        return count
    }

    /// Redacts every complete line buffered so far and pushes the output to `sink`.
    /// - Throws: whatever the sink throws.
    public func process<Sink: RedactionSink>(into sink: inout Sink) throws {
        if discarding { try skipOverlongLine(&sink) }
        guard !discarding else { return }
        let (consumed, _) = try core.process(UnsafeRawBufferPointer(start: buffer + start, count: end - start),
                                             isFinal: false, into: &sink)
        start += consumed
        if end - start > configuration.maxLineBytes + 1 {
            // Complete lines held back (a CRI run waiting for its end) plus a long tail: handle
            // them now, without holding, so only the unfinished line remains.
            let (more, _) = try core.process(UnsafeRawBufferPointer(start: buffer + start, count: end - start),
                                             isFinal: false, mayHold: false, into: &sink)
            start += more
        }
        if end - start > configuration.maxLineBytes + 1 {
            // The unfinished line is already longer than allowed: drop it, fail closed.
            beginDiscarding(&sink)
        }
    }

    /// Ends the stream: redacts the final line (which has no terminator) and resets the buffer.
    /// - Throws: whatever the sink throws.
    public func finish<Sink: RedactionSink>(into sink: inout Sink) throws {
        try process(into: &sink)
        if discarding {
            discarding = false
            discardedLineBytes = 0
            try core.emitOverlongLine(terminator: Self.none, mayOpenBlock: takeDiscardedMention(), &sink)
        } else if end > start {
            let (consumed, _) = try core.process(UnsafeRawBufferPointer(start: buffer + start, count: end - start),
                                                 isFinal: true, into: &sink)
            start += consumed
        }
        start = 0
        end = 0
    }

    /// Copies `bytes` into the stream (in read-size chunks) and processes them.
    public func feed<Sink: RedactionSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink) throws {
        var offset = 0
        while offset < bytes.count {
            let copied = fillWithUnsafeFreeSpace { free in
                let count = min(free.count, bytes.count - offset)
                free.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
                return count
            }
            offset += copied
            try process(into: &sink)
        }
    }

    /// Makes at least one byte (normally a full read) of free space: reset, roll, or grow.
    private func makeRoom() {
        if start == end {
            start = 0
            end = 0
        }
        if capacity - end >= configuration.readSize { return }
        if start > 0 {
            (buffer).copyMemory(from: buffer + start, byteCount: end - start)
            end -= start
            start = 0
        }
        if capacity - end >= configuration.readSize || capacity == maximumCapacity { return }
        let newCapacity = min(maximumCapacity, max(capacity * 2, end + configuration.readSize))
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        grown.copyMemory(from: buffer, byteCount: end)
        buffer.deallocate()
        buffer = grown
        capacity = newCapacity
    }

    private func beginDiscarding<Sink: RedactionSink>(_ sink: inout Sink) {
        discarding = true
        discardedMentionsBlock = nil
        discardTail.removeAll(keepingCapacity: true)
        // SAFETY: called only when the unfinished line is longer than the maximum, so end > start >= 0.
        assert(end > start)
        discardedEndsWithCR = buffer.load(fromByteOffset: end - 1, as: UInt8.self) == 0x0D
        noteDiscarded(start..<end)
        discardedBytes += end - start
        discardedLineBytes = end - start
        start = end
    }

    /// Looks for block keywords in skipped bytes (with the tail of the previous skipped bytes in
    /// front, so a keyword cut by a read boundary is found).
    private func noteDiscarded(_ range: Range<Int>) {
        guard discardedMentionsBlock == nil, !ruleSet.blockRules.isEmpty, !range.isEmpty else { return }
        let bytes = UnsafeRawBufferPointer(start: buffer + range.lowerBound, count: range.count)
        // The previous tail followed by the start of these bytes: a keyword cut by the boundary.
        let kept = discardTail.count
        discardTail.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, Self.discardTailLength)]))
        discardedMentionsBlock = discardTail.withUnsafeBytes { core.blockRuleMentioned(in: $0) }
            ?? core.blockRuleMentioned(in: bytes)
        // The new tail: the last `discardTailLength` bytes skipped so far.
        if bytes.count >= Self.discardTailLength {
            discardTail.removeAll(keepingCapacity: true)
            discardTail.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - Self.discardTailLength)...]))
        } else {
            discardTail.removeLast(discardTail.count - kept - bytes.count)
            if discardTail.count > Self.discardTailLength {
                discardTail.removeFirst(discardTail.count - Self.discardTailLength)
            }
        }
    }

    private func takeDiscardedMention() -> Int32? {
        defer { discardedMentionsBlock = nil }
        return discardedMentionsBlock
    }

    /// Skips bytes of an overlong line until its newline, then emits the marker line.
    private func skipOverlongLine<Sink: RedactionSink>(_ sink: inout Sink) throws {
        guard end > start else { return }
        if let newline = memchr(buffer + start, 0x0A, end - start) {
            let index = buffer.distance(to: newline)
            let crlf = index > start ? buffer.load(fromByteOffset: index - 1, as: UInt8.self) == 0x0D : discardedEndsWithCR
            noteDiscarded(start..<index)
            discardedBytes += index + 1 - start
            start = index + 1
            discarding = false
            discardedLineBytes = 0
            try core.emitOverlongLine(terminator: crlf ? Self.crlf : Self.lf, mayOpenBlock: takeDiscardedMention(), &sink)
            return
        }
        // SAFETY: the guard above ensures end > start.
        discardedEndsWithCR = buffer.load(fromByteOffset: end - 1, as: UInt8.self) == 0x0D
        noteDiscarded(start..<end)
        discardedBytes += end - start
        discardedLineBytes += end - start
        start = end
    }

    private static let none: [UInt8] = []
    private static let lf: [UInt8] = [0x0A]
    private static let crlf: [UInt8] = [0x0D, 0x0A]
}
