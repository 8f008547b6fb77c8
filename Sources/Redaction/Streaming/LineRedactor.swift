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
        didSet { if activeBlock == nil || oldValue == nil { blockPrefix.removeAll(keepingCapacity: true) } }
    }
    /// The bytes before the BEGIN marker on the open block's begin line (see ``KeyBlockLine``).
    private var blockPrefix: [UInt8] = []

    // Counters. `ruleCounts` is allocated on the first redaction, so clean input allocates nothing.
    var ruleCounts: [Int] = []
    var lines = 0
    var linesRedacted = 0
    var overlongLines = 0
    var unterminatedBlocks = 0
    var linesDropped = 0
    var linesPassedUnscanned = 0
    var engineErrors: [String: Int] = [:]
    var engineErrorCount = 0
    var bytesIn = 0
    var bytesOut = 0
    /// The last engine failure (rule id and reason), for rate-limited warnings.
    var lastEngineError: (ruleID: String, reason: String)?

    init(ruleSet: CompiledRuleSet, scratch: ScanScratch, configuration: RedactionConfiguration) {
        self.ruleSet = ruleSet
        self.scratch = scratch
        self.configuration = configuration
        lineTooLongMarker = configuration.lineTooLongMarkerBytes
        engineErrorMarker = configuration.engineErrorMarkerBytes
    }

    var statistics: RedactionStatistics {
        var stats = RedactionStatistics()
        stats.lines = lines
        stats.linesRedacted = linesRedacted
        for (index, count) in ruleCounts.enumerated() where count > 0 {
            stats.redactionsByRule[ruleSet.compiledRules[index].id, default: 0] += count
        }
        stats.engineErrors = engineErrors
        stats.overlongLines = overlongLines
        stats.unterminatedBlocks = unterminatedBlocks
        stats.linesDropped = linesDropped
        stats.linesPassedUnscanned = linesPassedUnscanned
        stats.bytesIn = bytesIn
        stats.bytesOut = bytesOut
        return stats
    }

    /// What to do with one line.
    private enum LineAction {
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
    private var failedRule: Int32 = 0

    /// Processes the complete lines of `buffer` (and, if `isFinal`, the trailing bytes as a last line
    /// without terminator).
    ///
    /// The keyword search runs once over all complete lines of the buffer; only lines that hold a
    /// keyword (and, while a key block is open, the lines after its BEGIN) are looked at, and runs
    /// of clean lines reach the sink as one slice without being split. Rules without keywords, a
    /// buffer that may hold an over-long line, or a failed keyword search fall back to looking at
    /// every line (same output, slower).
    ///
    /// - Parameters:
    ///   - emitUnchanged: when false and no line of this call changed, nothing at all is written
    ///     (the one-shot path then reuses its input).
    /// - Returns: the number of bytes consumed (up to and including the last terminator, or all
    ///   bytes when `isFinal`), and whether any line changed.
    /// - Throws: whatever the sink throws; the redactor's counters then reflect the lines handled.
    mutating func process<S: RedactionSink>(_ buffer: UnsafeRawBufferPointer, isFinal: Bool, emitUnchanged: Bool = true,
                                            into sink: inout S) throws -> (consumed: Int, changed: Bool) {
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
        if configuration.scansEveryLine || !ruleSet.alwaysRun.isEmpty || regionEnd > configuration.maxLineBytes
            || !ruleSet.literals.scan(region, scratch.regionLiterals) {
            try processEveryLine(region, &cursor, &sink)
        } else {
            try processLinesWithKeywords(region, &cursor, &sink)
        }
        bytesIn += regionEnd
        if cursor.changed || emitUnchanged { try emit(buffer, cursor.pending..<regionEnd, &sink) }
        return (regionEnd, cursor.changed)
    }

    /// Where output stands within one ``process(_:isFinal:emitUnchanged:into:)`` call.
    private struct LineCursor {
        /// Start of the bytes not yet written (unchanged input since the last changed line).
        var pending = 0
        /// Whether any line changed.
        var changed = false
    }

    /// One line of a region: its content range and where its terminator ends.
    private struct LineBounds {
        var start: Int
        var contentEnd: Int
        var terminatorEnd: Int
    }

    /// The line starting at `start` in `region` (whose last line may lack a terminator).
    @inline(__always)
    private func line(at start: Int, in region: UnsafeRawBufferPointer) -> LineBounds {
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

    /// Looks at every line of `region`, scanning each for keywords on its own.
    private mutating func processEveryLine<S: RedactionSink>(_ region: UnsafeRawBufferPointer, _ cursor: inout LineCursor,
                                                             _ sink: inout S) throws {
        var start = 0
        while start < region.count {
            let bounds = line(at: start, in: region)
            try handleLine(bounds, in: region, hits: nil, &cursor, &sink)
            start = bounds.terminatorEnd
        }
    }

    /// Looks only at the lines of `region` that hold a keyword occurrence (the region's hits are in
    /// `scratch.regionLiterals`), and at every line while a key block is open.
    private mutating func processLinesWithKeywords<S: RedactionSink>(_ region: UnsafeRawBufferPointer,
                                                                     _ cursor: inout LineCursor,
                                                                     _ sink: inout S) throws {
        // SAFETY: the region is non-empty (checked by the caller), so its base address exists.
        let base = region.baseAddress.unsafelyUnwrapped
        let hits = scratch.regionLiterals
        let hitCount = hits.count
        var hit = 0
        var start = 0
        while start < region.count {
            // Skip hits before this line (none can straddle a line start: keywords hold no newline).
            while hit < hitCount && Int(hits.ends[hit]) <= start { hit += 1 }
            if activeBlock == nil {
                guard hit < hitCount else {
                    countSkippedLines(region, from: start, to: region.count)
                    return
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
            var last = hit
            while last < hitCount && Int(hits.ends[last]) <= bounds.contentEnd { last += 1 }
            try handleLine(bounds, in: region, hits: hit..<last, &cursor, &sink)
            hit = last
            start = bounds.terminatorEnd
        }
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
        lines += skipped
    }

    /// Redacts one line and writes the output up to its end.
    /// - Parameter hits: the keyword occurrences of this line in `scratch.regionLiterals`, or nil
    ///   to search the line itself.
    private mutating func handleLine<S: RedactionSink>(_ bounds: LineBounds, in region: UnsafeRawBufferPointer,
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
        lines += 1
        let wantsFindings = sink.wantsFindings
        switch redactLine(content, hits: hits, keepingFindingSpans: wantsFindings) {
        case .keep:
            break
        case .rendered:
            cursor.changed = true
            linesRedacted += 1
            try emit(region, cursor.pending..<bounds.start, &sink)
            bytesOut += scratch.rendered.count
            try scratch.rendered.withUnsafeBytes { try sink.write($0) }
            cursor.pending = bounds.contentEnd
            if wantsFindings { try recordFindings(content: content, &sink) }
        case .replaceContent:
            cursor.changed = true
            linesRedacted += 1
            try emit(region, cursor.pending..<bounds.start, &sink)
            try write(engineErrorMarker, &sink)
            cursor.pending = bounds.contentEnd
            if wantsFindings {
                try sink.record(RedactionFinding(kind: .engineError, ruleID: ruleSet.compiledRules[Int(failedRule)].id,
                                                 line: lineNumber, column: 1, length: content.count))
            }
        case .drop:
            cursor.changed = true
            try emit(region, cursor.pending..<bounds.start, &sink)
            cursor.pending = bounds.terminatorEnd
        }
    }

    /// Decides what happens to one line; on `.rendered` the new content is in `scratch.rendered`
    /// and, when `keepingFindingSpans`, the first pass's spans (positions in `content`) are in
    /// `scratch.findingSpans`.
    private mutating func redactLine(_ content: UnsafeRawBufferPointer, hits: Range<Int>?,
                                     keepingFindingSpans: Bool) -> LineAction {
        let first = firstPass(content, hits: hits)
        guard case .rendered = first else { return first }
        if keepingFindingSpans {
            scratch.findingSpans.removeAll(keepingCapacity: true)
            scratch.findingSpans.append(contentsOf: scratch.spans)
        }
        return settle(content)
    }

    /// Scans `content` and tracks multi-line blocks. Returns `.rendered` with the spans to mask in
    /// `scratch.spans` (not rendered yet), or the final action.
    private mutating func firstPass(_ content: UnsafeRawBufferPointer, hits: Range<Int>?) -> LineAction {
        if let block = activeBlock {
            let rule = ruleSet.compiledRules[Int(block.rule)]
            // SAFETY: `activeBlock` only ever holds indices of `ruleSet.blockRules`, whose rules all
            // have a compiled `blockEnd`.
            let rc = scratch.match.match(rule.blockEnd.unsafelyUnwrapped, content, from: 0)
            if rc < 0 { return engineFailure(rule: block.rule, PCRE2Error(code: rc)) }
            if rc > 0, let end = scratch.match.groupRange(0) {
                activeBlock = nil
                let outcome = ruleSet.scanLine(content, scratch, hits: hits)
                if case .engineError(let failed, let error) = outcome { return engineFailure(rule: failed, error) }
                // The body before the END marker: after the recognised prefix, or else the base64
                // run that ends at the marker (the prefix and the marker stay).
                let bodyStart = blockPrefix.withUnsafeBytes { prefix in
                    prefix.isEmpty ? nil : KeyBlockLine.matchedPrefixLength(content, prefix: prefix)
                } ?? (end.lowerBound - KeyBlockLine.trailingBase64Run(content, end: end.lowerBound))
                if bodyStart < end.lowerBound {
                    scratch.spans.append(RedactionSpan(start: bodyStart, end: end.lowerBound, rule: block.rule, kind: .block))
                    ruleSet.mergeSpans(&scratch.spans)
                    if let error = ruleSet.subtractPlaceholders(in: content, scratch) {
                        return engineFailure(rule: block.rule, error)
                    }
                }
                return scratch.spans.isEmpty ? .keep : .rendered
            }
            let kind = blockPrefix.withUnsafeBytes { KeyBlockLine.classify(content, prefix: $0) }
            let bodyStart: Int
            switch kind {
            case .body(let prefixLength): bodyStart = prefixLength
            case .ambiguous: bodyStart = 0
            case .notBody: bodyStart = -1
            }
            if bodyStart >= 0 {
                let masked = block.lines + 1
                activeBlock = masked >= rule.blockMaxLines ? nil : (block.rule, masked)
                if activeBlock == nil { unterminatedBlocks += 1 }
                scratch.beginLine()
                let body = UnsafeRawBufferPointer(rebasing: content[bodyStart...])
                guard body.contains(where: { !KeyBlockLine.isBlank($0) }) else { return .keep }
                scratch.spans.append(RedactionSpan(start: bodyStart, end: content.count, rule: block.rule, kind: .block))
                // A body line that is (or holds) a placeholder already is not masked again.
                if let error = ruleSet.subtractPlaceholders(in: content, scratch) {
                    return engineFailure(rule: block.rule, error)
                }
                return scratch.spans.isEmpty ? .keep : .rendered
            }
            // Not key body: the block ends here and the line is scanned like any other.
            activeBlock = nil
            unterminatedBlocks += 1
        }
        let outcome = ruleSet.scanLine(content, scratch, hits: hits)
        if case .engineError(let failed, let error) = outcome {
            // The line could not be scanned: if it may hold a BEGIN marker, assume it does.
            openBlockIfCandidate()
            return engineFailure(rule: failed, error)
        }
        if !ruleSet.blockRules.isEmpty {
            for ruleIndex in ruleSet.blockRules where scratch.isCandidate(ruleIndex) {
                let rule = ruleSet.compiledRules[Int(ruleIndex)]
                // SAFETY: every index in `blockRules` has a compiled `blockBegin` and `blockEnd`.
                let rc = scratch.match.match(rule.blockBegin.unsafelyUnwrapped, content, from: 0)
                if rc < 0 {
                    activeBlock = (ruleIndex, 0)
                    return engineFailure(rule: ruleIndex, PCRE2Error(code: rc))
                }
                guard rc > 0, let begin = scratch.match.groupRange(0) else { continue }
                let endRC = scratch.match.match(rule.blockEnd.unsafelyUnwrapped, content, from: begin.upperBound)
                if endRC < 0 {
                    activeBlock = (ruleIndex, 0)
                    return engineFailure(rule: ruleIndex, PCRE2Error(code: endRC))
                }
                if endRC > 0 { continue }  // begin and end on one line: the rule's regex handles it
                activeBlock = (ruleIndex, 0)
                blockPrefix.removeAll(keepingCapacity: true)
                blockPrefix.append(contentsOf: UnsafeRawBufferPointer(rebasing: content[0..<begin.lowerBound]))
                if begin.upperBound < content.count {
                    scratch.spans.append(RedactionSpan(start: begin.upperBound, end: content.count, rule: ruleIndex, kind: .block))
                    ruleSet.mergeSpans(&scratch.spans)
                    if let error = ruleSet.subtractPlaceholders(in: content, scratch) {
                        return engineFailure(rule: ruleIndex, error)
                    }
                }
                break
            }
        }
        return scratch.spans.isEmpty ? .keep : .rendered
    }

    /// Renders the first pass's spans, then scans the output again until it no longer changes
    /// (at most ``maximumPasses`` scans in all). A line that does not settle, or an engine error
    /// on a later pass, fails closed per the engine-error policy (`.pass` keeps what was masked).
    private mutating func settle(_ content: UnsafeRawBufferPointer) -> LineAction {
        var output = scratch.rendered
        scratch.rendered = []  // own the storage while rendering (no copy)
        output.removeAll(keepingCapacity: true)
        render(content, into: &output)
        var next = scratch.renderedNext
        scratch.renderedNext = []
        defer {
            scratch.rendered = output
            scratch.renderedNext = next
        }
        for _ in 1..<Self.maximumPasses {
            let outcome = output.withUnsafeBytes { ruleSet.scanLine($0, scratch) }
            switch outcome {
            case .clean:
                return .rendered
            case .engineError(let failed, let error):
                let action = engineFailure(rule: failed, error)
                return action == .keep ? .rendered : action
            case .redact:
                next.removeAll(keepingCapacity: true)
                output.withUnsafeBytes { render($0, into: &next) }
                swap(&output, &next)
            }
        }
        let action = engineFailure(rule: scratch.spans.first?.rule ?? 0, .unstable)
        return action == .keep ? .rendered : action
    }

    /// Appends `line` with every span in `scratch.spans` replaced by its rule's placeholder, and
    /// counts the redactions.
    private mutating func render(_ line: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        if ruleCounts.isEmpty { ruleCounts = Array(repeating: 0, count: ruleSet.count) }
        var position = 0
        for span in scratch.spans {
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[position..<span.start]))
            ruleCounts[Int(span.rule)] += 1
            let rule = ruleSet.compiledRules[Int(span.rule)]
            rule.replacement.render(ruleID: rule.id, secret: UnsafeRawBufferPointer(rebasing: line[span.start..<span.end]),
                                    hashKey: ruleSet.options.hashKey, into: &output)
            position = span.end
        }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[position..<line.count]))
    }

    /// Reports the first pass's spans (in `scratch.findingSpans`) of the current line.
    private func recordFindings<S: RedactionSink>(content: UnsafeRawBufferPointer, _ sink: inout S) throws {
        for span in scratch.findingSpans {
            let secret = UnsafeRawBufferPointer(rebasing: content[span.start..<span.end])
            try sink.record(RedactionFinding(kind: span.kind, ruleID: ruleSet.compiledRules[Int(span.rule)].id,
                                             line: lineNumber, column: span.start + 1, length: span.end - span.start,
                                             fingerprint: ruleSet.options.hashKey?.fingerprint(secret)))
        }
    }

    /// Opens the block of the first block rule that is a candidate of the line just scanned (its
    /// keyword occurs): used when the line could not be scanned, so it may hold a BEGIN marker.
    private mutating func openBlockIfCandidate() {
        guard activeBlock == nil else { return }
        for ruleIndex in ruleSet.blockRules where scratch.isCandidate(ruleIndex) {
            activeBlock = (ruleIndex, 0)
            return
        }
    }

    /// The first block rule one of whose keywords occurs in `bytes`, if any: a line that is never
    /// scanned (over-long) opens that block, since it may hold the BEGIN marker.
    func blockRuleMentioned(in bytes: UnsafeRawBufferPointer) -> Int32? {
        for ruleIndex in ruleSet.blockRules {
            for keyword in ruleSet.compiledRules[Int(ruleIndex)].foldedKeywords where containsFolded(bytes, keyword) {
                return ruleIndex
            }
        }
        return nil
    }

    private mutating func engineFailure(rule: Int32, _ error: PCRE2Error) -> LineAction {
        engineErrors[error.reason, default: 0] += 1
        engineErrorCount += 1
        lastEngineError = (ruleSet.compiledRules[Int(rule)].id, error.reason)
        failedRule = rule
        scratch.beginLine()
        switch configuration.onError {
        case .mask:
            return .replaceContent
        case .drop:
            linesDropped += 1
            return .drop
        case .pass:
            linesPassedUnscanned += 1
            return .keep
        }
    }

    @inline(__always)
    private mutating func emit<S: RedactionSink>(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>, _ sink: inout S) throws {
        guard !range.isEmpty else { return }
        bytesOut += range.count
        try sink.write(UnsafeRawBufferPointer(rebasing: buffer[range]))
    }

    private mutating func write<S: RedactionSink>(_ bytes: [UInt8], _ sink: inout S) throws {
        bytesOut += bytes.count
        try bytes.withUnsafeBytes { try sink.write($0) }
    }

    /// Emits the line-too-long marker for a line the stream dropped, with `terminator`.
    /// - Parameter mayOpenBlock: a block rule whose keyword occurs in the dropped line: when no
    ///   block is open, that block opens (the line may have held its BEGIN marker; fail closed).
    mutating func emitOverlongLine<S: RedactionSink>(terminator: [UInt8], mayOpenBlock: Int32?, _ sink: inout S) throws {
        lineNumber += 1
        lines += 1
        linesRedacted += 1
        overlongLines += 1
        if let block = activeBlock {
            let rule = ruleSet.compiledRules[Int(block.rule)]
            activeBlock = block.lines + 1 >= rule.blockMaxLines ? nil : (block.rule, block.lines + 1)
            if activeBlock == nil { unterminatedBlocks += 1 }
        } else if let mayOpenBlock {
            activeBlock = (mayOpenBlock, 0)
        }
        try write(lineTooLongMarker, &sink)
        try write(terminator, &sink)
        if sink.wantsFindings {
            try sink.record(RedactionFinding(kind: .lineTooLong, ruleID: "", line: lineNumber, column: 1, length: 0))
        }
    }
}
