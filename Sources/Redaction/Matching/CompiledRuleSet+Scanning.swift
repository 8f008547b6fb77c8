internal import CRedactScan

extension CompiledRuleSet {
    /// Finds the regions of `line` to mask.
    ///
    /// Runs the keyword prefilter once over the line, then each candidate rule's pattern over the
    /// whole line (all non-overlapping matches), applies secret-group selection, entropy,
    /// allowlists and the placeholder guard, and leaves the union of the secret spans, sorted and
    /// merged, in `scratch.spans`. Deterministic whatever the rule order.
    ///
    /// - Parameters:
    ///   - line: the line's content without its terminator.
    ///   - hits: the line's keyword occurrences in `scratch.regionLiterals` (found by one search
    ///     over the whole buffer), or nil to search the line now.
    ///     `scratch.regionLineStart` says where the line starts in that buffer.
    /// - Returns: `.engineError` as soon as any PCRE2 call fails; the caller must mask the line.
    ///
    /// A line with terminal colour codes is searched with the codes blanked (same offsets, see
    /// ``TerminalEscapes``), keywords included, so a token right after `\e[1m` or `\u001b[36m`
    /// is found, and so is a key coloured apart from its separator (`api_key\e[0m=...`).
    func scanLine(_ line: UnsafeRawBufferPointer, _ scratch: ScanScratch, hits: Range<Int>? = nil) -> LineScanOutcome {
        guard TerminalEscapes.mayContain(line) else { return scanLineAsIs(line, scratch, hits: hits) }
        var copy = scratch.blankedLine  // owned here while scanning (a nested scan uses its own scratch)
        scratch.blankedLine = []
        defer { scratch.blankedLine = copy }
        guard TerminalEscapes.blank(line, into: &copy) else { return scanLineAsIs(line, scratch, hits: hits) }
        // The keywords are searched again in the copy: a code inside one (`pwd\e[0m=`, a key
        // coloured apart from its separator) hides it from the search over the raw bytes.
        return copy.withUnsafeBytes { scanLineAsIs($0, scratch, hits: nil) }
    }

    /// ``scanLine(_:_:hits:)`` on the bytes of `line` as they are.
    private func scanLineAsIs(_ line: UnsafeRawBufferPointer, _ scratch: ScanScratch, hits: Range<Int>?) -> LineScanOutcome {
        scratch.beginLine()
        if let hits {
            addCandidates(scratch, from: scratch.regionLiterals, hits: hits, line: line, base: scratch.regionLineStart)
            scratch.lineHits = LineHits(source: scratch.regionLiterals, range: hits, base: scratch.regionLineStart)
        } else if literals.scan(line, scratch.lineLiterals) {
            addCandidates(scratch, from: scratch.lineLiterals, hits: 0..<scratch.lineLiterals.count, line: line, base: 0)
            scratch.lineHits = LineHits(source: scratch.lineLiterals, range: 0..<scratch.lineLiterals.count, base: 0)
        } else {
            addEveryRule(scratch)
            scratch.lineHits = nil
        }
        return runCandidates(line, scratch)
    }

    /// Makes the rules of hits `range` of `found` candidates of the current line, plus the rules
    /// without keywords; an occurrence inside a phrase of ``benignContexts`` selects nothing.
    /// - Parameters:
    ///   - line: the line's content; `base` is where it starts in the offsets of `found`.
    @inline(__always)
    func addCandidates(_ scratch: ScanScratch, from found: LiteralScratch, hits range: Range<Int>,
                       line: UnsafeRawBufferPointer, base: Int) {
        for rule in alwaysRun { scratch.addCandidate(rule) }
        let ids = found.ids
        let checksContext = !benignContexts.isEmpty
        literals.ruleStart.withUnsafeBufferPointer { start in
            literals.ruleList.withUnsafeBufferPointer { list in
                for hit in range where !ValueOverlay.isValueHit(ids[hit]) {
                    if checksContext
                        && benignContexts.contains(ids[hit], length: literals.literalLength(Int(ids[hit])),
                                                   endingAt: Int(found.ends[hit]) - base, in: line) {
                        continue
                    }
                    // SAFETY: other ids are literal ids of `literals` (the set was built from
                    // them), and `range` lies within the scratch's valid entries.
                    let literal = Int(ids[hit])
                    var index = Int(start[literal])
                    let end = Int(start[literal + 1])
                    while index < end {
                        scratch.addCandidate(list[index])
                        index &+= 1
                    }
                }
            }
        }
    }

    /// The keyword scan could not run: every rule is a candidate (slower, never wrong).
    func addEveryRule(_ scratch: ScanScratch) {
        for rule in 0..<Int32(count) { scratch.addCandidate(rule) }
    }

    /// Runs the candidate rules already in `scratch` over `line` (see ``scanLine(_:_:)``).
    func runCandidates(_ line: UnsafeRawBufferPointer, _ scratch: ScanScratch) -> LineScanOutcome {
        var index = 0
        while index < scratch.candidateCount {
            let rule = scratch.candidates[index]
            // SAFETY: candidates are rule indices of this set; the scratch arrays hold `count` entries.
            let slot = Int(rule)
            if scratch.quarantine[slot] > 0 {
                scratch.quarantine[slot] -= 1
                return .engineError(rule: rule, error: .quarantined)
            }
            let failure: PCRE2Error?
            if let profile = scratch.profile {
                let start = RuleProfile.now()
                let spansBefore = scratch.spans.count
                failure = findSpans(of: rule, in: line, scratch)
                profile.record(rule, since: start, matched: scratch.spans.count > spansBefore)
            } else {
                failure = findSpans(of: rule, in: line, scratch)
            }
            if let error = failure {
                if error.isResourceLimit {
                    scratch.limitFailures[slot] &+= 1
                    if options.limits.quarantineThreshold > 0 && scratch.limitFailures[slot] >= options.limits.quarantineThreshold {
                        scratch.quarantine[slot] = options.limits.quarantineLines
                        scratch.limitFailures[slot] = options.limits.quarantineThreshold &- 1
                    }
                }
                return .engineError(rule: rule, error: error)
            }
            scratch.limitFailures[slot] = 0
            index &+= 1
        }
        if let error = findEncodedSecrets(in: line, scratch) {
            return .engineError(rule: scratch.spans.first?.rule ?? 0, error: error)
        }
        if scratch.spans.isEmpty { return .clean }
        mergeSpans(&scratch.spans)
        if let error = subtractPlaceholders(in: line, scratch) {
            return .engineError(rule: scratch.spans.first?.rule ?? 0, error: error)
        }
        return scratch.spans.isEmpty ? .clean : .redact
    }

    /// Appends the spans of every accepted match of `ruleIndex` in `line`.
    /// - Returns: the PCRE2 error that stopped matching, if any.
    func findSpans(of ruleIndex: Int32, in line: UnsafeRawBufferPointer, _ scratch: ScanScratch) -> PCRE2Error? {
        let rule = compiledRules[Int(ruleIndex)]
        if rule.matchesNothing { return nil }
        if let window = rule.rule.keywordWindow, rule.hasKeywords, let hits = scratch.lineHits {
            return findSpansNearKeywords(of: ruleIndex, rule, window: window, in: line, hits: hits, scratch)
        }
        var rescanned = 0
        return findSpans(of: ruleIndex, rule, in: line, from: 0, startingBy: nil, scratch, rescanned: &rescanned).error
    }

    /// Appends the spans of the accepted matches of the value pattern of value-block rule
    /// `ruleIndex` (``BlockSpec/value``) in `line`: the same shape, entropy and allowlist
    /// decision as a match of the rule's own regex.
    /// - Returns: the PCRE2 error that stopped matching, if any.
    func findValueSpans(of ruleIndex: Int32, in line: UnsafeRawBufferPointer, _ scratch: ScanScratch) -> PCRE2Error? {
        let rule = compiledRules[Int(ruleIndex)]
        guard let pattern = rule.blockValue else { return nil }
        var rescanned = 0
        return findSpans(of: ruleIndex, rule, pattern: pattern, in: line, from: 0, startingBy: nil, scratch,
                         rescanned: &rescanned).error
    }

    /// Bytes a rule may search again after rejected matches on one line (see
    /// ``findSpans(of:_:in:from:startingBy:_:rescanned:)``): twice the line and 4 KiB. Ordinary
    /// lines stay far below it (a rejected value is searched once more); a line built so that
    /// every rejected match runs to its end would otherwise cost time quadratic in its length.
    /// Past it the rule fails with ``PCRE2Error/rescanLimit`` and the line is masked.
    static func rescanBudget(forLineOf count: Int) -> Int { 2 * count + 4096 }

    /// A keyword-window rule (``RedactionRule/keywordWindow``): its regex is tried only near each
    /// occurrence of one of its keywords, from `window` bytes before the occurrence to its end
    /// (PCRE2's offset limit), instead of at every position of the line.
    private func findSpansNearKeywords(of ruleIndex: Int32, _ rule: CompiledRule, window: Int,
                                       in line: UnsafeRawBufferPointer, hits: LineHits,
                                       _ scratch: ScanScratch) -> PCRE2Error? {
        // The first start position not searched yet: every position before it was tried (a
        // search with a limit tries each start up to the limit) or lies inside a match, exactly as
        // a search of the whole line would leave it. A run of occurrences (`....` in a line of
        // dots, one occurrence per byte) is then searched once, not once per occurrence.
        var covered = 0
        var rescanned = 0  // shared by the searches of this line (one budget per line and rule)
        for hit in hits.range where !ValueOverlay.isValueHit(hits.source.ids[hit]) {
            let literal = Int(hits.source.ids[hit])
            guard literals.literal(literal, selects: ruleIndex) else { continue }
            let end = Int(hits.source.ends[hit]) - hits.base
            let start = end - literals.literalLength(literal)
            guard end >= covered, end <= line.count else { continue }
            var from = max(covered, start - window)
            // Start at a word boundary: a search that began inside a key name could match a part
            // of it that a search from the name's start skips (`continuationToken`). (Not needed
            // when the search goes on right where the last one stopped.)
            if from > covered {
                let floor = max(covered, from - 128)
                while from > floor && Self.isNameByte(line[from - 1]) { from -= 1 }
                // A pattern anchored at the line start, `(?:^|;)\s*password=`, matches after any
                // indentation: when only blanks lie before the window, search from the line start.
                if from > covered && line[..<from].allSatisfy(KeyBlockLine.isBlank) { from = covered }
            }
            // A keyword that ends inside a name (`key_` in `KEY_CACHE_KEY=`) is searched on to
            // the name's end: a search of the whole line that skips the name from its start
            // (`CACHE_KEY`, a data key's name) never tries its later parts either, but a search
            // that stopped at the keyword's end would leave them to the next occurrence's search,
            // which then starts inside the name and takes `KEY=` as a key of its own.
            var limit = end
            if end > 0 && Self.isNameByte(line[end - 1]) {
                let ceiling = min(line.count, end + 128)
                while limit < ceiling && Self.isNameByte(line[limit]) { limit += 1 }
            }
            let found = findSpans(of: ruleIndex, rule, in: line, from: from, startingBy: limit, scratch,
                                  rescanned: &rescanned)
            if let error = found.error { return error }
            covered = max(covered, found.end, limit + 1)
        }
        return nil
    }

    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    /// Appends the spans of the accepted matches of `rule` (its regex, or `pattern` when given) in
    /// `line` from `offset` on; with `startingBy`, only matches that start at or before it (one
    /// search, bounded).
    /// - Parameter rescanned: bytes searched again after rejected matches so far on this line,
    ///   checked against ``rescanBudget(forLineOf:)``.
    /// - Returns: the PCRE2 error that stopped matching, if any, and how far the search is done:
    ///   the end of the last accepted match, or where a rejected match's search resumed.
    private func findSpans(of ruleIndex: Int32, _ rule: CompiledRule, pattern: CompiledPattern? = nil,
                           in line: UnsafeRawBufferPointer, from start: Int,
                           startingBy limit: Int?, _ scratch: ScanScratch,
                           rescanned: inout Int) -> (error: PCRE2Error?, end: Int) {
        let match = scratch.match
        // `secretGroup` numbers a group of the rule's regex; another pattern's secret is its
        // first non-empty group.
        let secretGroup = pattern == nil ? rule.secretGroup : nil
        let pattern = pattern ?? rule.pattern
        var offset = start
        var lastEnd = start
        while offset <= line.count {
            let rc = match.match(pattern, line, from: offset, offsetLimit: limit)
            if rc == 0 { return (nil, lastEnd) }
            if rc < 0 { return (PCRE2Error(code: rc), lastEnd) }
            guard let whole = match.groupRange(0) else { return (nil, lastEnd) }
            var secret = whole
            if let group = secretGroup {
                secret = match.groupRange(group) ?? (whole.lowerBound..<whole.lowerBound)
            } else if rc > 1 {
                for group in 1..<Int(rc) {
                    if let range = match.groupRange(group), !range.isEmpty { secret = range; break }
                }
            }
            // Advance before the filters run (they reuse the match data). An empty match moves
            // one byte on so the loop always progresses (no pcre2_next_match on PCRE2 10.42).
            offset = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
            // A rejected match must not hide a match that starts inside it: in
            // `password "password": "s3cr3t"` the first `password` takes `"password"` as its
            // value (rejected: a placeholder word), and the real assignment starts inside that
            // match. So after a rejection the search resumes where the value began (past the
            // match start, so the loop still progresses). A match that is its own secret (no key
            // before it) hides nothing that way: the search goes on after it, as before (resuming
            // one byte on would re-match every suffix of a long rejected run).
            let resume = secret.lowerBound > whole.lowerBound ? secret.lowerBound : offset
            if secret.isEmpty {
                lastEnd = max(lastEnd, whole.upperBound)
                continue
            }
            // A generated value with punctuation inside (`secret_key=Ab3]Cd4}Ef5`) is judged,
            // and masked, whole: cut at its first bracket it would be too short to judge and
            // leave the rest in clear.
            if rule.rule.valueShape != nil { secret = secret.lowerBound..<Self.endOverPunctuation(line, value: secret) }
            switch accepts(rule, line: line, match: whole, secret: secret, scratch) {
            case .success(true):
                lastEnd = max(lastEnd, whole.upperBound)
                // A generic rule's value cut at an escape (`password=an\u0023iJR...` in a Java
                // properties file) would leave its tail in clear: the span covers the escapes.
                let reach = rule.rule.valueShape == nil ? secret.upperBound : Self.endOverEscapes(line, from: secret.upperBound)
                // (never past the string or the query parameter the value sits in)
                let end = Self.endInsideEnclosingField(line, start: secret.lowerBound, end: reach)
                scratch.spans.append(RedactionSpan(start: secret.lowerBound, end: end, rule: ruleIndex, kind: .match))
            case .success(false):
                if resume < offset {
                    rescanned += offset - resume
                    if rescanned > Self.rescanBudget(forLineOf: line.count) { return (.rescanLimit, lastEnd) }
                    offset = resume
                }
                lastEnd = max(lastEnd, offset)
                continue
            case .failure(let error):
                return (error, lastEnd)
            }
        }
        return (nil, lastEnd)
    }

    /// Where a span from `start` to `end` ends when it runs out of the field that holds it: the
    /// close of a JSON string escaped in the line (`{\"msg\":\"psql --password=X\",\"caller\":...}`:
    /// backslashes and a `"` that JSON structure follows, ``jsonStructureFollows(_:at:)``); in a line that holds
    /// JSON (a `":` before the value), an escaped line break, `\n` or `\r`, that an indented line
    /// follows (`"full_message":"... key=X\n\tat com.acme..."`: the stack frames stay);
    /// an XML closing tag (`X</Data><Data Name="User">`); or, for a value written percent-encoded
    /// (`%3D` or `%20` right before it), the `&` that starts the next query parameter
    /// (`?q=...Bearer%20X&page=1`: in a percent-encoded value a `&` is always `%26`).
    /// The value's own bytes before that point stay in the span; `end` when none is inside it.
    /// (A password with `\",`, `\n` or `</x>` in it would end there: nothing writes such a
    /// password in clear in those contexts, and the structure after it would otherwise be masked.)
    static func endInsideEnclosingField(_ line: UnsafeRawBufferPointer, start: Int, end: Int) -> Int {
        guard end - start > 1, end <= line.count else { return end }
        let percentEncoded = start >= 3 && line[start - 3] == UInt8(ascii: "%")
            && PercentDecoder.hexValue(line[start - 2]) != nil && PercentDecoder.hexValue(line[start - 1]) != nil
        var jsonBefore: Bool?  // whether a `":` comes before the value (looked up at the first `\n`)
        var index = start + 1
        while index < end {
            let byte = line[index]
            if percentEncoded && byte == UInt8(ascii: "&") { return index }
            if byte == UInt8(ascii: "<"), index + 2 < line.count, line[index + 1] == UInt8(ascii: "/"),
               SecretShape.isLetter(line[index + 2]) {
                var close = index + 3
                while close < line.count && close < index + 64
                    && (Self.isNameByte(line[close]) || line[close] == UInt8(ascii: ":")) { close += 1 }
                if close < line.count && line[close] == UInt8(ascii: ">") { return index }
            }
            if byte == UInt8(ascii: "\\") {
                if line[index - 1] != UInt8(ascii: "\\"), index + 1 < end,
                   line[index + 1] == UInt8(ascii: "n") || line[index + 1] == UInt8(ascii: "r"),
                   Self.indentFollowsEscapedBreak(line, at: index + 2) {
                    if jsonBefore == nil { jsonBefore = Self.holdsJSONKey(UnsafeRawBufferPointer(rebasing: line[..<start])) }
                    if jsonBefore == true { return index }
                }
                var quote = index
                while quote < line.count && line[quote] == UInt8(ascii: "\\") { quote += 1 }
                if quote < line.count && line[quote] == UInt8(ascii: "\""), Self.jsonStructureFollows(line, at: quote + 1) {
                    return index
                }
                index = quote
                continue
            }
            index += 1
        }
        return end
    }

    /// Whether an indented line starts at `index`, after an escaped line break: a blank, a tab,
    /// a `\t` escape, or another escaped break then one of those (`\n\tat com.acme...`, `\r\n  File
    /// "app.py"`). The lines of a key file joined by `\n` escapes (a PEM or OpenVPN key in a JSON
    /// string) start with key bytes, not blanks: such a value goes on over its breaks.
    private static func indentFollowsEscapedBreak(_ line: UnsafeRawBufferPointer, at index: Int) -> Bool {
        var at = index
        if at + 1 < line.count && line[at] == UInt8(ascii: "\\") && line[at + 1] == UInt8(ascii: "n") { at += 2 }
        guard at < line.count else { return false }
        if line[at] == 0x20 || line[at] == 0x09 { return true }
        return at + 1 < line.count && line[at] == UInt8(ascii: "\\") && line[at + 1] == UInt8(ascii: "t")
    }

    /// Whether JSON structure follows a string's closing quote at `index`: the line's end, `:`,
    /// `}`, `]`, or `,` and the next member's (escaped) quote (`\",\"caller\"`); not `, name=` (a
    /// quoted Digest parameter in a logfmt value, `username=\"admin\", realm=\"...\"`).
    private static func jsonStructureFollows(_ line: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard index < line.count else { return true }
        switch line[index] {
        case UInt8(ascii: ":"), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x0A, 0x0D: return true
        case UInt8(ascii: ","):
            var next = index + 1
            while next < line.count && (line[next] == 0x20 || line[next] == UInt8(ascii: "\\")) { next += 1 }
            return next < line.count && (line[next] == UInt8(ascii: "\"") || line[next] == UInt8(ascii: "{"))
        default: return false
        }
    }

    /// Whether `bytes` hold a JSON key's end, `":` (escaped or not).
    private static func holdsJSONKey(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let keyEnd: StaticString = "\":"
        return redact_find_bytes(base.assumingMemoryBound(to: UInt8.self), bytes.count,
                                 keyEnd.utf8Start, keyEnd.utf8CodeUnitCount) >= 0
    }

    /// Where a value that ends at `start` ends once `\uXXXX` / `\xNN` escapes, a Java properties
    /// file's escaped `\=`, `\:`, `\#`, `\!` and `\\` (`password=Winter&DRPk\=354+MjK`; not `\\` before
    /// a `"`, which closes a string escaped twice), and the
    /// value bytes after them are taken in, and `?` followed by value bytes without an `=` (a
    /// generated password, `appSecret=g3OpoP1dy?jPQX?BUeJO`, where a query would go on with
    /// `?name=`); `start` itself when none follows.
    static func endOverEscapes(_ line: UnsafeRawBufferPointer, from start: Int) -> Int {
        var end = start
        while end < line.count {
            if case let escape = SecretShape.escapeLength(line, at: end), escape > 0 {
                end += escape
            } else if line[end] == UInt8(ascii: "\\"), end + 1 < line.count, Self.isPropertiesEscape(line[end + 1]),
                      // (`\\"` closes a string escaped twice, a bytes repr of escaped JSON: not the value's)
                      !(line[end + 1] == UInt8(ascii: "\\") && end + 2 < line.count && line[end + 2] == UInt8(ascii: "\"")) {
                end += 2
            } else if line[end] == UInt8(ascii: "?") {
                var next = end + 1
                while next < line.count && isEscapedValueByte(line[next]) && line[next] != UInt8(ascii: "=") { next += 1 }
                guard next > end + 1, next == line.count || line[next] != UInt8(ascii: "=") else { break }
                end = next
                continue
            } else {
                break
            }
            while end < line.count && isEscapedValueByte(line[end]) { end += 1 }
        }
        return end
    }

    /// Where `value`, which the rule's regex cut at punctuation inside it, ends: a generated
    /// password or key with `,` `;` `[` `]` `{` `}` `(` `)` in it (`password=Xy7}kQ9[zP,w2!`,
    /// `secret_key=Ab3]Cd4}Ef5`). The bytes after the punctuation up to a blank, a quote or the line
    /// end belong to the value when they start right after it (not `password=x, ok`), hold a
    /// letter or digit, and hold no `=`, `:` or `<` (a next field: `,user=bob`, `;uid=sa`, `,host:db1`;
    /// a closing tag: `}</password>`); when the value was cut at a `,` or `;` and a next field
    /// (`name=`, or a name with blanks, `Persist Security Info=`) comes after more bytes that hold
    /// a digit or a symbol, the value ends at the `,` or `;` before that field
    /// (`Password=Ab;c9&xQ7!;Encrypt=true`: `Ab;c9&xQ7!`; a list of words,
    /// `password=required,confirmed,min:12`, is not taken in),
    /// and the punctuation is not the byte before the value too, nor the bracket that closes the
    /// one before it (a cell between two delimiters: `shared_secret,X,2024-05-01`; a bracketed
    /// value: `<![CDATA[X]]></password>`, `Some(X)`), nor a bracket a member access follows
    /// (`SECRET_ID).secret_string`: code); closing punctuation at their end
    /// (`(token=X)`, `X).`) stays outside. Returns `value.upperBound` when no such bytes follow.
    static func endOverPunctuation(_ line: UnsafeRawBufferPointer, value: Range<Int>) -> Int {
        let start = value.upperBound
        guard start < line.count, isInnerPunctuation(line[start]) else { return start }
        // A call or an index that goes on with a member: `SECRET_ID).secret_string`, `KEYS].first`.
        if (line[start] == UInt8(ascii: ")") || line[start] == UInt8(ascii: "]")) && start + 2 < line.count
            && line[start + 1] == UInt8(ascii: ".") && SecretShape.isLetter(line[start + 2]) {
            return start
        }
        if value.lowerBound > 0 {
            let before = line[value.lowerBound - 1], after = line[start]
            if before == after || (before == UInt8(ascii: "[") && after == UInt8(ascii: "]"))
                || (before == UInt8(ascii: "(") && after == UInt8(ascii: ")"))
                || (before == UInt8(ascii: "{") && after == UInt8(ascii: "}")) {
                return start
            }
        }
        var next = start + 1
        var alphanumeric = false
        // Whether the value was cut at a list separator (not SOPS's `ENC[AES256_GCM,data:...`, cut
        // at a bracket): only then may a next field end it at a later separator. The last `,` or
        // `;` after which the bytes were still the value's (0: none yet, or not cut at one), and
        // whether the bytes before it hold more than letters (`Ab;c9&xQ7!` does; a list of
        // words, `required,confirmed,min:12`, is no password cut at a separator).
        let cutAtSeparator = line[start] == UInt8(ascii: ",") || line[start] == UInt8(ascii: ";")
        var lastSeparator = 0
        var notOnlyLetters = false
        while next < line.count {
            let byte = line[next]
            if byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
                || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "\\") { break }
            // (a next field, or a markup tag after the value: `${PASS:-x}</password>`; a field
            // after more of the value ends the value at the separator before it:
            // `Password=Ab;c9&xQ7!;Encrypt=true` holds `Ab;c9&xQ7!`)
            if byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "<") {
                guard lastSeparator > 0 else { return start }
                next = lastSeparator
                break
            }
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") {
                if cutAtSeparator && alphanumeric && notOnlyLetters { lastSeparator = next }
            } else if SecretShape.isLetter(byte) {
                alphanumeric = true
            } else {
                if SecretShape.isDigit(byte) { alphanumeric = true }
                notOnlyLetters = true
            }
            next += 1
        }
        guard alphanumeric else { return start }
        // (the first word of a next field whose name has blanks in it: `Password=<password>;Persist
        // Security Info=False`, `;Application Name=orders`)
        if cutAtSeparator, next < line.count, line[next] == 0x20, Self.spacedNameFollows(line, from: next) {
            guard lastSeparator > 0 else { return start }
            next = lastSeparator
        }
        while next > start + 1, isTrailingPunctuation(line[next - 1]) { next -= 1 }
        return next
    }

    /// Whether the bytes from `start` (a blank after a word) are the rest of a field name with
    /// blanks in it and its `=`: ` Security Info=`, ` Name=` (up to 40 bytes of letters, digits
    /// and blanks).
    private static func spacedNameFollows(_ line: UnsafeRawBufferPointer, from start: Int) -> Bool {
        var index = start
        let limit = min(line.count, start + 40)
        while index < limit {
            let byte = line[index]
            if byte == UInt8(ascii: "=") { return index > start + 1 }
            guard byte == 0x20 || SecretShape.isLetter(byte) || SecretShape.isDigit(byte) else { return false }
            index += 1
        }
        return false
    }

    @inline(__always)
    private static func isInnerPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }

    @inline(__always)
    private static func isTrailingPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ")"), UInt8(ascii: "]"),
             UInt8(ascii: "}"), UInt8(ascii: ">"):
            return true
        default:
            return false
        }
    }

    /// The bytes a Java properties file escapes with a backslash inside a value.
    @inline(__always)
    private static func isPropertiesEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "#")
            || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "\\")
    }

    @inline(__always)
    private static func isEscapedValueByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "\\"),
             UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "&"), UInt8(ascii: ")"), UInt8(ascii: "]"),
             UInt8(ascii: "}"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return false
        default:
            return true
        }
    }

    /// Applies the value shape, entropy and allowlists to one match (placeholders are cut out of
    /// the line's spans afterwards, see ``subtractPlaceholders(in:_:)``).
    private func accepts(_ rule: CompiledRule, line: UnsafeRawBufferPointer, match: Range<Int>, secret: Range<Int>,
                         _ scratch: ScanScratch) -> Result<Bool, PCRE2Error> {
        let secretBytes = UnsafeRawBufferPointer(rebasing: line[secret])
        if let shape = rule.rule.valueShape, !SecretShape.accepts(secretBytes, as: shape) { return .success(false) }
        // (a variable passed on, one argument or field per line: `    password=db_password,`)
        if rule.rule.valueShape != nil, CodeArgumentValue.isVariable(line, secret: secret) { return .success(false) }
        if let minimum = rule.rule.entropy, shannonEntropy(secretBytes) < minimum { return .success(false) }
        for allowlist in rule.allowlists {
            switch allows(allowlist, line: line, match: match, secret: secret, scratch) {
            case .success(true): return .success(false)
            case .success(false): continue
            case .failure(let error): return .failure(error)
            }
        }
        return .success(true)
    }

    /// Whether `allowlist` suppresses a finding. Criteria that cannot apply to a log line (paths,
    /// commits) count as not matching, so they never let a secret through.
    private func allows(_ allowlist: CompiledAllowlist, line: UnsafeRawBufferPointer, match: Range<Int>,
                        secret: Range<Int>, _ scratch: ScanScratch) -> Result<Bool, PCRE2Error> {
        // Tally of the criteria present: how many, and how many matched (no allocation).
        var present = 0
        var matched = 0
        if allowlist.hasGitOnlyCriteria { present += 1 }
        if !allowlist.regexes.isEmpty {
            present += 1
            let target: UnsafeRawBufferPointer
            switch allowlist.target {
            case .secret: target = UnsafeRawBufferPointer(rebasing: line[secret])
            case .match: target = UnsafeRawBufferPointer(rebasing: line[match])
            case .line: target = line
            }
            for regex in allowlist.regexes {
                let rc = scratch.match.match(regex, target, from: 0)
                if rc < 0 { return .failure(PCRE2Error(code: rc)) }
                if rc > 0 { matched += 1; break }
            }
        }
        if !allowlist.stopwords.isEmpty {
            present += 1
            let secretBytes = UnsafeRawBufferPointer(rebasing: line[secret])
            if allowlist.stopwords.contains(where: { containsFolded(secretBytes, $0) }) { matched += 1 }
        }
        if present == 0 { return .success(false) }
        return .success(allowlist.requiresAll ? matched == present : matched > 0)
    }

    /// Sorts spans by start (ties: longer first, then blocks, then rules without a value shape,
    /// then rule id) and merges overlapping or touching spans into one; the merged span keeps the
    /// rule of its first span. Independent of rule order.
    func mergeSpans(_ spans: inout [RedactionSpan]) {
        // Insertion sort: a line has few spans, and this never allocates.
        if spans.count > 1 {
            for i in 1..<spans.count {
                let item = spans[i]
                var j = i - 1
                while j >= 0 && spanPrecedes(item, spans[j]) {
                    spans[j + 1] = spans[j]
                    j -= 1
                }
                spans[j + 1] = item
            }
        }
        var write = 0
        for read in 0..<spans.count {
            if write > 0 && spans[read].start <= spans[write - 1].end {
                spans[write - 1].end = max(spans[write - 1].end, spans[read].end)
                if spans[read].escapesJSON { spans[write - 1].escapesJSON = true }
                if spans[read].custom >= 0 { spans[write - 1].custom = spans[read].custom }
            } else {
                spans[write] = spans[read]
                write += 1
            }
        }
        spans.removeLast(spans.count - write)
    }

    private func spanPrecedes(_ a: RedactionSpan, _ b: RedactionSpan) -> Bool {
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end > b.end }
        if a.kind != b.kind { return a.kind == .block }
        // A format rule names a secret better than a generic key/value rule (one with a value
        // shape) that found the same bytes: it wins the tie, so reports name it.
        let aGeneric = compiledRules[Int(a.rule)].rule.valueShape != nil
        if aGeneric != (compiledRules[Int(b.rule)].rule.valueShape != nil) { return !aGeneric }
        return compiledRules[Int(a.rule)].id < compiledRules[Int(b.rule)].id
    }
}

