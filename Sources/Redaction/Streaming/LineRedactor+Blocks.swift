/// Multi-line key blocks and the first scan of a line: the block state machine (BEGIN, body lines
/// recognised by ``KeyBlockLine``, END, the cap), and what a line that could not be scanned does
/// to it (fail closed: it may have held a BEGIN marker).
extension LineRedactor {
    /// Scans `content` as text and tracks multi-line blocks. Returns `.rendered` with the spans to mask in
    /// `scratch.spans` (not rendered yet), or the final action.
    mutating func firstPassText(_ content: UnsafeRawBufferPointer, hits: Range<Int>?) -> LineAction {
        if let block = activeBlock, ruleSet.compiledRules[Int(block.rule)].blockValue != nil {
            return valueBlockLine(content, hits: hits, block: block)
        }
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
                // A BEGIN marker after the END on the same line opens the next block (else its
                // body, on the lines that follow, would pass in clear).
                if let failure = openBlock(in: content, from: end.upperBound) { return failure }
                return scratch.spans.isEmpty ? .keep : .rendered
            }
            if let bodyStart = blockPrefix.withUnsafeBytes({ KeyBlockLine.maskedStart(content, prefix: $0) }) {
                let masked = block.lines + 1
                activeBlock = masked >= rule.blockMaxLines ? nil : (block.rule, masked)
                if activeBlock == nil { counts.unterminatedBlocks += 1 }
                return maskBody(of: content, from: bodyStart, rule: block.rule)
            }
            // Not key body: the block ends here and the line is scanned like any other.
            blockEndedByLine = block
            swap(&endedBlockPrefix, &blockPrefix)
            activeBlock = nil
            counts.unterminatedBlocks += 1
        }
        let outcome = ruleSet.scanLine(content, scratch, hits: hits)
        if case .engineError(let failed, let error) = outcome {
            // The line could not be scanned: if it may hold a BEGIN marker, assume it does.
            openBlockIfCandidate()
            return engineFailure(rule: failed, error)
        }
        if let failure = openBlock(in: content, from: 0) { return failure }
        return scratch.spans.isEmpty ? .keep : .rendered
    }

    /// Opens the block of the first candidate block rule (scanned for this line) whose BEGIN
    /// marker occurs in `content` at or after `start` and is not followed by its END marker on the
    /// line (then the rule's own regex handles the one-line key); the rest of the line after the
    /// marker is masked (spans in `scratch.spans`). A value block also records the later value-block
    /// rules whose begin matches the line (``alternateValueBlocks``).
    /// - Returns: nil, or the engine-failure action (the block is opened then: fail closed).
    mutating func openBlock(in content: UnsafeRawBufferPointer, from start: Int) -> LineAction? {
        guard !ruleSet.blockRules.isEmpty, start < content.count else { return nil }
        for ruleIndex in ruleSet.blockRules where scratch.isCandidate(ruleIndex) {
            let rule = ruleSet.compiledRules[Int(ruleIndex)]
            // SAFETY: every index in `blockRules` has a compiled `blockBegin` and `blockEnd`.
            let rc = scratch.match.match(rule.blockBegin.unsafelyUnwrapped, content, from: start)
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
            alternateValueBlocks.removeAll(keepingCapacity: true)
            blockJoined.removeAll(keepingCapacity: true)
            if rule.blockValue != nil {
                // A value block's begin line names the key only; it is kept whole, for the log
                // prefix the value's line may share with it (``valueBlockLine(_:hits:block:)``).
                blockPrefix.append(contentsOf: content)
                if rule.blockJoinsLines { blockJoined.append(contentsOf: content) }
                collectAlternateValueBlocks(after: ruleIndex, in: content, from: start)
                return nil
            }
            blockPrefix.append(contentsOf: UnsafeRawBufferPointer(rebasing: content[0..<begin.lowerBound]))
            if begin.upperBound < content.count {
                scratch.spans.append(RedactionSpan(start: begin.upperBound, end: content.count, rule: ruleIndex, kind: .block))
                ruleSet.mergeSpans(&scratch.spans)
                if let error = ruleSet.subtractPlaceholders(in: content, scratch) {
                    return engineFailure(rule: ruleIndex, error)
                }
            }
            return nil
        }
        return nil
    }

    /// Records in ``alternateValueBlocks`` the candidate value-block rules after `opened` (in
    /// ``CompiledRuleSet/blockRules`` order) whose begin also matches `content` from `start`
    /// without their end on the line. A rule the engine fails on is recorded too (fail closed:
    /// its value pattern is then tried on the next lines).
    private mutating func collectAlternateValueBlocks(after opened: Int32, in content: UnsafeRawBufferPointer, from start: Int) {
        var seen = false
        for ruleIndex in ruleSet.blockRules {
            if ruleIndex == opened { seen = true; continue }
            guard seen, scratch.isCandidate(ruleIndex) else { continue }
            let rule = ruleSet.compiledRules[Int(ruleIndex)]
            guard rule.blockValue != nil else { continue }
            // SAFETY: every index in `blockRules` has a compiled `blockBegin` and `blockEnd`.
            let rc = scratch.match.match(rule.blockBegin.unsafelyUnwrapped, content, from: start)
            if rc < 0 { alternateValueBlocks.append(ruleIndex); continue }
            guard rc > 0, let begin = scratch.match.groupRange(0) else { continue }
            let endRC = scratch.match.match(rule.blockEnd.unsafelyUnwrapped, content, from: begin.upperBound)
            if endRC == 0 || endRC < 0 { alternateValueBlocks.append(ruleIndex) }
        }
    }

    /// A line inside an open value block (see ``BlockSpec``): scanned as usual, then the block's
    /// value pattern is matched, on the whole line and, when that finds nothing, on the line after
    /// the log prefix it shares with the begin line; then, while nothing is found, the value
    /// patterns of the ``alternateValueBlocks`` within their own `maxLines`. An accepted value is
    /// masked and closes the block; a blank line is kept and leaves the block as it was (or closes
    /// it, when the block's `end` matches a blank line); otherwise a
    /// line that matches the block's `end`, or the last of its `maxLines`, closes it. Any line
    /// but a blank one may open the next block, which replaces a block still waiting.
    /// - Returns: the action as ``firstPassText(_:hits:)``'s; on an engine failure the block
    ///   stays open (the value may come on the next line) and the line fails closed.
    mutating func valueBlockLine(_ content: UnsafeRawBufferPointer, hits: Range<Int>?,
                                 block: (rule: Int32, lines: Int)) -> LineAction {
        // A blank line between the label and its value (`Your new API key is:`, an empty line,
        // then the key) neither holds the value nor counts against the block's `maxLines`; unless
        // the rule's end matches it: then the wait is over (`cli-printed-secret`: the command
        // printed nothing, and what follows the blank line is the next step's output).
        let rule = ruleSet.compiledRules[Int(block.rule)]
        if content.allSatisfy({ KeyBlockLine.isBlank($0) || $0 == UInt8(ascii: "\r") }) {
            // SAFETY: a rule with a `blockValue` is a block rule, so its `blockEnd` is compiled.
            let rc = scratch.match.match(rule.blockEnd.unsafelyUnwrapped, content, from: 0)
            // (an engine failure on a blank line masks nothing and keeps the block waiting)
            if rc > 0 { activeBlock = nil }
            return .keep
        }
        let outcome = ruleSet.scanLine(content, scratch, hits: hits)
        if case .engineError(let failed, let error) = outcome { return engineFailure(rule: failed, error) }
        let spansBefore = scratch.spans.count
        if let error = findBlockValue(of: block.rule, in: content) { return engineFailure(rule: block.rule, error) }
        // The other rules whose begin matched the begin line, each within its own line bound and
        // up to its own end: a line that matches an alternate's end (and holds no value of it)
        // drops that alternate, as it would have closed the rule's own block.
        var lastLine = rule.blockMaxLines
        var index = 0
        while index < alternateValueBlocks.count {
            let alternate = alternateValueBlocks[index]
            let compiled = ruleSet.compiledRules[Int(alternate)]
            let bound = compiled.blockMaxLines
            if scratch.spans.count == spansBefore, block.lines < bound {
                if let error = findBlockValue(of: alternate, in: content) { return engineFailure(rule: alternate, error) }
                if scratch.spans.count == spansBefore {
                    // SAFETY: an alternate is a value-block rule, so its `blockEnd` is compiled.
                    let rc = scratch.match.match(compiled.blockEnd.unsafelyUnwrapped, content, from: 0)
                    if rc < 0 { return engineFailure(rule: alternate, PCRE2Error(code: rc)) }
                    if rc > 0 {
                        alternateValueBlocks.remove(at: index)
                        continue
                    }
                }
            }
            lastLine = max(lastLine, bound)
            index += 1
        }
        let found = scratch.spans.count > spansBefore
        // (a block of `everyValue` goes on after a value, to its end or its line bound)
        var closes = found && !rule.blockEveryValue
        if found {
            ruleSet.mergeSpans(&scratch.spans)
            if let error = ruleSet.subtractPlaceholders(in: content, scratch) { return engineFailure(rule: block.rule, error) }
        }
        if !closes {
            // SAFETY: a rule with a `blockValue` is a block rule, so its `blockEnd` is compiled.
            let rc = scratch.match.match(rule.blockEnd.unsafelyUnwrapped, content, from: 0)
            if rc < 0 { return engineFailure(rule: block.rule, PCRE2Error(code: rc)) }
            closes = rc > 0 || block.lines + 1 >= lastLine
        }
        // A joined block takes the line in (or closes when the joined text would outgrow its bound).
        if !closes && rule.blockJoinsLines {
            if blockJoined.count + 1 + content.count > BlockSpec.joinedLimit {
                closes = true
            } else {
                blockJoined.append(0x20)
                blockJoined.append(contentsOf: content)
            }
        }
        activeBlock = closes ? nil : (block.rule, block.lines + 1)
        // A line that closes the block may open the next one; so may a line that leaves it
        // waiting: a newer label (`admin password:` after `... by running:`) takes over, or the
        // value under it would pass while the older block looks for its own.
        if let failure = openBlock(in: content, from: 0) { return failure }
        return scratch.spans.isEmpty ? .keep : .rendered
    }

    /// Appends to `scratch.spans` the value `rule`'s value pattern finds in `content`: on the
    /// whole line and, when that finds nothing, behind the log prefix the line shares with the
    /// begin line (each line of a CI job's or a syslog's output carries one), its spans moved back
    /// into the line.
    /// - Returns: the engine's error, if the pattern failed.
    private mutating func findBlockValue(of rule: Int32, in content: UnsafeRawBufferPointer) -> PCRE2Error? {
        if ruleSet.compiledRules[Int(rule)].blockJoinsLines { return findJoinedBlockValue(of: rule, in: content) }
        let spansBefore = scratch.spans.count
        if let error = ruleSet.findValueSpans(of: rule, in: content, scratch) { return error }
        guard scratch.spans.count == spansBefore,
              case let shared = blockPrefix.withUnsafeBytes({ KeyBlockLine.sharedPrefixLength(content, template: $0) }),
              shared > 0, shared < content.count else { return nil }
        let rest = UnsafeRawBufferPointer(rebasing: content[shared...])
        if let error = ruleSet.findValueSpans(of: rule, in: rest, scratch) { return error }
        for index in spansBefore..<scratch.spans.count {
            scratch.spans[index].start += shared
            scratch.spans[index].end += shared
        }
        return nil
    }

    /// ``findBlockValue(of:in:)`` for a `joinLines` rule: the value pattern is matched on the
    /// block's lines so far (``blockJoined``), a blank and `content`; the spans it finds in
    /// `content` are kept, moved back into the line (one that starts before the line is cut at its
    /// start), and the others dropped: those lines were written already.
    /// - Returns: the engine's error, if the pattern failed.
    private mutating func findJoinedBlockValue(of rule: Int32, in content: UnsafeRawBufferPointer) -> PCRE2Error? {
        let spansBefore = scratch.spans.count
        let offset = blockJoined.count + 1
        joinedLine.removeAll(keepingCapacity: true)
        joinedLine.append(contentsOf: blockJoined)
        joinedLine.append(0x20)
        joinedLine.append(contentsOf: content)
        let error = joinedLine.withUnsafeBytes { ruleSet.findValueSpans(of: rule, in: $0, scratch) }
        var kept = spansBefore
        for index in spansBefore..<scratch.spans.count {
            var span = scratch.spans[index]
            guard span.end > offset else { continue }
            span.start = max(span.start, offset) - offset
            span.end -= offset
            scratch.spans[kept] = span
            kept += 1
        }
        scratch.spans.removeSubrange(kept...)
        return error
    }

    /// After the line that ended a block (it was not key body) is rendered: when its output is
    /// shaped like key body (the empty template turns `password=Hunter2` into `password=`, a
    /// padded base64 line), a second pass would take it for body and keep the block open over the
    /// lines after it. So the block goes on over it here, as the second pass will: the output's
    /// body is masked like any body line and the block stays open. Then redacting the output
    /// again changes nothing (idempotence), and a line is never left in clear that a later pass
    /// would mask.
    mutating func continueBlockIfOutputIsBody(_ action: LineAction) -> LineAction {
        guard let ended = blockEndedByLine else { return action }
        blockEndedByLine = nil
        // (A BEGIN marker later on the same line opened another block: that one stays.)
        guard action == .rendered, activeBlock == nil else { return action }
        let start = endedBlockPrefix.withUnsafeBytes { prefix in
            scratch.rendered.withUnsafeBytes { KeyBlockLine.maskedStart($0, prefix: prefix) }
        }
        guard let bodyStart = start else { return action }
        let rule = ruleSet.compiledRules[Int(ended.rule)]
        let masked = ended.lines + 1
        if masked < rule.blockMaxLines {
            activeBlock = (ended.rule, masked)
            swap(&blockPrefix, &endedBlockPrefix)
            counts.unterminatedBlocks -= 1
        }
        // Mask the output's body like a body line's, then render it.
        let output = scratch.rendered
        let bodyAction = output.withUnsafeBytes { maskBody(of: $0, from: bodyStart, rule: ended.rule) }
        guard bodyAction == .rendered else { return bodyAction == .keep ? .rendered : bodyAction }
        renderOutputAgain()
        return .rendered
    }

    /// After a rendered line that left no block open: when its output opens one, the block opens
    /// here, as a second pass over the output would open it. The empty template turns `please use
    /// the following password to proceed to installation: <token>` into a line that ends with the
    /// label, which a begin pattern anchored at the line end matches; without this, redacting the
    /// output again would mask the lines after it (idempotence), and the first pass would leave
    /// them in clear. Uses the candidates of the last scan of the output (``settle(_:readingOutputAsRecord:)``).
    mutating func openBlockIfOutputOpens(_ action: LineAction) -> LineAction {
        guard action == .rendered, activeBlock == nil, !ruleSet.blockRules.isEmpty else { return action }
        let output = scratch.rendered
        scratch.spans.removeAll(keepingCapacity: true)
        if let failure = output.withUnsafeBytes({ openBlock(in: $0, from: 0) }) { return failure }
        guard !scratch.spans.isEmpty else { return .rendered }
        // The begin marker opened a key block with more of the line after it: mask that too.
        renderOutputAgain()
        return .rendered
    }

    /// Renders `scratch.rendered` (a line's output) again with the spans now in `scratch.spans`
    /// (positions in that output), leaving the result in `scratch.rendered`; the two buffers swap,
    /// so nothing is allocated once they have grown.
    private mutating func renderOutputAgain() {
        let output = scratch.rendered
        var next = scratch.renderedNext
        scratch.rendered = []
        scratch.renderedNext = []
        next.removeAll(keepingCapacity: true)
        output.withUnsafeBytes { render($0, into: &next) }
        scratch.rendered = next
        scratch.renderedNext = output
    }

    /// The spans of a block body line (in `scratch.spans`): `line` from `bodyStart` on, less any
    /// placeholder it holds already (a body line that is one is not masked again).
    /// - Returns: `.rendered` with the span to render, `.keep` when there is nothing to mask
    ///   (blank, or placeholders only), or the engine-failure action.
    mutating func maskBody(of line: UnsafeRawBufferPointer, from bodyStart: Int, rule: Int32) -> LineAction {
        scratch.beginLine()
        let body = UnsafeRawBufferPointer(rebasing: line[bodyStart...])
        guard body.contains(where: { !KeyBlockLine.isBlank($0) }) else { return .keep }
        scratch.spans.append(RedactionSpan(start: bodyStart, end: line.count, rule: rule, kind: .block))
        if let error = ruleSet.subtractPlaceholders(in: line, scratch) { return engineFailure(rule: rule, error) }
        return scratch.spans.isEmpty ? .keep : .rendered
    }

    /// Opens the block of the first block rule that is a candidate of the line just scanned (its
    /// keyword occurs): used when the line could not be scanned, so it may hold a BEGIN marker.
    mutating func openBlockIfCandidate() {
        guard activeBlock == nil else { return }
        for ruleIndex in ruleSet.blockRules where scratch.isCandidate(ruleIndex) {
            activeBlock = (ruleIndex, 0)
            return
        }
    }

    /// The first key-block rule one of whose keywords occurs in `bytes`, if any: a line that is
    /// never scanned (over-long) opens that block, since it may hold the BEGIN marker. (Value
    /// blocks are not looked for: the over-long line is masked whole, and their keywords, such as
    /// `token:`, would make every discarded chunk a search for each of them; nor key blocks whose
    /// begin is anchored at the line start: ``CompiledRuleSet/overlongBlockRules``.)
    func blockRuleMentioned(in bytes: UnsafeRawBufferPointer) -> Int32? {
        for (ruleIndex, keywords) in zip(ruleSet.overlongBlockRules, ruleSet.overlongBlockKeywords) {
            for keyword in keywords where containsFolded(bytes, keyword) {
                return ruleIndex
            }
        }
        return nil
    }
}
