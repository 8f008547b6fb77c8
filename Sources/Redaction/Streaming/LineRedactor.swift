#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

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
    var activeBlock: (rule: Int32, lines: Int)?

    // Counters: every counter lives in ``RedactionStatistics`` (the one list of them), except the
    // per-rule counts, kept by index (allocated on the first redaction, so clean input allocates
    // nothing) and turned into ids by ``statistics``.
    var ruleCounts: [Int] = []
    var counts = RedactionStatistics()
    var engineErrorCount = 0
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
        var stats = counts
        for (index, count) in ruleCounts.enumerated() where count > 0 {
            stats.redactionsByRule[ruleSet.compiledRules[index].id, default: 0] += count
        }
        return stats
    }

    /// What to do with one line.
    private enum LineAction {
        case keep
        case spans
        case replaceContent
        case drop
    }

    /// Processes the complete lines of `buffer` (and, if `isFinal`, the trailing bytes as a last line
    /// without terminator).
    ///
    /// - Parameters:
    ///   - emitUnchanged: when false and no line of this call changed, nothing at all is written
    ///     (the one-shot path then reuses its input).
    /// - Returns: the number of bytes consumed (up to and including the last terminator, or all
    ///   bytes when `isFinal`), and whether any line changed.
    /// - Throws: whatever the sink throws; the redactor's counters then reflect the lines handled.
    mutating func process<S: RedactionSink>(_ buffer: UnsafeRawBufferPointer, isFinal: Bool, emitUnchanged: Bool = true,
                                            into sink: inout S) throws -> (consumed: Int, changed: Bool) {
        guard let base = buffer.baseAddress else { return (0, false) }
        let count = buffer.count
        var pending = 0
        var lineStart = 0
        var changed = false
        while lineStart < count {
            let lineEnd: Int
            let terminatorEnd: Int
            var contentEnd: Int
            if let newline = memchr(base + lineStart, 0x0A, count - lineStart) {
                lineEnd = base.distance(to: UnsafeRawPointer(newline))
                terminatorEnd = lineEnd + 1
                contentEnd = lineEnd
                if contentEnd > lineStart && buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            } else {
                guard isFinal else { break }
                lineEnd = count
                terminatorEnd = count
                contentEnd = count
            }
            let content = UnsafeRawBufferPointer(rebasing: buffer[lineStart..<contentEnd])
            if content.count > configuration.maxLineBytes {
                // Fail closed: the whole content becomes one marker, never a prefix.
                changed = true
                try emit(buffer, pending..<lineStart, &sink)
                try emitOverlongLine(terminator: [], &sink)
                pending = contentEnd
                lineStart = terminatorEnd
                continue
            }
            lineNumber += 1
            counts.lines += 1
            switch redactLine(content) {
            case .keep:
                break
            case .spans:
                changed = true
                counts.linesRedacted += 1
                for span in scratch.spans {
                    try emit(buffer, pending..<(lineStart + span.start), &sink)
                    try emitReplacement(for: span, content: content, &sink)
                    pending = lineStart + span.end
                }
            case .replaceContent:
                changed = true
                counts.linesRedacted += 1
                try emit(buffer, pending..<lineStart, &sink)
                try write(engineErrorMarker, &sink)
                pending = contentEnd
                if sink.wantsFindings, let failed = scratch.spans.first {
                    try sink.record(RedactionFinding(kind: .engineError, ruleID: ruleSet.compiledRules[Int(failed.rule)].id,
                                                     line: lineNumber, column: 1, length: contentEnd - lineStart))
                }
            case .drop:
                changed = true
                try emit(buffer, pending..<lineStart, &sink)
                pending = terminatorEnd
            }
            lineStart = terminatorEnd
        }
        counts.bytesIn += lineStart
        if changed || emitUnchanged { try emit(buffer, pending..<lineStart, &sink) }
        return (lineStart, changed)
    }

    /// Decides what happens to one line; on `.spans` the spans are in `scratch.spans`.
    private mutating func redactLine(_ content: UnsafeRawBufferPointer) -> LineAction {
        if let block = activeBlock {
            let rule = ruleSet.compiledRules[Int(block.rule)]
            let rc = scratch.match.match(rule.blockEnd.unsafelyUnwrapped, content, from: 0)
            if rc < 0 { return engineFailure(rule: block.rule, PCRE2Error(code: rc)) }
            if rc > 0, let end = scratch.match.groupRange(0) {
                activeBlock = nil
                let outcome = ruleSet.scanLine(content, scratch)
                if case .engineError(let failed, let error) = outcome { return engineFailure(rule: failed, error) }
                if end.lowerBound > 0 {
                    scratch.spans.append(RedactionSpan(start: 0, end: end.lowerBound, rule: block.rule, kind: .block))
                    ruleSet.mergeSpans(&scratch.spans)
                }
                return scratch.spans.isEmpty ? .keep : .spans
            }
            let masked = block.lines + 1
            activeBlock = masked >= rule.blockMaxLines ? nil : (block.rule, masked)
            if activeBlock == nil { counts.unterminatedBlocks += 1 }
            scratch.beginLine()
            guard !content.isEmpty else { return .keep }
            scratch.spans.append(RedactionSpan(start: 0, end: content.count, rule: block.rule, kind: .block))
            return .spans
        }
        let outcome = ruleSet.scanLine(content, scratch)
        if case .engineError(let failed, let error) = outcome { return engineFailure(rule: failed, error) }
        if !ruleSet.blockRules.isEmpty {
            for ruleIndex in ruleSet.blockRules where scratch.isCandidate(ruleIndex) {
                let rule = ruleSet.compiledRules[Int(ruleIndex)]
                let rc = scratch.match.match(rule.blockBegin.unsafelyUnwrapped, content, from: 0)
                if rc < 0 { return engineFailure(rule: ruleIndex, PCRE2Error(code: rc)) }
                guard rc > 0, let begin = scratch.match.groupRange(0) else { continue }
                let endRC = scratch.match.match(rule.blockEnd.unsafelyUnwrapped, content, from: begin.upperBound)
                if endRC < 0 { return engineFailure(rule: ruleIndex, PCRE2Error(code: endRC)) }
                if endRC > 0 { continue }  // begin and end on one line: the rule's regex handles it
                activeBlock = (ruleIndex, 0)
                if begin.upperBound < content.count {
                    scratch.spans.append(RedactionSpan(start: begin.upperBound, end: content.count, rule: ruleIndex, kind: .block))
                    ruleSet.mergeSpans(&scratch.spans)
                }
                break
            }
        }
        return scratch.spans.isEmpty ? .keep : .spans
    }

    private mutating func engineFailure(rule: Int32, _ error: PCRE2Error) -> LineAction {
        counts.engineErrors[error.reason, default: 0] += 1
        engineErrorCount += 1
        lastEngineError = (ruleSet.compiledRules[Int(rule)].id, error.reason)
        scratch.beginLine()
        switch configuration.onError {
        case .mask:
            scratch.spans.append(RedactionSpan(start: 0, end: 0, rule: rule, kind: .engineError))
            return .replaceContent
        case .drop:
            counts.linesDropped += 1
            return .drop
        case .pass:
            counts.linesPassedUnscanned += 1
            return .keep
        }
    }

    @inline(__always)
    private mutating func emit<S: RedactionSink>(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>, _ sink: inout S) throws {
        guard !range.isEmpty else { return }
        counts.bytesOut += range.count
        try sink.write(UnsafeRawBufferPointer(rebasing: buffer[range]))
    }

    private mutating func write<S: RedactionSink>(_ bytes: [UInt8], _ sink: inout S) throws {
        counts.bytesOut += bytes.count
        try bytes.withUnsafeBytes { try sink.write($0) }
    }

    private mutating func emitReplacement<S: RedactionSink>(for span: RedactionSpan, content: UnsafeRawBufferPointer,
                                                            _ sink: inout S) throws {
        if ruleCounts.isEmpty { ruleCounts = Array(repeating: 0, count: ruleSet.count) }
        ruleCounts[Int(span.rule)] += 1
        let rule = ruleSet.compiledRules[Int(span.rule)]
        let secret = UnsafeRawBufferPointer(rebasing: content[span.start..<span.end])
        scratch.replacement.removeAll(keepingCapacity: true)
        rule.replacement.render(ruleID: rule.id, secret: secret, hashKey: ruleSet.options.hashKey, into: &scratch.replacement)
        counts.bytesOut += scratch.replacement.count
        try scratch.replacement.withUnsafeBytes { try sink.write($0) }
        if sink.wantsFindings {
            try sink.record(RedactionFinding(kind: span.kind, ruleID: rule.id, line: lineNumber, column: span.start + 1,
                                             length: span.end - span.start,
                                             fingerprint: ruleSet.options.hashKey?.fingerprint(secret)))
        }
    }

    /// Emits the line-too-long marker for a line the stream dropped, with `terminator`.
    mutating func emitOverlongLine<S: RedactionSink>(terminator: [UInt8], _ sink: inout S) throws {
        lineNumber += 1
        counts.lines += 1
        counts.linesRedacted += 1
        counts.overlongLines += 1
        if let block = activeBlock {
            let rule = ruleSet.compiledRules[Int(block.rule)]
            activeBlock = block.lines + 1 >= rule.blockMaxLines ? nil : (block.rule, block.lines + 1)
            if activeBlock == nil { counts.unterminatedBlocks += 1 }
        }
        try write(lineTooLongMarker, &sink)
        try write(terminator, &sink)
        if sink.wantsFindings {
            try sink.record(RedactionFinding(kind: .lineTooLong, ruleID: "", line: lineNumber, column: 1, length: 0))
        }
    }
}
