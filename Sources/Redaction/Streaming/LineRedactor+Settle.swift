/// From spans to output: the first pass's spans are rendered, and the rendered line is scanned again
/// until it no longer changes (so redacting twice equals redacting once); engine failures become
/// the configured action.
extension LineRedactor {
    /// Decides what happens to one line; on `.rendered` the new content is in `scratch.rendered`
    /// and, when `keepingFindingSpans`, the first pass's spans (positions in `content`) are in
    /// `scratch.findingSpans`.
    mutating func redactLine(_ content: UnsafeRawBufferPointer, hits: Range<Int>?,
                                     keepingFindingSpans: Bool) -> LineAction {
        scratch.customReplacements.removeAll(keepingCapacity: true)
        blockEndedByLine = nil
        let lineStart = scratch.regionLineStart
        let record = firstPassRecord(content, hits: hits)
        var first = record ?? firstPassText(content, hits: hits)
        first = applyValues(content, hits: hits, lineStart: lineStart, first)
        guard case .rendered = first else { return first }
        if keepingFindingSpans {
            scratch.findingSpans.removeAll(keepingCapacity: true)
            scratch.findingSpans.append(contentsOf: scratch.spans)
        }
        return openBlockIfOutputOpens(continueBlockIfOutputIsBody(settle(content, readingOutputAsRecord: record == nil)))
    }

    /// Renders the first pass's spans, then scans the output again until it no longer changes
    /// (at most ``maximumPasses`` scans in all). A line that does not settle, or an engine error
    /// on a later pass, fails closed per the engine-error policy (`.pass` keeps what was masked).
    ///
    /// - Parameter readingOutputAsRecord: the line was read as text. Masking can make it a JSON
    ///   record (a JSON-shaped line that was invalid only for the control bytes or bad escapes
    ///   inside a masked secret); a second run would read that output as a record and mask what
    ///   the record layer masks (a value under a sensitive key). So when the output is a record,
    ///   the record layer's own spans (``recordValuePass(_:)``) are part of settling, and
    ///   redacting twice still equals redacting once.
    mutating func settle(_ content: UnsafeRawBufferPointer, readingOutputAsRecord: Bool = false) -> LineAction {
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
                guard readingOutputAsRecord else { return .rendered }
                let action = output.withUnsafeBytes { recordValuePass($0) }
                guard action == .rendered else { return action == .keep ? .rendered : action }
                next.removeAll(keepingCapacity: true)
                output.withUnsafeBytes { render($0, into: &next) }
                // A placeholder that is itself maskable under the key renders to the same bytes:
                // settled, and not counted again.
                if next == output {
                    redactionCount -= scratch.spans.count
                    if countsPerRule { for span in scratch.spans { ruleCounts[Int(span.rule)] -= 1 } }
                    return .rendered
                }
                swap(&output, &next)
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
    mutating func render(_ line: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        if countsPerRule && ruleCounts.isEmpty { ruleCounts = Array(repeating: 0, count: ruleSet.compiledRules.count) }
        var position = 0
        for span in scratch.spans {
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[position..<span.start]))
            redactionCount += 1
            if countsPerRule { ruleCounts[Int(span.rule)] += 1 }
            let rule = ruleSet.compiledRules[Int(span.rule)]
            let secret = UnsafeRawBufferPointer(rebasing: line[span.start..<span.end])
            if span.custom >= 0 {
                output.append(contentsOf: scratch.customReplacements[Int(span.custom)])
            } else if span.escapesJSON {
                scratch.replacement.removeAll(keepingCapacity: true)
                rule.replacement.render(ruleID: rule.id, secret: secret, hashKey: ruleSet.options.hashKey,
                                        into: &scratch.replacement)
                scratch.replacement.withUnsafeBytes { JSONStringCodec.appendEscaped($0, into: &output) }
            } else {
                rule.replacement.render(ruleID: rule.id, secret: secret, hashKey: ruleSet.options.hashKey, into: &output)
            }
            position = span.end
        }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[position..<line.count]))
    }


    /// Reports the first pass's spans (in `scratch.findingSpans`) of the current line.
    func recordFindings<S: RedactionSink>(content: UnsafeRawBufferPointer, _ sink: inout S) throws {
        for span in scratch.findingSpans {
            let secret = UnsafeRawBufferPointer(rebasing: content[span.start..<span.end])
            try sink.record(RedactionFinding(kind: span.kind, ruleID: ruleSet.compiledRules[Int(span.rule)].id,
                                             line: lineNumber, column: span.start + 1, length: span.end - span.start,
                                             fingerprint: ruleSet.options.hashKey?.fingerprint(secret)))
        }
    }

    mutating func engineFailure(rule: Int32, _ error: PCRE2Error) -> LineAction {
        counts.engineErrors[error.reason, default: 0] += 1
        engineErrorCount += 1
        lastEngineError = (ruleSet.compiledRules[Int(rule)].id, error.reason)
        failedRule = rule
        scratch.beginLine()
        switch configuration.onError {
        case .mask:
            return .replaceContent
        case .drop:
            counts.linesDropped += 1
            return .drop
        case .pass:
            counts.linesPassedUnscanned += 1
            return .keep
        }
    }
}
