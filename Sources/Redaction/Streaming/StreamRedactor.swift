#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Redacts a byte stream line by line: the "searcher" of the engine.
///
/// Owns a ``LineBuffer`` whose free space it lends to the caller for reads (NIO style, so bytes land
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

    /// The bytes read and not yet redacted: complete lines waiting to be processed and the
    /// unfinished last line (at most `maxLineBytes + 1` bytes of it between calls).
    private var lines: LineBuffer
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
    ///   - configuration: line limits, read size, engine-error policy, echoes and known values.
    ///   - scratch: PCRE2 scratch to use; a new one is made when nil.
    ///   - values: the stream's echoes and known values; when nil, the redactor makes its own from
    ///     `configuration` (``RedactionConfiguration/echoCapacity``,
    ///     ``RedactionConfiguration/knownValues``) when it first needs one. Must be made for
    ///     `ruleSet`.
    public init(ruleSet: CompiledRuleSet, configuration: RedactionConfiguration = RedactionConfiguration(),
                scratch: ScanScratch? = nil, values: ValueMemory? = nil) {
        self.ruleSet = ruleSet
        self.configuration = configuration
        core = LineRedactor(ruleSet: ruleSet, scratch: scratch ?? ruleSet.makeScratch(), configuration: configuration,
                            values: values)
        // The unfinished line (at most `maxLineBytes` plus a terminator byte) and a whole read.
        lines = LineBuffer(readSize: configuration.readSize,
                           maximumCapacity: configuration.maxLineBytes + 2 + configuration.readSize)
    }

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

    /// The stream's echoes and known values (nil until it needs them; see ``init(ruleSet:configuration:scratch:values:)``).
    public var values: ValueMemory? { core.values }

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
    public var unfinishedLineByteCount: Int { discarding ? discardedLineBytes : lines.count }

    /// Lends free buffer space to `body`, which fills a prefix and returns how many bytes it wrote.
    ///
    /// At most ``RedactionConfiguration/readSize`` bytes are offered. Call ``process(into:)``
    /// after every successful fill.
    /// - Returns: what `body` returned (0 conventionally means end of input).
    /// - Warning: Do not escape the pointer from the closure for later use.
    @discardableResult
    public func fillWithUnsafeFreeSpace(_ body: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows -> Int {
        let count = try body(lines.freeSpaceForRead())
        lines.commitRead(count)
        return count
    }

    /// Redacts every complete line buffered so far and pushes the output to `sink`.
    /// - Throws: whatever the sink throws.
    public func process<Sink: RedactionSink>(into sink: inout Sink) throws {
        if discarding { try skipOverlongLine(&sink) }
        guard !discarding else { return }
        let (consumed, _) = try core.process(lines.unconsumed, isFinal: false, into: &sink)
        lines.consume(consumed)
        if lines.count > configuration.maxLineBytes + 1 {
            // Complete lines held back (a CRI run waiting for its end) plus a long tail: handle
            // them now, without holding, so only the unfinished line remains.
            let (more, _) = try core.process(lines.unconsumed, isFinal: false, mayHold: false, into: &sink)
            lines.consume(more)
        }
        if lines.count > configuration.maxLineBytes + 1 {
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
        } else if !lines.isEmpty {
            let (consumed, _) = try core.process(lines.unconsumed, isFinal: true, into: &sink)
            lines.consume(consumed)
        }
        lines.clear()
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

    private func beginDiscarding<Sink: RedactionSink>(_ sink: inout Sink) {
        discarding = true
        discardedMentionsBlock = nil
        discardTail.removeAll(keepingCapacity: true)
        // Called only when the unfinished line is longer than the maximum, so it is not empty
        // (`lastByte` asserts it).
        discardedEndsWithCR = lines.lastByte == 0x0D
        noteDiscarded(lines.unconsumed)
        discardedBytes += lines.count
        discardedLineBytes = lines.count
        lines.consume(lines.count)
    }

    /// Looks for block keywords in skipped bytes (with the tail of the previous skipped bytes in
    /// front, so a keyword cut by a read boundary is found).
    private func noteDiscarded(_ bytes: UnsafeRawBufferPointer) {
        guard discardedMentionsBlock == nil, !ruleSet.blockRules.isEmpty, !bytes.isEmpty else { return }
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
        let pending = lines.unconsumed
        guard let base = pending.baseAddress, !pending.isEmpty else { return }
        if let newline = memchr(base, 0x0A, pending.count) {
            let length = base.distance(to: UnsafeRawPointer(newline))
            // SAFETY: `memchr` found the newline inside `pending`, so `0 <= length < pending.count`
            // and `length - 1` (when `length > 0`) is inside it too.
            assert(length >= 0 && length < pending.count)
            let crlf = length > 0 ? pending[length - 1] == 0x0D : discardedEndsWithCR
            noteDiscarded(UnsafeRawBufferPointer(rebasing: pending[0..<length]))
            discardedBytes += length + 1
            lines.consume(length + 1)
            discarding = false
            discardedLineBytes = 0
            try core.emitOverlongLine(terminator: crlf ? Self.crlf : Self.lf, mayOpenBlock: takeDiscardedMention(), &sink)
            return
        }
        // The guard above ensures the buffer is not empty (`lastByte` asserts it).
        discardedEndsWithCR = lines.lastByte == 0x0D
        noteDiscarded(pending)
        discardedBytes += pending.count
        discardedLineBytes += pending.count
        lines.consume(pending.count)
    }

    private static let none: [UInt8] = []
    private static let lf: [UInt8] = [0x0A]
    private static let crlf: [UInt8] = [0x0D, 0x0A]
}
