#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Echoes and known values on a line (see ``ValueMemory``), after the first pass:
///
/// 1. the secrets the rules found on the line are remembered as echoes (a span from a rule, not a
///    block line, not a placeholder, 4+ bytes once quotes are trimmed);
/// 2. an `::add-mask::VALUE` command announces VALUE as a known value, masked on its own line;
/// 3. every occurrence of a value held is masked (rule `known-value` or `echo`), found by the
///    buffer's search, or by a search of the line itself when step 1 or 2 changed the values
///    (so an echo is masked earlier and later in its own line too).
///
/// Lines after one that changed the values are searched again by the caller when a new value
/// occurs in them (see ``valuesChanged`` and ``addedValues``), so the result does not depend on
/// read boundaries.
extension LineRedactor {
    /// Applies the value memory to a line whose first pass ended with `first`, and returns the
    /// line's action (`.rendered` with the spans in `scratch.spans`, not rendered yet).
    /// - Parameters:
    ///   - hits: the line's occurrences in `scratch.regionLiterals` (nil: none were searched).
    ///   - lineStart: where `content` starts in the region the hits' offsets refer to.
    mutating func applyValues(_ content: UnsafeRawBufferPointer, hits: Range<Int>?, lineStart: Int,
                              _ first: LineAction) -> LineAction {
        guard first == .keep || first == .rendered else { return first }
        if first == .keep, let hits, !holdsValueOrCommand(hits) { return .keep }  // the common case: nothing to do
        var announced = addMaskValue(in: content, hits: hits, lineStart: lineStart)
        // The step's script shown before it runs (`echo "::add-mask::$TOKEN"`): a reference, not
        // the value; nothing to mask or remember.
        if let range = announced, Self.isScriptReference(UnsafeRawBufferPointer(rebasing: content[range])) { announced = nil }
        let echoing = first == .rendered && (values?.echoCapacity ?? configuration.echoCapacity) > 0
        guard values != nil || announced != nil || echoing else { return first }
        if first == .keep { scratch.spans.removeAll(keepingCapacity: true) }
        let ruleSpans = scratch.spans.count
        var changed = false
        if echoing {
            let memory = valueMemory()
            for index in 0..<ruleSpans where ruleSet.isDetection(scratch.spans[index]) {
                let span = scratch.spans[index]
                guard let value = Self.echoValue(UnsafeRawBufferPointer(rebasing: content[span.start..<span.end])) else {
                    continue
                }
                if memory.remember(value) {
                    changed = true
                    addedValues.add(value)
                }
            }
        }
        if let announced {
            scratch.spans.append(RedactionSpan(start: announced.lowerBound, end: announced.upperBound,
                                               rule: ruleSet.knownValueRule, kind: .match))
            let value = UnsafeRawBufferPointer(rebasing: content[announced])
            if !containsPlaceholder(value) && announce(value) {
                changed = true
                addedValues.markUnknown()
            }
        }
        if let memory = values {
            if changed || hits == nil {
                if memory.scanValues(content, scratch.lineLiterals) {
                    addValueSpans(from: scratch.lineLiterals, 0..<scratch.lineLiterals.count, offset: 0, content, memory,
                                  ruleSpans: ruleSpans)
                }
            } else if let hits {
                addValueSpans(from: scratch.regionLiterals, hits, offset: lineStart, content, memory, ruleSpans: ruleSpans)
            }
        }
        if changed { valuesChanged = true }
        guard scratch.spans.count > ruleSpans else { return first }
        ruleSet.mergeSpans(&scratch.spans)
        if let error = ruleSet.subtractPlaceholders(in: content, scratch) {
            return engineFailure(rule: ruleSet.knownValueRule, error)
        }
        return scratch.spans.isEmpty ? .keep : .rendered
    }

    /// Whether the hits `range` of `scratch.regionLiterals` hold a value or the `::add-mask::`
    /// marker.
    @inline(__always)
    private func holdsValueOrCommand(_ range: Range<Int>) -> Bool {
        let ids = scratch.regionLiterals.ids
        let marker = ruleSet.addMaskLiteral ?? UInt32.max
        for index in range where ValueOverlay.isValueHit(ids[index]) || ids[index] == marker { return true }
        return false
    }

    /// The value memory, made now if there is none yet.
    mutating func valueMemory() -> ValueMemory {
        if let values { return values }
        let made = ValueMemory(for: ruleSet, echoCapacity: configuration.echoCapacity, knownValues: configuration.knownValues)
        values = made
        return made
    }

    /// Appends a span for each value hit among `found[range]` (ends at `offset` + position in
    /// `content`) that the first `ruleSpans` spans (the rules') do not cover already (so a secret
    /// keeps its rule's id where the rule found it), and marks echo values used.
    ///
    /// An echo inside a longer run of token bytes is masked with the whole run (see
    /// ``tokenRun(around:in:)``): a remembered `9Zw11adr8Q76adJ4` that starts a longer
    /// `t=9Zw11adr8Q76adJ4qj8Hr1p...` must not leave the rest of that token in the clear. A known
    /// value (`--mask-values-from`, `--mask-env`, `::add-mask::`) is masked exactly where it occurs.
    /// An echo shorter than ``shortEchoLength`` bytes counts only as a whole token: a remembered
    /// `1186` inside `11865` or a hash is a coincidence of a few characters, not the secret.
    private func addValueSpans(from found: LiteralScratch, _ range: Range<Int>, offset: Int,
                               _ content: UnsafeRawBufferPointer, _ memory: ValueMemory, ruleSpans: Int) {
        for index in range where ValueOverlay.isValueHit(found.ids[index]) {
            let id = found.ids[index]
            let end = Int(found.ends[index]) - offset
            let start = end - ValueOverlay.length(ofHit: id)
            guard start >= 0, end <= content.count else { continue }
            if scratch.spans[0..<ruleSpans].contains(where: { $0.start <= start && $0.end >= end }) { continue }
            let known = ValueOverlay.isTagged(id)
            let masked = known ? start..<end : Self.tokenRun(around: start..<end, in: content)
            if !known && end - start < Self.shortEchoLength && masked != start..<end { continue }
            scratch.spans.append(RedactionSpan(start: masked.lowerBound, end: masked.upperBound,
                                               rule: known ? ruleSet.knownValueRule : ruleSet.echoRule, kind: .match))
            if !known { memory.touch(UnsafeRawBufferPointer(rebasing: content[start..<end])) }
        }
    }

    /// Echo values shorter than this are masked only where they stand as a whole token.
    static let shortEchoLength = 8

    /// `range` widened over the token bytes (letters, digits, `_`, `-`, `+`) that continue it on
    /// either side, where the value itself begins or ends with such a byte: the whole token an
    /// echo is part of. Dots, slashes, `=` and blanks end it (a host name or a path that starts
    /// with the value keeps its other parts).
    static func tokenRun(around range: Range<Int>, in content: UnsafeRawBufferPointer) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        if isTokenByte(content[start]) {
            while start > 0 && isTokenByte(content[start - 1]) { start -= 1 }
            // A terminal colour code's parameters and final letter are no part of the token:
            // `\e[1mghp_...` masks from `ghp_` on, and the code stays whole. (The widening stops
            // at the code's last `;` or its `[`: the code itself may begin up to a whole
            // sequence's length before that, `\u001b[38;5;208m`.)
            var from = max(0, start - TerminalEscapes.maximumLength - 1)
            while start < range.lowerBound, let code = TerminalEscapes.nextSequence(in: content, from: from),
                  code.lowerBound < range.lowerBound {
                if code.upperBound > start && code.upperBound <= range.lowerBound { start = code.upperBound }
                from = code.upperBound
            }
        }
        if isTokenByte(content[end - 1]) {
            while end < content.count && isTokenByte(content[end]) { end += 1 }
        }
        return start..<end
    }

    @inline(__always)
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"):
            return true
        default:
            return false
        }
    }

    /// The secret of a rule's span as an echo value: quotes trimmed from both ends, and an HTTP
    /// authorization scheme before it (a JSON value `"Bearer <token>"` masked whole: the token
    /// is what comes back alone); nil when fewer than 4 bytes remain.
    static func echoValue(_ secret: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        var start = 0
        var end = secret.count
        while start < end && isQuote(secret[start]) { start += 1 }
        while end > start && isQuote(secret[end - 1]) { end -= 1 }
        start += authorizationSchemeLength(UnsafeRawBufferPointer(rebasing: secret[start..<end]))
        guard end - start >= ValueOverlay.minimumLength else { return nil }
        return UnsafeRawBufferPointer(rebasing: secret[start..<end])
    }

    /// The length of the HTTP authorization scheme and its blank that `value` starts with
    /// (`Bearer `, `Basic `, `Token `, `Bot `, `Digest `, any case) when more follows; 0 otherwise.
    static func authorizationSchemeLength(_ value: UnsafeRawBufferPointer) -> Int {
        for scheme in authorizationSchemes where value.count > scheme.count
            && value[scheme.count - 1] == 0x20
            && zip(value[0..<(scheme.count - 1)], scheme.dropLast()).allSatisfy({ $0 | 0x20 == $1 }) {
            return scheme.count
        }
        return 0
    }

    /// The HTTP authorization schemes, lower case, each with its blank.
    private static let authorizationSchemes: [[UInt8]] = ["bearer ", "basic ", "token ", "bot ", "digest "].map { Array($0.utf8) }

    private static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
    }

    // MARK: - ::add-mask::

    /// The value of the line's `::add-mask::VALUE` command (the first one), as a range of
    /// `content`: the rest of the line with blanks trimmed, or, in a JSON object line, up to the
    /// first `"` or `\`. Nil when there is none or it is empty.
    func addMaskValue(in content: UnsafeRawBufferPointer, hits: Range<Int>?, lineStart: Int) -> Range<Int>? {
        guard let literal = ruleSet.addMaskLiteral, let base = content.baseAddress else { return nil }
        var markerEnd: Int?
        if let hits {
            let found = scratch.regionLiterals
            for index in hits where found.ids[index] == literal {
                markerEnd = Int(found.ends[index]) - lineStart
                break
            }
        } else {
            let marker = CompiledRuleSet.addMaskMarker.utf8
            var start = 0
            // Case-insensitive like the keyword search: a direct check at each `:` (rare).
            while let colon = memchr(base + start, 0x3A, content.count - start) {
                let position = base.distance(to: UnsafeRawPointer(colon))
                if position + marker.count > content.count { break }
                if zip(marker, content[position..<(position + marker.count)]).allSatisfy({ ASCIIFolding.lower($1) == $0 }) {
                    markerEnd = position + marker.count
                    break
                }
                start = position + 1
            }
        }
        guard let markerEnd, markerEnd <= content.count else { return nil }
        var end = content.count
        if Self.startsJSONObject(content) {
            var index = markerEnd
            while index < end && content[index] != UInt8(ascii: "\"") && content[index] != UInt8(ascii: "\\") { index += 1 }
            end = index
        }
        var start = markerEnd
        while start < end && Self.isBlank(content[start]) { start += 1 }
        while end > start && Self.isBlank(content[end - 1]) { end -= 1 }
        return start < end ? start..<end : nil
    }

    /// Whether an `::add-mask::` value is a reference in the script that runs the command rather
    /// than the value it masks: a placeholder or template (``SecretShape/isPlaceholder(_:)``:
    /// `${NAME}`, `${{ secrets.NAME }}`, `$(command)`, `$NAME` and `%NAME%` alone), or `$NAME`,
    /// `$env:NAME`, `%NAME%` followed by the rest of the script line (`echo "::add-mask::$TOKEN"`).
    static func isScriptReference(_ value: UnsafeRawBufferPointer) -> Bool {
        guard value.count > 1 else { return false }
        if SecretShape.isPlaceholder(value) { return true }
        let sigil = value[0]
        guard sigil == UInt8(ascii: "$") || sigil == UInt8(ascii: "%") else { return false }
        var start = 1
        if sigil == UInt8(ascii: "$"), value.count > 5,
           value[1...4].elementsEqual("env:".utf8, by: { ASCIIFolding.lower($0) == $1 }) { start = 5 }
        // The name, `[A-Za-z_][A-Za-z0-9_]*`, in one pass (the value may be the rest of a long line).
        guard start < value.count, SecretShape.isLetter(value[start]) || value[start] == UInt8(ascii: "_") else { return false }
        var end = start + 1
        while end < value.count
            && (SecretShape.isLetter(value[end]) || SecretShape.isDigit(value[end]) || value[end] == UInt8(ascii: "_")) {
            end += 1
        }
        if sigil == UInt8(ascii: "%") {
            guard end < value.count, value[end] == UInt8(ascii: "%") else { return false }
            end += 1
        }
        guard end < value.count else { return true }
        switch value[end] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ";"),
             UInt8(ascii: ")"), UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }

    /// Announces the value of an `::add-mask::` command: GitHub's escapes (`%25`, `%0D`, `%0A`)
    /// decoded, and each line of it (4+ bytes) added as a known value.
    /// - Returns: whether the values held changed.
    private mutating func announce(_ escaped: UnsafeRawBufferPointer) -> Bool {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(escaped.count)
        var index = 0
        while index < escaped.count {
            if escaped[index] == UInt8(ascii: "%"), index + 2 < escaped.count,
               let byte = Self.commandEscape(escaped[index + 1], escaped[index + 2]) {
                decoded.append(byte)
                index += 3
            } else {
                decoded.append(escaped[index])
                index += 1
            }
        }
        let memory = valueMemory()
        var changed = false
        for part in decoded.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            if part.withUnsafeBytes({ memory.announce($0) }) { changed = true }
        }
        return changed
    }

    /// GitHub's workflow-command data escapes: `%25` (`%`), `%0D`, `%0A`.
    private static func commandEscape(_ high: UInt8, _ low: UInt8) -> UInt8? {
        switch (high, ASCIIFolding.lower(low)) {
        case (UInt8(ascii: "2"), UInt8(ascii: "5")): return UInt8(ascii: "%")
        case (UInt8(ascii: "0"), UInt8(ascii: "d")): return 0x0D
        case (UInt8(ascii: "0"), UInt8(ascii: "a")): return 0x0A
        default: return nil
        }
    }

    /// Whether `bytes` holds text this rule set renders as a placeholder (an already masked value
    /// is never announced).
    private func containsPlaceholder(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let search = ruleSet.placeholderSearch else { return false }
        return scratch.match.match(search, bytes, from: 0) > 0  // an engine error: announce (fail closed)
    }

    private static func startsJSONObject(_ content: UnsafeRawBufferPointer) -> Bool {
        for byte in content where !isBlank(byte) { return byte == UInt8(ascii: "{") }
        return false
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
}
