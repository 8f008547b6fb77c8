#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Walks a line and yields the base64 values that stand in a credential context (see
/// ``Base64Context``): `Basic <token>` as a value, a token under a key that says credential, or
/// a token whose first bytes say it encodes a JSON object or a URL (``Base64Context/selfDescribing``)
/// as the value of any key.
///
/// Every context follows a separator (`Authorization: Basic ...`, `auth="Basic ..."`,
/// `"auth":"..."`, `X_B64=...`, `tls.key: ...`), so only `:` and `=` are visited (found with
/// memchr); the value after one is checked first, the key before it only when a base64-shaped
/// value follows. Only the shape is checked here (a token of ``DecodingLimits/minimumBase64Bytes``
/// to ``DecodingLimits/maximumTokenBytes`` bytes ending where a value ends); whether it decodes,
/// and to what, is the caller's business. One forward pass, no allocation.
struct Base64ValueFinder {
    /// A base64 value and its context, positions in the line.
    struct Value {
        var token: Range<Int>
        var context: Base64Context
    }

    private let line: UnsafeRawBufferPointer
    private var position = 0
    /// The next `:` and `=` at or after `position` (`line.count` when none; -1 before the search).
    private var nextColon = -1
    private var nextEquals = -1

    init(_ line: UnsafeRawBufferPointer) { self.line = line }

    /// The next value, or nil at the end of the line.
    mutating func next() -> Value? {
        let count = line.count
        while position < count {
            if nextColon < position { nextColon = find(UInt8(ascii: ":"), from: position) }
            if nextEquals < position { nextEquals = find(UInt8(ascii: "="), from: position) }
            let separator = min(nextColon, nextEquals)
            guard separator < count else {
                position = count
                return nil
            }
            position = separator + 1
            if worthALook(separatorAt: separator), let value = value(afterSeparatorAt: separator) { return value }
        }
        return nil
    }

    /// The offset of the first `byte` at or after `index`, or `line.count`.
    private func find(_ byte: UInt8, from index: Int) -> Int {
        // SAFETY: `index < line.count`, so the base address exists and the range lies inside the line.
        let base = line.baseAddress.unsafelyUnwrapped
        guard let found = memchr(base + index, Int32(byte), line.count - index) else { return line.count }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// Whether the separator at `separator` may start a context: a `b` (of `Basic`) within the
    /// next four bytes, or a key whose last three bytes end a context word (see
    /// ``Base64Context/mayEndContextKey(_:_:_:)``). Dismisses most separators in a few instructions.
    @inline(__always)
    private func worthALook(separatorAt separator: Int) -> Bool {
        var probe = separator + 1
        let probeEnd = min(separator + 5, line.count)
        while probe < probeEnd {
            if line[probe] | 0x20 == UInt8(ascii: "b") || startsSelfDescribing(at: probe) { return true }
            probe &+= 1
        }
        let keyEnd = self.keyEnd(before: separator)
        return keyEnd >= 3 && Base64Context.mayEndContextKey(line[keyEnd - 3], line[keyEnd - 2], line[keyEnd - 1])
    }

    /// The end of the key before the separator at `separator`: back over spaces and a closing
    /// quote (maybe escaped).
    @inline(__always)
    private func keyEnd(before separator: Int) -> Int {
        var keyEnd = separator
        while keyEnd > 0 && line[keyEnd - 1] == UInt8(ascii: " ") { keyEnd -= 1 }
        if keyEnd > 0 && (line[keyEnd - 1] == UInt8(ascii: "\"") || line[keyEnd - 1] == UInt8(ascii: "'")) {
            keyEnd -= 1
            if keyEnd > 0 && line[keyEnd - 1] == UInt8(ascii: "\\") { keyEnd -= 1 }
        }
        return keyEnd
    }

    /// The value after the separator at `separator` (`:`, `=`, `=>`, `:=`; the key and the value
    /// may be quoted, also with escaped quotes; the value may be in `[...]`): `Basic <token>`
    /// whatever the key, or a token under a key that says credential.
    private mutating func value(afterSeparatorAt separator: Int) -> Value? {
        let keyEnd = self.keyEnd(before: separator)
        let keyMayMatter = keyEnd >= 3
            && Base64Context.mayEndContextKey(line[keyEnd - 3], line[keyEnd - 2], line[keyEnd - 1])
        // The value: past `>` of `=>` or `=` of `:=`, spaces, `[`, an opening quote (maybe escaped).
        var start = separator + 1
        // (`=>`, `:=`, and LDIF's `::` before a base64 value: `userPassword:: TWFy...`)
        if start < line.count && (line[start] == UInt8(ascii: ">") || line[start] == UInt8(ascii: "=")
                                  || (line[separator] == UInt8(ascii: ":") && line[start] == UInt8(ascii: ":"))) { start += 1 }
        while start < line.count && line[start] == UInt8(ascii: " ") { start += 1 }
        if start < line.count && line[start] == UInt8(ascii: "[") { start += 1 }
        if start < line.count && line[start] == UInt8(ascii: "\\") { start += 1 }
        if start < line.count && (line[start] == UInt8(ascii: "\"") || line[start] == UInt8(ascii: "'")) { start += 1 }
        while start < line.count && line[start] == UInt8(ascii: " ") { start += 1 }
        guard start < line.count else { return nil }
        if let labelled = labelledValue(keyEnd: keyEnd, valueStart: start) {
            position = labelled.upperBound
            return Value(token: labelled, context: .labelled)
        }
        if line[start] | 0x20 == UInt8(ascii: "b"), let credentials = basicCredentials(at: start) {
            position = credentials.upperBound
            return Value(token: credentials, context: .basicScheme)
        }
        let describesItself = startsSelfDescribing(at: start)
        guard keyMayMatter || describesItself, let token = token(at: start) else { return nil }
        var keyStart = keyEnd
        while keyStart > 0 && keyEnd - keyStart < DecodingLimits.maximumKeyBytes && isKeyByte(line[keyStart - 1]) {
            keyStart -= 1
        }
        let keyed = keyMayMatter && keyStart < keyEnd
            ? Base64Context.classify(key: UnsafeRawBufferPointer(rebasing: line[keyStart..<keyEnd]), at: keyStart..<keyEnd)
            : nil
        guard let context = keyed ?? (describesItself ? .selfDescribing : nil) else { return nil }
        position = token.upperBound
        return Value(token: token, context: context)
    }

    /// The token of a value the text labels as base64 (``Base64Context/labelled``): after `data:`
    /// (a word boundary before `data`), a media type that may be text (not `image/`, `audio/`,
    /// `video/` or `font/`), parameters and `;base64,`; or after a key that ends in `(base64)` /
    /// `(b64)`.
    private func labelledValue(keyEnd: Int, valueStart: Int) -> Range<Int>? {
        if keyEnd >= 4, equalsFolded(keyEnd - 4, "data"), keyEnd == 4 || !isKeyByte(line[keyEnd - 5]) {
            if equalsFolded(valueStart, "image/") || equalsFolded(valueStart, "audio/") || equalsFolded(valueStart, "video/")
                || equalsFolded(valueStart, "font/") {
                return nil
            }
            // media type and parameters: letters, digits and `/+.-=;_`, up to `;base64,`
            var index = valueStart
            let limit = min(line.count, valueStart + 128)
            while index < limit && Self.isMediaTypeByte(line[index]) { index += 1 }
            guard index < limit, line[index] == UInt8(ascii: ","), index - valueStart > 7,
                  equalsFolded(index - 7, ";base64") else { return nil }
            return token(at: index + 1)
        }
        if keyEnd >= 8, line[keyEnd - 1] == UInt8(ascii: ")"), equalsFolded(keyEnd - 8, "(base64)") || equalsFolded(keyEnd - 5, "(b64)") {
            return token(at: valueStart)
        }
        return nil
    }

    @inline(__always)
    private static func isMediaTypeByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "=") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "_")
    }

    /// Whether `line[at...]` starts with `word` (lower-case ASCII), ignoring ASCII case.
    private func equalsFolded(_ at: Int, _ word: StaticString) -> Bool {
        let end = at + word.utf8CodeUnitCount
        return at >= 0 && end <= line.count && SecretShape.equals(line, from: at, to: end, word, foldCase: true)
    }

    /// Whether the base64 of a JSON object, of a credential-carrying URL scheme or of another
    /// ``selfDescribingPrefixes`` text starts at `index` (see ``Base64Context/selfDescribing``;
    /// the prefixes are case-sensitive).
    @inline(__always)
    private func startsSelfDescribing(at index: Int) -> Bool {
        guard index + 2 < line.count else { return false }
        if line[index] == UInt8(ascii: "e") && line[index + 1] == UInt8(ascii: "y") && line[index + 2] == UInt8(ascii: "J") {
            return true
        }
        guard index + 8 <= line.count, Self.prefixInitials.contains(line[index]) else { return false }
        let candidate = UnsafeRawBufferPointer(rebasing: line[index..<(index + 8)])
        return Self.selfDescribingPrefixes.contains { $0.elementsEqual(candidate) }
    }

    /// The base64 of the first 6 bytes of what a credential may hide in: the URL schemes
    /// `postgr`, `mysql:`, `mongod`, `redis:`, `rediss`, `amqp:/`, `amqps:`, `https:`, `http:/`,
    /// `ftp://`, `smtp:/`, `sftp:/`, `ldap:/`; `-----B` (a PEM block: `signing key loaded:
    /// LS0tLS1CRUdJTi...`); and the starts of a form body, query or settings text whose first key
    /// may name a credential (`password=...`, `username=...&password=...`, `grant_type=password&...`,
    /// `client_id=...&client_secret=...`, `api_key=`, `apiKey`, `token=`, `access_token=`,
    /// `secret...`, `export X=...`, `<?xml `, `Authorization: ...`), as an API gateway logs a
    /// base64-encoded request body; an AWS credentials file (`[default]`, `aws_access_key_id=`,
    /// `aws_secret_access_key=`), as a Kubernetes Secret's `data` holds it for Velero and
    /// external-dns. Decoded text is masked only where a rule finds a secret in it.
    /// Exact, 8 bytes each; ``CompiledRuleSet/base64Triggers`` holds them folded.
    static let selfDescribingPrefixes: [[UInt8]] = [
        "cG9zdGdy", "bXlzcWw6", "bW9uZ29k", "cmVkaXM6", "cmVkaXNz", "YW1xcDov", "YW1xcHM6", "aHR0cHM6",
        "aHR0cDov", "ZnRwOi8v", "c210cDov", "c2Z0cDov", "bGRhcDov", "LS0tLS1C",
        "cGFzc3dv", "UEFTU1dP", "UGFzc3dv", "dXNlcm5h", "Z3JhbnRf", "Y2xpZW50", "YXBpX2tl", "YXBpS2V5",
        "dG9rZW49", "YWNjZXNz", "c2VjcmV0", "ZXhwb3J0", "PD94bWwg", "QXV0aG9y",
        "W2RlZmF1", "YXdzX2Fj", "YXdzX3Nl",
    ].map { Array($0.utf8) }
    private static let prefixInitials = Set(selfDescribingPrefixes.map { $0[0] })

    /// The token of `Basic <token>` (`basic` in any case, then spaces or tabs) at `start`, if any.
    private func basicCredentials(at start: Int) -> Range<Int>? {
        guard start + 6 < line.count, line[start] | 0x20 == UInt8(ascii: "b"), line[start + 1] | 0x20 == UInt8(ascii: "a"),
              line[start + 2] | 0x20 == UInt8(ascii: "s"), line[start + 3] | 0x20 == UInt8(ascii: "i"),
              line[start + 4] | 0x20 == UInt8(ascii: "c"), line[start + 5] == UInt8(ascii: " ") || line[start + 5] == UInt8(ascii: "\t")
        else { return nil }
        var tokenStart = start + 5
        while tokenStart < line.count && (line[tokenStart] == UInt8(ascii: " ") || line[tokenStart] == UInt8(ascii: "\t")) {
            tokenStart += 1
        }
        return token(at: tokenStart)
    }

    /// The base64 token at `start` if it has the right length, ends where a value ends and is not
    /// a word or a number: letters of one case only (`filter`, `CHANGEME`) are a word that happens
    /// to be valid base64 (`filter` decodes to the text `~)mz`), digits only are a number (`1400`
    /// of `password:  1400 bytes` decodes to the text `׍4`), and scanning that decoding after the
    /// key would lose the context that made the rules keep the word or the number.
    private func token(at start: Int) -> Range<Int>? {
        let length = Base64Decoder.tokenLength(in: line, from: start)
        guard length >= DecodingLimits.minimumBase64Bytes, length <= DecodingLimits.maximumTokenBytes,
              endsValue(at: start + length), !isWord(start..<(start + length)), !isNumber(start..<(start + length))
        else { return nil }
        return start..<(start + length)
    }

    /// Whether `range` of the line is digits only.
    private func isNumber(_ range: Range<Int>) -> Bool {
        for index in range where line[index] < 0x30 || line[index] > 0x39 { return false }
        return true
    }

    /// Whether `range` of the line is letters of one case only.
    private func isWord(_ range: Range<Int>) -> Bool {
        var lower = false, upper = false
        for index in range {
            let byte = line[index]
            if byte >= 0x61 && byte <= 0x7A { lower = true } else if byte >= 0x41 && byte <= 0x5A { upper = true } else { return false }
        }
        return lower != upper
    }

    /// Whether a value may end just before `index`: at the end of the line, whitespace, a quote or
    /// a closing delimiter (a `.` only when the sentence ends there).
    private func endsValue(at index: Int) -> Bool {
        guard index < line.count else { return true }
        switch line[index] {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "\""),
             UInt8(ascii: "'"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "}"), UInt8(ascii: "]"),
             UInt8(ascii: ")"), UInt8(ascii: "&"), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"),
             UInt8(ascii: "|"):
            return true
        case UInt8(ascii: "."):
            return index + 1 == line.count || line[index + 1] == UInt8(ascii: " ")
        default:
            return false
        }
    }

    @inline(__always)
    private func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
}
