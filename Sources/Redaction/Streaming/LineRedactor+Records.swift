/// The record layer: a line that is a JSON object is read as a record.
///
/// - The line is scanned as text as usual (rules see keys and values together), except that spans
///   inside strings holding escapes are replaced by a scan of the decoded string (prefixed with
///   its key, so key-bound rules still apply): `\"`, `\u0040`, `\/` and JSON-in-JSON hide nothing.
/// - A string that decodes to a JSON object or array is walked too, up to
///   ``maximumRecordDepth`` levels (double-escaped JSON).
/// - A value under a sensitive key (``SensitiveKeys/default``: `password`, `token`, `secret`, ...)
///   is masked whole.
/// - Docker json-file records (`log`) and journald export records (`MESSAGE`, a string or a byte
///   array) carry the application's line: it goes through the text path as a line of its own,
///   so key blocks logged one line per record are tracked across records.
/// - A container's JSON line inside its runtime's envelope is read as the record it is: the
///   message of a CRI record (`<time> stdout F {...}`, ``firstPassCRIRecord(_:hits:)``) and the
///   application's line of a Docker or journald record (``addMessageRecordSpans(in:depth:into:)``),
///   when it is a JSON object, get the record layer's own spans (sensitive keys, decoded strings)
///   besides what the text path finds, as the same line unwrapped would. (A JSON object after
///   any other prefix, a logger's `response: {...}`, stays text: its keys are some other
///   program's, whose values the text rules judge.)
///
/// Only the masked parts of a string change; every other byte of the record stays as it was. A
/// replacement inside a string is written JSON-escaped; a byte-array `MESSAGE` that changes is
/// written again as a byte array. Bad JSON is text, never an error.
extension LineRedactor {
    /// JSON inside JSON strings is looked into this many levels deep.
    static let maximumRecordDepth = 3

    /// Values under sensitive keys that are masked only when they are not one of these words (nor
    /// what stands where a password would: ``SecretShape/isPasswordStandIn(_:)``).
    private static let notSecretWords: Set<[UInt8]> = Set([
        "requested", "present",
        // Outcomes and modes logged under such keys: "authorization":"denied", fetch's
        // "credentials":"include" / "same-origin" / "omit".
        "denied", "granted", "allowed", "forbidden", "revoked", "pending", "include", "omit", "same-origin",
        // What `kubectl apply` / Flux / Argo CD did to an object named like a secret
        // ("Secret/payments/db-credentials":"unchanged").
        "unchanged", "configured", "created", "deleted", "pruned", "updated",
    ].map { Array($0.utf8) })

    /// The first pass of a line that is a JSON record (see the extension's discussion), or nil when
    /// the line is not one (then it is text).
    mutating func firstPassRecord(_ content: UnsafeRawBufferPointer, hits: Range<Int>?) -> LineAction? {
        guard configuration.recordFormat.readsJSON else { return nil }
        guard Self.looksLikeJSONObject(content) else { return firstPassCRIRecord(content, hits: hits) }
        let level = recordLevel(0)
        guard JSONRecordParser.parse(content, into: &level.entries) else { return nil }
        var spans: [RedactionSpan] = []
        swap(&spans, &level.spans)
        spans.removeAll(keepingCapacity: true)
        defer { swap(&spans, &level.spans) }

        let message = messageEntry(level.entries, in: content)
        if let message {
            // The application's line: the text path (rules, decoders, key blocks) on its decoded bytes.
            guard let action = redactMessage(level.entries[message], in: content, level: level, into: &spans) else {
                return nil
            }
            if action != .rendered && action != .keep { return action }
            // The rest of the record, scanned raw; the message's own bytes were handled above.
            let outcome = ruleSet.scanLine(content, scratch, hits: hits)
            if case .engineError(let failed, let error) = outcome { return engineFailure(rule: failed, error) }
        } else {
            let action = firstPassText(content, hits: hits)
            if action != .rendered && action != .keep { return action }
            if action == .keep { scratch.spans.removeAll(keepingCapacity: true) }
        }
        addTextSpans(in: content, entries: level.entries, skipping: message, into: &spans)
        return finishRecord(content, skipping: message, into: &spans)
    }

    /// The first pass of a CRI record whose message is a JSON object (`<time> stdout F {...}`): the
    /// text path on the whole line, plus the record layer's own spans of the message; nil when
    /// the line is no such record (then it is text only).
    private mutating func firstPassCRIRecord(_ content: UnsafeRawBufferPointer, hits: Range<Int>?) -> LineAction? {
        guard configuration.recordFormat.readsCRI, let record = CRIRecord.parse(content) else { return nil }
        let start = record.messageStart
        let message = UnsafeRawBufferPointer(rebasing: content[start...])
        let level = recordLevel(0)
        guard Self.looksLikeJSONObject(message), JSONRecordParser.parse(message, into: &level.entries) else { return nil }
        var spans: [RedactionSpan] = []
        swap(&spans, &level.spans)
        spans.removeAll(keepingCapacity: true)
        defer { swap(&spans, &level.spans) }
        let action = firstPassText(content, hits: hits)
        if action != .rendered && action != .keep { return action }
        if action == .keep { scratch.spans.removeAll(keepingCapacity: true) }
        addTextSpans(in: content, recordAt: start, entries: level.entries, skipping: nil, into: &spans)
        return finishRecord(content, recordAt: start, skipping: nil, into: &spans)
    }

    /// Adds the text path's spans (`scratch.spans`, positions in `content`) to `spans`: kept (the
    /// rules saw keys and values together), except inside entry `skipped` (a message handled
    /// decoded). Inside a string of the record that starts at `start` (`entries` are positions in
    /// it) their replacement is written escaped, and in a string with escapes they are widened to
    /// whole escapes (never half an escape).
    private func addTextSpans(in content: UnsafeRawBufferPointer, recordAt start: Int = 0, entries: [JSONRecordEntry],
                              skipping skipped: Int?, into spans: inout [RedactionSpan]) {
        for var span in scratch.spans {
            var skip = false
            for (index, entry) in entries.enumerated() where !entry.isByteArray && span.start < start + entry.value.upperBound
                && span.end > start + entry.value.lowerBound {
                if index == skipped { skip = true; break }
                span.escapesJSON = true
                if entry.escaped {
                    Self.widenToEscapes(&span, in: content, string: (start + entry.value.lowerBound)..<(start + entry.value.upperBound))
                }
            }
            if !skip { spans.append(span) }
        }
    }

    /// Adds to `spans` the record layer's own spans of `text`, a Docker or journald record's
    /// message, when it is a JSON object (in positions of `text`, with the scratch of nesting
    /// level `depth` and deeper); nothing otherwise.
    /// - Returns: the rule and error that stopped a scan of a decoded string, if any.
    private mutating func addMessageRecordSpans(in text: UnsafeRawBufferPointer, depth: Int,
                                                into spans: inout [RedactionSpan]) -> (rule: Int32, error: PCRE2Error)? {
        guard depth < Self.maximumRecordDepth, Self.looksLikeJSONObject(text) else { return nil }
        let level = recordLevel(depth)
        guard JSONRecordParser.parse(text, into: &level.entries) else { return nil }
        return collectValueSpans(in: text, depth: depth, skipping: nil, into: &spans)
    }

    /// Adds the value spans (``collectValueSpans(in:depth:skipping:into:)``) of the record that
    /// starts at `start` in `text` and runs to its end (level 0's entries are already parsed from
    /// it) to `spans`, in positions of `text`, and leaves them all, merged and without
    /// placeholders, in `scratch.spans`: `.keep` when none remain, `.rendered` when some do, or
    /// the engine-error action.
    private mutating func finishRecord(_ text: UnsafeRawBufferPointer, recordAt start: Int = 0, skipping skipped: Int?,
                                       into spans: inout [RedactionSpan]) -> LineAction {
        let first = spans.count
        if let error = collectValueSpans(in: UnsafeRawBufferPointer(rebasing: text[start...]), depth: 0,
                                         skipping: skipped, into: &spans) {
            return engineFailure(rule: error.rule, error.error)
        }
        for index in first..<spans.count where start > 0 {
            spans[index].start += start
            spans[index].end += start
        }
        guard !spans.isEmpty else { return .keep }
        scratch.spans.removeAll(keepingCapacity: true)
        scratch.spans.append(contentsOf: spans)
        ruleSet.mergeSpans(&scratch.spans)
        if let error = ruleSet.subtractPlaceholders(in: text, scratch) { return engineFailure(rule: 0, error) }
        return scratch.spans.isEmpty ? .keep : .rendered
    }

    /// The record layer's own spans (values under sensitive keys, scans of decoded strings) of
    /// `text`, a line read as text whose masked output is a JSON record (see
    /// ``settle(_:readingOutputAsRecord:)``). Leaves them, merged and without placeholders, in
    /// `scratch.spans`. Returns `.keep` when `text` is not a record or has no such span,
    /// `.rendered` when it has, or the engine-error action. Key blocks are not touched: the text
    /// pass has tracked the line already.
    mutating func recordValuePass(_ text: UnsafeRawBufferPointer) -> LineAction {
        guard configuration.recordFormat.readsJSON, Self.looksLikeJSONObject(text) else { return .keep }
        let level = recordLevel(0)
        guard JSONRecordParser.parse(text, into: &level.entries) else { return .keep }
        var spans: [RedactionSpan] = []
        swap(&spans, &level.spans)
        spans.removeAll(keepingCapacity: true)
        defer { swap(&spans, &level.spans) }
        return finishRecord(text, skipping: nil, into: &spans)
    }

    /// Scratch for nesting level `depth`, made on first use.
    private func recordLevel(_ depth: Int) -> RecordScratch {
        while scratch.recordLevels.count <= depth { scratch.recordLevels.append(RecordScratch()) }
        return scratch.recordLevels[depth]
    }

    private static func looksLikeJSONObject(_ text: UnsafeRawBufferPointer) -> Bool {
        var first = 0
        while first < text.count && (text[first] == 0x20 || text[first] == 0x09) { first += 1 }
        var last = text.count - 1
        while last > first && (text[last] == 0x20 || text[last] == 0x09 || text[last] == 0x0D) { last -= 1 }
        return last > first && text[first] == UInt8(ascii: "{") && text[last] == UInt8(ascii: "}")
    }

    private static func looksLikeJSON(_ text: UnsafeRawBufferPointer) -> Bool {
        var first = 0
        while first < text.count && (text[first] == 0x20 || text[first] == 0x09 || text[first] == 0x0A) { first += 1 }
        return first < text.count && (text[first] == UInt8(ascii: "{") || text[first] == UInt8(ascii: "["))
    }

    /// The entry holding the application's line: `log` (Docker json-file) or `MESSAGE` (journald),
    /// a member of the top-level object, as the configured format allows.
    private func messageEntry(_ entries: [JSONRecordEntry], in content: UnsafeRawBufferPointer) -> Int? {
        let format = configuration.recordFormat
        for (index, entry) in entries.enumerated() where entry.depth == 1 {
            guard let key = entry.key else { continue }
            let name = UnsafeRawBufferPointer(rebasing: content[key])
            if (format == .auto || format == .docker) && !entry.isByteArray && Self.equals(name, "log") { return index }
            if (format == .auto || format == .journald) && Self.equals(name, "MESSAGE") { return index }
        }
        return nil
    }

    private static func equals(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        for index in 0..<bytes.count where bytes[index] != word.utf8Start[index] { return false }
        return true
    }

    /// Decodes `entry` (the message) into `level.decoded` with its sources; for a byte array, the
    /// sources are the offsets of the numbers. Returns false for malformed content.
    private func decode(_ entry: JSONRecordEntry, in text: UnsafeRawBufferPointer, into level: RecordScratch) -> Bool {
        level.decoded.removeAll(keepingCapacity: true)
        level.sources.removeAll(keepingCapacity: true)
        let value = UnsafeRawBufferPointer(rebasing: text[entry.value])
        if entry.isByteArray {
            var index = 0
            while index < value.count {
                let byte = value[index]
                guard byte >= 0x30 && byte <= 0x39 else { index += 1; continue }
                let start = index
                var number = 0
                while index < value.count && value[index] >= 0x30 && value[index] <= 0x39 {
                    number = number * 10 + Int(value[index] - 0x30)
                    index += 1
                }
                level.decoded.append(UInt8(truncatingIfNeeded: number))
                level.sources.append(Int32(start))
            }
        } else {
            do { try JSONStringCodec.decode(value, into: &level.decoded, sources: &level.sources) } catch { return false }
        }
        level.sources.append(Int32(value.count))
        return true
    }

    /// Runs the text path on the decoded message and adds the resulting spans (raw positions).
    /// Returns nil when the message cannot be decoded (the record is then text).
    private mutating func redactMessage(_ entry: JSONRecordEntry, in content: UnsafeRawBufferPointer, level: RecordScratch,
                                        into spans: inout [RedactionSpan]) -> LineAction? {
        guard decode(entry, in: content, into: level) else { return nil }
        // A Docker `log` value ends with the line's newline: the line is what comes before it.
        var length = level.decoded.count
        if length > 0 && level.decoded[length - 1] == 0x0A { length -= 1 }
        if length > 0 && level.decoded[length - 1] == 0x0D { length -= 1 }
        var action = level.decoded.withUnsafeBytes { firstPassText(UnsafeRawBufferPointer(rebasing: $0[0..<length]), hits: nil) }
        if action == .keep || action == .rendered {
            // An application that logs JSON: its record's sensitive values and escaped strings too.
            if action == .keep { scratch.spans.removeAll(keepingCapacity: true) }
            var own: [RedactionSpan] = []
            swap(&own, &scratch.recordMessageSpans)
            own.removeAll(keepingCapacity: true)
            defer { swap(&own, &scratch.recordMessageSpans) }
            let failure = level.decoded.withUnsafeBytes {
                addMessageRecordSpans(in: UnsafeRawBufferPointer(rebasing: $0[0..<length]), depth: 1, into: &own)
            }
            if let failure { return engineFailure(rule: failure.rule, failure.error) }
            if !own.isEmpty {
                scratch.spans.append(contentsOf: own)
                ruleSet.mergeSpans(&scratch.spans)
                let error = level.decoded.withUnsafeBytes {
                    ruleSet.subtractPlaceholders(in: UnsafeRawBufferPointer(rebasing: $0[0..<length]), scratch)
                }
                if let error { return engineFailure(rule: 0, error) }
            }
            action = scratch.spans.isEmpty ? .keep : .rendered
        }
        guard action == .rendered else { return action }
        if entry.isByteArray {
            // Written again as a byte array: the rendered line plus what followed it.
            var rendered: [UInt8] = []
            level.decoded.withUnsafeBytes { decoded in
                render(UnsafeRawBufferPointer(rebasing: decoded[0..<length]), into: &rendered)
                rendered.append(contentsOf: UnsafeRawBufferPointer(rebasing: decoded[length...]))
            }
            let index = Int32(scratch.customReplacements.count)
            scratch.customReplacements.append(Self.byteArray(rendered))
            spans.append(RedactionSpan(start: entry.value.lowerBound, end: entry.value.upperBound,
                                       rule: scratch.spans.first?.rule ?? 0, kind: .match, custom: index))
            return .rendered
        }
        for span in scratch.spans {
            spans.append(RedactionSpan(start: entry.value.lowerBound + Int(level.sources[span.start]),
                                       end: entry.value.lowerBound + Int(level.sources[span.end]),
                                       rule: span.rule, kind: span.kind, escapesJSON: true))
        }
        return .rendered
    }

    /// `[112,97,...]`.
    private static func byteArray(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "[")]
        for (index, byte) in bytes.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: String(byte).utf8)
        }
        output.append(UInt8(ascii: "]"))
        return output
    }

    /// Adds the spans of the string values of the record in `text` (whose entries are in the
    /// scratch of level `depth`): values under sensitive keys whole, and what a scan of each
    /// escaped value's decoded text finds (recursing into JSON inside strings). Positions in `text`.
    private mutating func collectValueSpans(in text: UnsafeRawBufferPointer, depth: Int, skipping skipped: Int?,
                                            into spans: inout [RedactionSpan]) -> (rule: Int32, error: PCRE2Error)? {
        let level = recordLevel(depth)
        for (index, entry) in level.entries.enumerated() where index != skipped && !entry.isByteArray {
            let value = UnsafeRawBufferPointer(rebasing: text[entry.value])
            if let key = entry.key.map({ UnsafeRawBufferPointer(rebasing: text[$0]) }), SensitiveKeys.default.matches(rawKey: key),
               !Self.cursorKeys.matches(rawKey: key), !Self.hashedKeys.matches(rawKey: key),
               !Self.antiForgeryKeys.matches(rawKey: key),
               Self.isMaskable(value, underPasswordKey: Self.passwordKeys.matches(rawKey: key),
                               underSecretNameKey: Self.secretNameKeys.matches(rawKey: key),
                               underSessionKey: Self.sessionKeys.matches(rawKey: key)) {
                spans.append(RedactionSpan(start: entry.value.lowerBound, end: entry.value.upperBound,
                                           rule: ruleSet.sensitiveKeyRule, kind: .match, escapesJSON: true))
                continue
            }
            guard entry.escaped, decode(entry, in: text, into: level) else { continue }
            // The decoded value behind its key, so rules bound to the key name still apply.
            level.scanned.removeAll(keepingCapacity: true)
            level.scanned.append(UInt8(ascii: "\""))
            if let key = entry.key { level.scanned.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[key])) }
            level.scanned.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "\"")])
            let offset = level.scanned.count
            level.scanned.append(contentsOf: level.decoded)
            level.scanned.append(UInt8(ascii: "\""))
            let nested = scratch.nested
            let outcome = level.scanned.withUnsafeBytes { ruleSet.scanLine($0, nested) }
            if case .engineError(let failed, let error) = outcome { return (failed, error) }
            let decodedCount = level.decoded.count
            for span in nested.spans where span.end > offset && span.start < offset + decodedCount {
                let start = max(span.start, offset) - offset
                let end = min(span.end, offset + decodedCount) - offset
                spans.append(RedactionSpan(start: entry.value.lowerBound + Int(level.sources[start]),
                                           end: entry.value.lowerBound + Int(level.sources[end]),
                                           rule: span.rule, kind: span.kind, escapesJSON: true))
            }
            // JSON inside the string: walk it too, one level deeper.
            guard depth + 1 < Self.maximumRecordDepth,
                  level.decoded.withUnsafeBytes({ Self.looksLikeJSON($0) }) else { continue }
            let child = recordLevel(depth + 1)
            var childSpans: [RedactionSpan] = []
            swap(&childSpans, &child.spans)
            childSpans.removeAll(keepingCapacity: true)
            defer { swap(&childSpans, &child.spans) }
            let failure: (rule: Int32, error: PCRE2Error)? = level.decoded.withUnsafeBytes { decoded in
                guard JSONRecordParser.parse(decoded, into: &child.entries) else { return nil }
                return collectValueSpans(in: decoded, depth: depth + 1, skipping: nil, into: &childSpans)
            }
            if let failure { return failure }
            for span in childSpans {
                spans.append(RedactionSpan(start: entry.value.lowerBound + Int(level.sources[span.start]),
                                           end: entry.value.lowerBound + Int(level.sources[span.end]),
                                           rule: span.rule, kind: span.kind, escapesJSON: true))
            }
        }
        return nil
    }

    /// Moves the ends of `span` that fall inside an escape of the string `string` (content range
    /// in `text`) to the escape's start (for the start) or end (for the end).
    private static func widenToEscapes(_ span: inout RedactionSpan, in text: UnsafeRawBufferPointer, string: Range<Int>) {
        var index = string.lowerBound
        while index < string.upperBound {
            guard text[index] == UInt8(ascii: "\\"), index + 1 < string.upperBound else { index += 1; continue }
            let end = min(string.upperBound, index + (text[index + 1] == UInt8(ascii: "u") ? 6 : 2))
            if span.start > index && span.start < end { span.start = index }
            if span.end > index && span.end < end { span.end = end }
            index = end
        }
    }

    /// Whether a value under a sensitive key is masked: anything but empty text and a few words
    /// that say something about the secret rather than being it (`"reset_password": "requested"`).
    /// Keys that end like a sensitive key but hold pagination cursors (`next_page_token`,
    /// `continuationToken`): their values are left to the rules.
    /// Key names that end in a sensitive word but name a cursor or an idempotency id (AWS
    /// `clientToken` in every CloudTrail record, CloudWatch `sequenceToken`, Graph `deltaToken`,
    /// SharePoint's and Graph's `changeToken`, a position in a change log: `1;3;<uuid>;<ticks>;-1`).
    /// (`clientRequestToken`: the idempotency id of AWS requests such as RotateSecret; WAF's
    /// `LockToken`: an optimistic-locking marker.)
    private static let cursorKeys = SensitiveKeys(["page_token", "continuation_token", "pagination_token", "next_token",
                                                   "sync_token", "cursor_token", "resume_token", "client_token",
                                                   "idempotency_token", "sequence_token", "delta_token", "skip_token",
                                                   "request_token", "lock_token", "change_token"])

    /// Keys of anti-forgery settings and values (`"csrf_cookie":"__Host-csrf"`, the cookie's
    /// name; `csrfToken`): not a credential of the user's, as the generic rules decide too (they
    /// skip `csrf`/`xsrf` tokens). Their values are left to the rules.
    private static let antiForgeryKeys = SensitiveKeys(["csrf_token", "xsrf_token", "csrf_cookie", "xsrf_cookie"])

    /// Keys that name a hash of a secret (detect-secrets' `hashed_secret` in a committed baseline,
    /// `hashed_password`): the value is a digest, left to the rules (the hash rules know the
    /// crackable ones).
    private static let hashedKeys = SensitiveKeys(["hashed_secret", "hashed_password", "hashed_token", "hashed_key"])

    /// The sensitive keys whose values are passwords: masked whatever their shape (a pass phrase
    /// may well look like a path or a name).
    private static let passwordKeys = SensitiveKeys(["password", "passwd", "pwd", "passphrase"])

    /// Keys that hold a secret, or the name of one (`"secret": "prod/db"`, an ExternalSecret's
    /// `"secretKey": "db-password"`, its provider's `"credentials": "irsa"`).
    private static let secretNameKeys = SensitiveKeys(["secret", "secret_key", "credential", "credentials"])

    /// Keys that name a session (see ``isMaskable(_:underPasswordKey:underSecretNameKey:underSessionKey:)``).
    private static let sessionKeys = SensitiveKeys(["session_id"])

    /// Whether `value` is a cookie name with a `__Host-` or `__Secure-` prefix and nothing else:
    /// 1 to 64 letters, digits, `_` or `-` after the prefix (no `=`, so no value).
    private static func isPrefixedCookieName(_ value: UnsafeRawBufferPointer) -> Bool {
        for prefix in cookieNamePrefixes where value.count > prefix.count && value.starts(with: prefix) {
            let name = value[(value.startIndex + prefix.count)...]
            return name.count <= 64 && name.allSatisfy {
                SecretShape.isLetter($0) || SecretShape.isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            }
        }
        return false
    }

    /// The cookie name prefixes of RFC 6265bis, as bytes (built once).
    private static let cookieNamePrefixes: [[UInt8]] = [Array("__Host-".utf8), Array("__Secure-".utf8)]

    /// A run of `x`, `X`, `*` or `.` that stands for a masked value (`xxx`, `***`).
    private static func isMaskRun(_ value: UnsafeRawBufferPointer) -> Bool {
        !value.isEmpty && value.allSatisfy { $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: ".") }
    }

    /// - Parameters:
    ///   - underPasswordKey: the key names a password. Under other sensitive keys (`secret`,
    ///     `*Token`, `credential`, `session_id`) a value made of lower-case names joined by `/` or
    ///     `:` names a secret rather than being one (`"secret":"prod/payments/stripe"`, an OIDC
    ///     subject `repo:acme/web:ref:refs/heads/main`), and a vendor object id (`sess_...`,
    ///     `chat_...`, ``SecretShape/isObjectID(_:)``) names an object: both are left to the rules.
    ///   - underSecretNameKey: the key ends in `secret`, `secret_key` or `credential(s)`: a single
    ///     lower-case name without digits (`"secretKey":"db-password"`, `"credentials":"irsa"`) is
    ///     the name of a secret or of where it comes from, left to the rules; so is an upper-case
    ///     constant that names a secret (`"secretKey":"DB_PASSWORD"`,
    ///     ``SecretShape/isSecretNamedEnvironmentName(_:)``).
    ///   - underSessionKey: the key ends in `session_id`: a UUID is left to the rules.
    private static func isMaskable(_ value: UnsafeRawBufferPointer, underPasswordKey: Bool,
                                   underSecretNameKey: Bool, underSessionKey: Bool) -> Bool {
        guard value.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
        // Placeholders and references (<redacted>, [MASKED], ${DB_PASSWORD}, ****, secretref:x,
        // Ansible's VALUE_SPECIFIED_IN_NO_LOG_PARAMETER, booleans) stay as they are.
        if SecretShape.isPlaceholder(value) || SecretShape.isSecretReference(value) || SecretShape.isPasswordStandIn(value) {
            return false
        }
        // An authorization header's scheme before a placeholder (`"Bearer {{token}}"`, `"Basic
        // <credentials>"`, `"Bearer xxx"`): the same placeholder as without the scheme.
        let scheme = authorizationSchemeLength(value)
        if scheme > 0 {
            let rest = UnsafeRawBufferPointer(rebasing: value[scheme...])
            if SecretShape.isPlaceholder(rest) || SecretShape.isPasswordStandIn(rest) || isMaskRun(rest) { return false }
        }
        // Vault audit logs write every value as `hmac-sha256:<hex>`: a keyed hash, not the value.
        if SecretShape.isKeyedHash(value) { return false }
        if !underPasswordKey && (SecretShape.isResourceName(value) || SecretShape.isObjectID(value)
                                 || SecretShape.isLabelledDigest(value) || SecretShape.isEthereumAddress(value)) { return false }
        // A cookie's name with its RFC 6265bis prefix (`"session_cookie":"__Host-sid"`): a
        // setting that names the cookie; a cookie's value comes after `=`.
        if !underPasswordKey && isPrefixedCookieName(value) { return false }
        // A session id that is a UUID names a session in an audit record (Entra ID sign-ins'
        // `sessionId`); session cookies are longer random strings, and stay masked.
        if underSessionKey && SecretShape.isUUID(value) { return false }
        // (nor does a short number: a session's id in an app's own table, `"session_id":"6562"`)
        if underSessionKey && value.count < 8 && value.allSatisfy(SecretShape.isDigit) { return false }
        if underSecretNameKey && (SecretShape.isLowerCaseName(value) || SecretShape.isSecretNamedEnvironmentName(value)) {
            return false
        }
        guard value.count <= 12 else { return true }
        return !notSecretWords.contains(value.map(ASCIIFolding.lower))
    }
}
