/// ``LineRedactor``'s output side: a line's decided action written to the sink (unchanged bytes
/// coalesced into slices, rendered lines, markers), with the byte and line counters and the
/// findings that go with it.
extension LineRedactor {
    /// Writes the output of one line whose action is decided (`.rendered`: the new content is in
    /// `scratch.rendered`, the first pass's spans in `scratch.findingSpans` when findings are wanted).
    mutating func apply<S: RedactionSink>(_ action: LineAction, to bounds: LineBounds, in region: UnsafeRawBufferPointer,
                                          _ cursor: inout LineCursor, _ sink: inout S) throws {
        let content = UnsafeRawBufferPointer(rebasing: region[bounds.start..<bounds.contentEnd])
        switch action {
        case .keep:
            break
        case .rendered:
            cursor.changed = true
            counts.linesRedacted += 1
            try emit(region, cursor.pending..<bounds.start, &sink)
            counts.bytesOut += scratch.rendered.count
            try scratch.rendered.withUnsafeBytes { try sink.write($0) }
            cursor.pending = bounds.contentEnd
            if sink.wantsFindings { try recordFindings(content: content, &sink) }
        case .replaceContent:
            cursor.changed = true
            counts.linesRedacted += 1
            try emit(region, cursor.pending..<bounds.start, &sink)
            try write(engineErrorMarker, &sink)
            cursor.pending = bounds.contentEnd
            if sink.wantsFindings {
                try sink.record(RedactionFinding(kind: .engineError, ruleID: ruleSet.compiledRules[Int(failedRule)].id,
                                                 line: lineNumber, column: 1, length: content.count))
            }
        case .drop:
            cursor.changed = true
            try emit(region, cursor.pending..<bounds.start, &sink)
            cursor.pending = bounds.terminatorEnd
        }
    }

    @inline(__always)
    mutating func emit<S: RedactionSink>(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>, _ sink: inout S) throws {
        guard !range.isEmpty else { return }
        counts.bytesOut += range.count
        try sink.write(UnsafeRawBufferPointer(rebasing: buffer[range]))
    }

    mutating func write<S: RedactionSink>(_ bytes: [UInt8], _ sink: inout S) throws {
        counts.bytesOut += bytes.count
        try bytes.withUnsafeBytes { try sink.write($0) }
    }

    /// Emits the line-too-long marker for a line the stream dropped, with `terminator`.
    /// - Parameter mayOpenBlock: a block rule whose keyword occurs in the dropped line: when no
    ///   block is open, that block opens (the line may have held its BEGIN marker; fail closed).
    mutating func emitOverlongLine<S: RedactionSink>(terminator: [UInt8], mayOpenBlock: Int32?, _ sink: inout S) throws {
        lineNumber += 1
        counts.lines += 1
        counts.linesRedacted += 1
        counts.overlongLines += 1
        if let block = activeBlock {
            let rule = ruleSet.compiledRules[Int(block.rule)]
            activeBlock = block.lines + 1 >= rule.blockMaxLines ? nil : (block.rule, block.lines + 1)
            // (A value block that reaches its bound has simply ended.)
            if activeBlock == nil && rule.blockValue == nil { counts.unterminatedBlocks += 1 }
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
