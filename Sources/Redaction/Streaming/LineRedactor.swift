#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import CRedactScan

/// The line loop shared by the stream and one-shot paths: splits a buffer into lines, scans each,
/// tracks multi-line blocks, and pushes unchanged slices plus replacements to a sink.
///
/// Unchanged bytes are coalesced: a run of clean lines reaches the sink as one slice.
struct LineRedactor {
    let ruleSet: CompiledRuleSet
    let scratch: ScanScratch
    let configuration: RedactionConfiguration
    let lineTooLongMarker: [UInt8]
    let engineErrorMarker: [UInt8]

    /// 1-based number of the last line started.
    var lineNumber = 0
    /// The open multi-line block: rule index and lines masked so far after its begin line.
    /// Setting it (a restored checkpoint, an engine failure) forgets the begin line's prefix.
    var activeBlock: (rule: Int32, lines: Int)? {
        didSet {
            if activeBlock == nil || oldValue == nil {
                blockPrefix.removeAll(keepingCapacity: true)
                alternateValueBlocks.removeAll(keepingCapacity: true)
                blockJoined.removeAll(keepingCapacity: true)
            }
        }
    }
    /// For an open value block, the other value-block rules whose begin matched the same line
    /// (`password = \` begins a Python continuation and a properties continuation): their value
    /// patterns are tried on the lines after it when the open block's finds nothing, so the
    /// first rule in pack order does not hide the others. Not checkpointed: a restored stream
    /// tries the open block's rule only.
    var alternateValueBlocks: [Int32] = []
    /// For an open key block, the bytes before the BEGIN marker on its begin line (see
    /// ``KeyBlockLine``); for an open value block, its whole begin line, whose log prefix the
    /// value's line may share (``KeyBlockLine/sharedPrefixLength(_:template:)``).
    var blockPrefix: [UInt8] = []
    /// For an open value block of a `joinLines` rule (``BlockSpec/joinLines``): its begin line and
    /// the lines after it so far, joined by blanks (at most ``BlockSpec/joinedLimit`` bytes; in
    /// memory only, never checkpointed); and the buffer the current line is joined to it in.
    var blockJoined: [UInt8] = []
    var joinedLine: [UInt8] = []
    /// The block the current line ended by not being key body (nil otherwise), and its begin
    /// line's prefix: if the line's output is shaped like body, the block goes on over it (see
    /// ``continueBlockIfOutputIsBody(_:)``).
    var blockEndedByLine: (rule: Int32, lines: Int)?
    var endedBlockPrefix: [UInt8] = []

    // Counters: every counter lives in ``RedactionStatistics`` (the one list of them), except the
    // per-rule counts, kept by index (allocated on the first redaction, so clean input allocates
    // nothing) and turned into ids by ``statistics``.
    var ruleCounts: [Int] = []
    /// Whether redactions are counted per rule (for ``statistics``). The one-shot path, which
    /// reports only the total, turns it off: the per-rule array would be allocated and zeroed for
    /// every text that changes.
    var countsPerRule = true
    /// Redactions rendered, all rules together.
    var redactionCount = 0
    var counts = RedactionStatistics()
    var engineErrorCount = 0
    /// The last engine failure (rule id and reason), for rate-limited warnings.
    var lastEngineError: (ruleID: String, reason: String)?

    /// Echoes and known values (see ``ValueMemory``): given, made at once for known values, or
    /// made when the first secret is to be remembered (so clean input never makes one).
    var values: ValueMemory?
    /// This redactor changed the values held since the region's last keyword search: the rest of
    /// the region is searched again when one of them occurs there (see
    /// ``processLinesWithKeywords(_:_:_:)``).
    var valuesChanged = false
    /// The values added since the region's last keyword search.
    var addedValues = AddedValues()

    init(ruleSet: CompiledRuleSet, scratch: ScanScratch, configuration: RedactionConfiguration,
         values: ValueMemory? = nil) {
        self.ruleSet = ruleSet
        self.scratch = scratch
        self.configuration = configuration
        lineTooLongMarker = configuration.lineTooLongMarkerBytes
        engineErrorMarker = configuration.engineErrorMarkerBytes
        if let values {
            precondition(values.ruleSet === ruleSet, "a ValueMemory is bound to the rule set it was made for")
            self.values = values
        } else if configuration.knownValues != nil {
            self.values = ValueMemory(for: ruleSet, echoCapacity: configuration.echoCapacity,
                                      knownValues: configuration.knownValues)
        }
    }

    var statistics: RedactionStatistics {
        var stats = counts
        for (index, count) in ruleCounts.enumerated() where count > 0 {
            stats.redactionsByRule[ruleSet.compiledRules[index].id, default: 0] += count
        }
        return stats
    }

    /// What to do with one line.
    enum LineAction {
        /// Unchanged.
        case keep
        /// Changed: the new content is in `scratch.rendered`.
        case rendered
        /// The content becomes the engine-error marker.
        case replaceContent
        /// The line and its terminator are left out.
        case drop
    }

    /// How many times a changed line is scanned in all (the first pass and the re-scans of its
    /// output) before the engine gives up on it and fails closed. Re-scanning until the output no
    /// longer changes is what makes redacting twice equal redacting once, for every template and
    /// every rule: the output of a line is always a fixed point of the rules.
    static let maximumPasses = 4

    /// The rule the last engine failure happened in (for its finding).
    var failedRule: Int32 = 0

    /// Processes the complete lines of `buffer` (and, if `isFinal`, the trailing bytes as a last line
    /// without terminator).
    ///
    /// The keyword search runs once over all complete lines of the buffer (in windows once a value
    /// memory is in use, see ``processLinesWithKeywords(_:_:_:)``) and finds the values of the
    /// memory (echoes, known values) in the same pass; only lines that hold a keyword or a value
    /// (and, while a key block is open, the lines after its BEGIN) are looked at, and runs of
    /// clean lines reach the sink as one slice without being split. Rules without keywords, a
    /// buffer that may hold an over-long line, or a failed keyword search fall back to looking at
    /// every line (same output, slower).
    ///
    /// - Parameters:
    ///   - emitUnchanged: when false and no line of this call changed, nothing at all is written
    ///     (the one-shot path then reuses its input).
    /// - Returns: the number of bytes consumed (up to and including the last terminator, or all
    ///   bytes when `isFinal`), and whether any line changed.
    /// - Throws: whatever the sink throws; the redactor's counters then reflect the lines handled.
    ///   - mayHold: whether complete lines may be left unconsumed to wait for more input (a CRI
    ///     partial record whose continuation has not arrived); the stream says no when its buffer
    ///     is getting full.
    mutating func process<S: RedactionSink>(_ buffer: UnsafeRawBufferPointer, isFinal: Bool, emitUnchanged: Bool = true,
                                            mayHold: Bool = true, into sink: inout S) throws -> (consumed: Int, changed: Bool) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return (0, false) }
        // The complete lines: up to the last newline, or everything at the end of input.
        let regionEnd: Int
        if isFinal {
            regionEnd = buffer.count
        } else {
            let last = redact_last_byte(base.assumingMemoryBound(to: UInt8.self), buffer.count, 0x0A)
            guard last >= 0 else { return (0, false) }
            regionEnd = Int(last) + 1
        }
        let region = UnsafeRawBufferPointer(rebasing: buffer[0..<regionEnd])
        var cursor = LineCursor()
        cursor.isFinal = isFinal || !mayHold
        values?.synchronize()
        addedValues.removeAll()  // per call: the every-line path records values too, and never reads them
        if Self.looksAtEveryLine(regionBytes: regionEnd, ruleSet: ruleSet, configuration: configuration) {
            try processEveryLine(region, from: 0, &cursor, &sink)
        } else {
            try processLinesWithKeywords(region, &cursor, &sink)
        }
        let consumed = cursor.stopAt ?? regionEnd
        counts.bytesIn += consumed
        if cursor.changed || emitUnchanged { try emit(buffer, cursor.pending..<consumed, &sink) }
        return (consumed, cursor.changed)
    }

    /// Whether a region of `regionBytes` bytes is looked at line by line instead of through the
    /// keyword search: with a rule without keywords, a forced per-line scan, or a line that may be
    /// over-long.
    @inline(__always)
    static func looksAtEveryLine(regionBytes: Int, ruleSet: CompiledRuleSet, configuration: RedactionConfiguration) -> Bool {
        configuration.scansEveryLine || !ruleSet.alwaysRun.isEmpty || regionBytes > configuration.maxLineBytes
    }

    /// Whether a fresh redactor (no open block) with the values of `overlay` (or, without a
    /// memory, the one it would make from `configuration`) processing `text` as the final region
    /// might change it: false
    /// only when the keyword path applies and the search finds no keyword and no value, in which
    /// case no line is looked at. Needs no scratch and allocates nothing (safe from any thread).
    ///
    /// Must stay in step with ``looksAtEveryLine(regionBytes:ruleSet:configuration:)`` and
    /// ``processLinesWithKeywords(_:_:_:)``, which with no hit and no open block looks at no line
    /// (`OneShotFastPathTests` compares both paths).
    ///
    /// - Parameters:
    ///   - overlay: the values of the memory the redactor uses, held under its read lock by the
    ///     caller (nil when it holds none).
    ///   - hasMemory: whether the redactor is given a memory; without one, it would make one from
    ///     the configuration's known values and search for them too.
    static func mayChange(_ text: UnsafeRawBufferPointer, ruleSet: CompiledRuleSet,
                          configuration: RedactionConfiguration, overlay: ValueOverlay?, hasMemory: Bool) -> Bool {
        guard !text.isEmpty else { return false }
        if looksAtEveryLine(regionBytes: text.count, ruleSet: ruleSet, configuration: configuration) { return true }
        if !hasMemory && configuration.knownValues != nil { return true }
        return ruleSet.literals.mayContainKeyword(text, values: overlay)
    }

    /// Where output stands within one ``process(_:isFinal:emitUnchanged:into:)`` call.
    struct LineCursor {
        /// Start of the bytes not yet written (unchanged input since the last changed line).
        var pending = 0
        /// Whether any line changed.
        var changed = false
        /// Set when the lines from here on cannot be handled yet (a CRI partial record whose
        /// continuation has not arrived): the call consumes only up to this offset.
        var stopAt: Int?
        /// Whether the region ends the input (or may not be held back).
        var isFinal = false
    }

    /// One line of a region: its content range and where its terminator ends.
    struct LineBounds {
        var start: Int
        var contentEnd: Int
        var terminatorEnd: Int
    }

    /// The line starting at `start` in `region` (whose last line may lack a terminator).
    @inline(__always)
    func line(at start: Int, in region: UnsafeRawBufferPointer) -> LineBounds {
        // SAFETY: `start < region.count`, so the base address is non-nil and the range is inside.
        let base = region.baseAddress.unsafelyUnwrapped
        guard let newline = memchr(base + start, 0x0A, region.count - start) else {
            return LineBounds(start: start, contentEnd: region.count, terminatorEnd: region.count)
        }
        let lineEnd = base.distance(to: UnsafeRawPointer(newline))
        var contentEnd = lineEnd
        if contentEnd > start && region[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        return LineBounds(start: start, contentEnd: contentEnd, terminatorEnd: lineEnd + 1)
    }

    /// Looks at every line of `region` from `start` on, scanning each for keywords on its own.
    private mutating func processEveryLine<S: RedactionSink>(_ region: UnsafeRawBufferPointer, from start: Int,
                                                             _ cursor: inout LineCursor, _ sink: inout S) throws {
        var start = start
        while start < region.count {
            let bounds = line(at: start, in: region)
            if let next = try handleSplitRecordRun(bounds, in: region, &cursor, &sink) {
                guard cursor.stopAt == nil else { return }
                start = next
                continue
            }
            try handleLine(bounds, in: region, hits: nil, &cursor, &sink)
            start = bounds.terminatorEnd
        }
    }

    /// Looks only at the lines of `region` that hold a keyword or value occurrence (found by the
    /// search into `scratch.regionLiterals`), and at every line while a key block is open.
    ///
    /// Without a value memory the region is searched once. With one, it is searched in windows
    /// of whole lines (``valueSearchWindow`` bytes or so), and a line that changes the values held
    /// (a new echo, an `::add-mask::`) has the rest of its window searched again when a new value
    /// occurs there (a `memmem` per new value decides): a value masked on a line is found on
    /// every later line, whatever the read boundaries, at a cost bounded by the window. With no hit and no open block it looks at no line
    /// (``mayChange(_:ruleSet:configuration:overlay:hasMemory:)`` relies on that).
    private mutating func processLinesWithKeywords<S: RedactionSink>(_ region: UnsafeRawBufferPointer,
                                                                     _ cursor: inout LineCursor,
                                                                     _ sink: inout S) throws {
        // SAFETY: the region is non-empty (checked by the caller), so its base address exists.
        let base = region.baseAddress.unsafelyUnwrapped
        let hits = scratch.regionLiterals
        var hitCount = 0
        var searchedEnd = 0  // the hits cover region[..<searchedEnd] from the last search on
        var hit = 0
        var start = 0
        valuesChanged = false
        addedValues.removeAll()
        while start < region.count {
            if valuesChanged && start < searchedEnd
                && !addedValues.mayOccur(in: UnsafeRawBufferPointer(rebasing: region[start..<searchedEnd])) {
                // The new values do not occur in the rest of the window: its hits stay valid (a
                // hit of a value evicted meanwhile still marks a secret's exact bytes).
                valuesChanged = false
                addedValues.removeAll()
            }
            if start >= searchedEnd || valuesChanged {
                valuesChanged = false
                addedValues.removeAll()
                guard let end = searchWindow(region, from: start) else {
                    // The search could not run: look at every remaining line (same output, slower).
                    try processEveryLine(region, from: start, &cursor, &sink)
                    return
                }
                searchedEnd = end
                hitCount = hits.count
                hit = 0
            }
            // Skip hits before this line (none can straddle a line start: keywords hold no newline).
            while hit < hitCount && Int(hits.ends[hit]) <= start { hit += 1 }
            if activeBlock == nil {
                guard hit < hitCount else {
                    countSkippedLines(region, from: start, to: searchedEnd)
                    start = searchedEnd
                    continue
                }
                // The line holding the hit's last byte starts after the last newline before it.
                let lastByte = Int(hits.ends[hit]) - 1
                var lineStart = start
                if lastByte > start {
                    let newline = redact_last_byte((base + start).assumingMemoryBound(to: UInt8.self), lastByte - start, 0x0A)
                    if newline >= 0 { lineStart = start + Int(newline) + 1 }
                }
                countSkippedLines(region, from: start, to: lineStart)
                start = lineStart
            }
            let bounds = line(at: start, in: region)
            if let next = try handleSplitRecordRun(bounds, in: region, &cursor, &sink) {
                guard cursor.stopAt == nil else { return }
                start = next
                continue
            }
            var last = hit
            while last < hitCount && Int(hits.ends[last]) <= bounds.contentEnd { last += 1 }
            try handleLine(bounds, in: region, hits: hit..<last, &cursor, &sink)
            hit = last
            start = bounds.terminatorEnd
        }
    }

    /// Bytes searched at once when a value memory is in use (see
    /// ``processLinesWithKeywords(_:_:_:)``).
    static let valueSearchWindow = 4 * 1024

    /// Searches `region[start...]` (or, with a value memory, a window of whole lines from
    /// `start`) for keywords and values into `scratch.regionLiterals`, with offsets in `region`.
    /// - Returns: where the searched bytes end, or nil when the search could not run.
    private func searchWindow(_ region: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var end = region.count
        if values != nil && region.count - start > Self.valueSearchWindow {
            // SAFETY: `start + window < region.count`, so both ranges lie inside the region.
            let base = region.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
            let window = Self.valueSearchWindow
            let last = redact_last_byte(base + start, window, 0x0A)
            if last >= 0 {
                end = start + Int(last) + 1
            } else if let newline = memchr(base + start + window, 0x0A, region.count - start - window) {
                end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline)) + 1
            }
        }
        let bytes = UnsafeRawBufferPointer(rebasing: region[start..<end])
        let hits = scratch.regionLiterals
        guard values?.scan(bytes, hits) ?? ruleSet.literals.scan(bytes, hits) else { return nil }
        if start > 0 {
            let offset = UInt32(start)
            for index in 0..<hits.count { hits.ends[index] &+= offset }
        }
        return end
    }

    /// Counts the lines in `region[from..<to]` that were not looked at (all clean): each ends with
    /// a newline, except a final line without terminator at the end of input.
    private mutating func countSkippedLines(_ region: UnsafeRawBufferPointer, from: Int, to: Int) {
        guard to > from else { return }
        // SAFETY: `from < to <= region.count`.
        let base = region.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
        var skipped = redact_count_byte(base + from, to - from, 0x0A)
        if to == region.count && region[to - 1] != 0x0A { skipped += 1 }
        lineNumber += skipped
        counts.lines += skipped
    }

    /// Redacts one line and writes the output up to its end.
    /// - Parameter hits: the keyword occurrences of this line in `scratch.regionLiterals`, or nil
    ///   to search the line itself.
    mutating func handleLine<S: RedactionSink>(_ bounds: LineBounds, in region: UnsafeRawBufferPointer,
                                                       hits: Range<Int>?, _ cursor: inout LineCursor,
                                                       _ sink: inout S) throws {
        let content = UnsafeRawBufferPointer(rebasing: region[bounds.start..<bounds.contentEnd])
        if content.count > configuration.maxLineBytes {
            // Fail closed: the whole content becomes one marker, never a prefix; and if it may
            // hold a key's BEGIN marker, the lines after it are treated as the key's body.
            cursor.changed = true
            try emit(region, cursor.pending..<bounds.start, &sink)
            try emitOverlongLine(terminator: [], mayOpenBlock: blockRuleMentioned(in: content), &sink)
            cursor.pending = bounds.contentEnd
            return
        }
        lineNumber += 1
        counts.lines += 1
        scratch.regionLineStart = bounds.start
        let action = redactLine(content, hits: hits, keepingFindingSpans: sink.wantsFindings)
        try apply(action, to: bounds, in: region, &cursor, &sink)
    }
}
