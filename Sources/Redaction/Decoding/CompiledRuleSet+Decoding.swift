extension CompiledRuleSet {
    /// Literals that mark a line as worth decoding: they make the keyword search look at the line
    /// even when no rule keyword occurs in it. Lines holding a rule keyword are decoded anyway;
    /// these cover the contexts whose keyword only appears once decoded.
    ///
    /// Each occurs in fewer than 0.05% of the 32,000 loghub lines (`Tests/Fixtures/loghub`);
    /// `EncodedValueRedactionTests` checks the bound. Python bytes literals need no trigger: the
    /// view in which they are decoded holds the same keywords as the line.
    static let decoderTriggers: [String] = percentTriggers + base64Triggers + AuditCommandLine.triggers + unicodeEscapeTriggers
        + htmlEntityTriggers + HexPayload.triggers + QuotedPrintableDecoder.triggers

    /// Numeric references of quotes, `=` and `:` (``HTMLEntityDecoder``): `&#x27;`, `&#39;`, `&#34;`,
    /// `&#x3d;`, `&#61;`, `&#x3a;`, `&#58;` (the named `&quot;` and `&gt;` hide no keyword's letters).
    static let htmlEntityTriggers = ["&#x2", "&#39;", "&#34;", "&#x3", "&#61;", "&#58;"]

    /// `\u00` of the `\u00XX` escapes of quotes and punctuation (``UnicodeEscapeDecoder``): a line
    /// whose keyword is there in clear selects itself, but a token's own prefix may be split by an
    /// escape (`ghp\u005f...`).
    /// And `:\/\/` of a link whose slashes a JSON encoder escaped (`https:\/\/app\/reset\/<token>`):
    /// its path keywords (`/reset`, `/hooks/`) appear only once decoded.
    /// And nginx's `\x22` around a JSON body's keys and Python's `\x3d` after a key (`token\x3d...`).
    static let unicodeEscapeTriggers = ["\\u00", ":\\/\\/", "\\x22", "\\x3d"]

    /// Percent-encoded `=`, `:` and `//` (also double-encoded), which rule keywords such as
    /// `token=`, `api:` and `://` contain; a keyword made of letters survives percent-encoding and
    /// selects the line itself.
    static let percentTriggers = ["%3d", "%3a", "%2f%2f", "%253d", "%253a"]

    /// The base64 contexts: the `Basic` scheme, `auth` fields (also in escaped JSON and INI files
    /// such as `.npmrc`'s `_auth = ...`), keys ending
    /// in `_B64`/`_BASE64`, base64 of `-----` (a PEM key) and of `{"auths` (a Docker config),
    /// Docker config keys of Kubernetes Secrets, base64 of JSON objects, of URLs with a scheme
    /// that may carry credentials and of text that starts with a credential's key.
    static let base64Triggers: [String] = [
        "basic ", "auth\"", "auth'", "auth=", "auth:", "auth =", "auth\\\"", "b64=", "b64:", "b64\"", "b64'", "b64 =",
        "base64",
        "ls0tls1", "eyjhdxrocy", "dockercfg", "dockerconfigjson",
        // JSON objects: "eyJ" (the base64 of `{"`) and the next character
        "eyja", "eyjb", "eyjc", "eyjd", "eyje", "eyjf", "eyjg", "eyjh", "eyji", "eyjj", "eyjk", "eyjl", "eyjm",
        "eyjn", "eyjo", "eyjp", "eyjq", "eyjr", "eyjs", "eyjt", "eyju", "eyjv", "eyjw", "eyjx", "eyjy", "eyjz",
        "eyj0", "eyj1", "eyj2", "eyj3", "eyj4", "eyj5", "eyj6", "eyj7", "eyj8", "eyj9", "eyj+", "eyj/",
    ]
        // URLs with a scheme that may carry credentials, PEM blocks and text that starts with a
        // credential's key (see Base64Context.selfDescribing), folded as the scanner matches
        + Base64ValueFinder.selfDescribingPrefixes.map { String(decoding: $0.map(ASCIIFolding.lower), as: UTF8.self) }

    /// Literals of the keys whose values ``Base64Context`` reads as sensitive (the key word before
    /// a separator or a closing quote).
    static let sensitiveKeyLiterals = [
        "password", "passwd", "pwd", "pass:", "pass=", "pass\"", "pass'", "secret", "token", "credential",
        "key:", "key=", "key\"", "key'", "key =", "pass =", ".env:", ".env=", "dotenv",
    ]

    /// Id of the rule under which the decoders report a `user:password` pair they find in a
    /// credential context (no other rule's finding is involved). Its keywords are every literal a
    /// base64 context needs in the line (``base64Triggers`` and ``sensitiveKeyLiterals``), so its
    /// being a candidate tells the decoders a line is worth the base64 search (see
    /// ``mayHoldBase64Context(_:)``). Without that rule in the set, the decoders look at every
    /// line and still report what other rules find in decoded text.
    static let encodedCredentialsRuleID = "encoded-credentials"

    /// Appends to `scratch.spans` the regions of `line` that hide a secret behind an encoding
    /// (positions in `line`; `scratch.spans` is merged and cleaned of placeholders afterwards by
    /// the caller). Runs after the rules, on every scanned line, and on decoded text down to
    /// ``DecodingLimits/maximumDepth``.
    ///
    /// - Python bytes literals (`b'...'`): the rules scan a view of the line in which each `b`
    ///   prefix is a space; a rule's span that covered only the prefix moves to the content.
    /// - Percent-encoded tokens: decoded and scanned; each span found maps back to the encoded
    ///   bytes it came from (whole `%XX` escapes).
    /// - Base64 values in a credential context (``Base64Context``): decoded; when the text is a
    ///   `user:password` pair (for the contexts that say credential) or the rules find a secret in
    ///   it (scanned after its key, so `DATABASE_PASSWORD_B64=...` is read as
    ///   `DATABASE_PASSWORD=<decoded>`), the whole encoded value is masked; so is a token echoed
    ///   into `base64 -d` (``Base64PipeInput``) when the rules find a secret in it.
    /// - Whole-line escapes (`\u00XX`, HTML character references, quoted-printable `=XX`): the
    ///   line is decoded and scanned; spans map back to whole escapes.
    /// - Hex payloads (``HexPayload``): a run of hex digits whose text holds a secret is masked
    ///   whole.
    ///
    /// Never throws, never loops: every step moves forward through the line, decoded text is no
    /// longer than the token it came from, and nothing allocates once the buffers have grown.
    ///
    /// - Returns: the PCRE2 error that stopped a scan of decoded text, if any (the caller fails
    ///   closed).
    func findEncodedSecrets(in line: UnsafeRawBufferPointer, _ scratch: ScanScratch) -> PCRE2Error? {
        guard scratch.decodingDepth < DecodingLimits.maximumDepth, line.count >= 3 else { return nil }
        guard let literal = PythonBytesLiteral.first(in: line, from: 0) else {
            return findEncodedValues(in: line, scratch)
        }
        let decoding = scratch.decoding
        if let error = scanBytesLiteralView(of: line, first: literal, scratch) { return error }
        // The decoders read the view: a literal's content is then an ordinary quoted value.
        var view = decoding.view
        decoding.view = []  // own the storage while it is read (no copy)
        defer { decoding.view = view }
        return view.withUnsafeMutableBytes { findEncodedValues(in: UnsafeRawBufferPointer($0), scratch) }
    }

    /// Decodes the command line of an auditd record (``AuditCommandLine``), the `\u00XX` escapes,
    /// HTML character references and quoted-printable escapes of a text line
    /// (``UnicodeEscapeDecoder``, ``HTMLEntityDecoder``, ``QuotedPrintableDecoder``), the
    /// percent-encoded tokens, the hex payloads (``HexPayload``) and the base64 values in
    /// credential contexts of `line` (``Base64ValueFinder``, ``Base64PipeInput``). Each decoder
    /// with triggers runs only on lines that hold one (``DecoderTriggerTable``).
    private func findEncodedValues(in line: UnsafeRawBufferPointer, _ scratch: ScanScratch) -> PCRE2Error? {
        let decoding = scratch.decoding
        if UnicodeEscapeDecoder.holdsEscape(line) {
            UnicodeEscapeDecoder.decode(line, into: &decoding.decoded, offsets: &decoding.offsets)
            if let error = scanDecoded(at: 0, scratch) { return error }
        }
        if HTMLEntityDecoder.holdsReference(line) {
            HTMLEntityDecoder.decode(line, into: &decoding.decoded, offsets: &decoding.offsets)
            if let error = scanDecoded(at: 0, scratch) { return error }
        }
        let triggered = decoderTriggerTable.kinds(in: scratch.lineHits)
        if triggered.contains(.quotedPrintable), QuotedPrintableDecoder.holdsEscape(line) {
            QuotedPrintableDecoder.decode(line, into: &decoding.decoded, offsets: &decoding.offsets)
            if let error = scanDecoded(at: 0, scratch) { return error }
        }
        if triggered.contains(.auditCommandLine),
           AuditCommandLine.decode(line, into: &decoding.decoded, offsets: &decoding.offsets) {
            let first = scratch.spans.count
            if let error = scanDecoded(at: 0, scratch) { return error }
            for index in first..<scratch.spans.count { AuditCommandLine.widenToHexArgument(&scratch.spans[index], in: line) }
        }
        var start = 0
        while let token = PercentDecoder.nextToken(in: line, from: start) {
            start = token.upperBound
            guard token.count <= DecodingLimits.maximumTokenBytes else { continue }
            if let error = scanPercentDecoded(UnsafeRawBufferPointer(rebasing: line[token]), at: token.lowerBound, scratch) {
                return error
            }
        }
        if triggered.contains(.hexPayload) {
            var start = 0
            while let run = HexPayload.nextRun(in: line, from: start) {
                start = run.upperBound
                if let error = scanHexDecoded(run, in: line, scratch) { return error }
            }
        }
        guard mayHoldBase64Context(scratch) else { return nil }
        var finder = Base64ValueFinder(line)
        while let value = finder.next() {
            if let error = scanBase64Decoded(value, in: line, scratch) { return error }
        }
        if let token = Base64PipeInput.token(in: line) {
            return scanBase64Decoded(Base64ValueFinder.Value(token: token, context: .labelled), in: line, scratch)
        }
        return nil
    }

    /// Decodes the percent-encoded `token` (at `offset` in the line), scans it when the decoding is
    /// text (``DecodedText/isText(_:)``), and maps what the scan finds back to the encoded bytes.
    private func scanPercentDecoded(_ token: UnsafeRawBufferPointer, at offset: Int, _ scratch: ScanScratch) -> PCRE2Error? {
        let decoding = scratch.decoding
        PercentDecoder.decode(token, into: &decoding.decoded, offsets: &decoding.offsets)
        // Only text is scanned: `%DB_PASSWORD%` (a Windows variable) "decodes" to the byte 0xDB
        // and `_PASSWORD%`, which is no encoding of anything.
        guard decoding.decoded.withUnsafeBytes({ DecodedText.isText($0) }) else { return nil }
        let first = scratch.spans.count
        if let error = scanDecoded(at: offset, scratch) { return error }
        // A `&` the token holds as itself (not `%26`) starts the next query parameter: a value
        // decoded from `?q=...Bearer%20X&page=1` ends there, and the parameters after it stay.
        // (A span that starts at such a `&`, what is left of a value beside a placeholder on a
        // second pass, `Bearer%20***&page=1`, is dropped.)
        var index = scratch.spans.count
        while index > first {
            index -= 1
            let span = scratch.spans[index]
            var cut = span.start
            while cut < span.end && token[cut - offset] != UInt8(ascii: "&") { cut += 1 }
            if cut == span.start {
                scratch.spans.remove(at: index)
            } else if cut < span.end {
                scratch.spans[index].end = cut
            }
        }
        return nil
    }

    /// Scans the decoded text in `scratch.decoding` and maps what the scan finds back through its
    /// `offsets` (relative to `offset` in the line).
    private func scanDecoded(at offset: Int, _ scratch: ScanScratch) -> PCRE2Error? {
        let decoding = scratch.decoding
        let nested = decoding.nested
        let outcome = decoding.decoded.withUnsafeBytes { scanLine($0, nested) }
        switch outcome {
        case .clean:
            return nil
        case .engineError(_, let error):
            return error
        case .redact:
            for span in nested.spans {
                var mapped = span
                mapped.start = offset + Int(decoding.offsets[span.start])
                mapped.end = offset + Int(decoding.offsets[span.end])
                scratch.spans.append(mapped)
            }
            return nil
        }
    }

    /// Decodes the hex digits of `run` in `line` and, when they encode text in which the rules
    /// find a secret, masks the whole run (``HexPayload``).
    private func scanHexDecoded(_ run: Range<Int>, in line: UnsafeRawBufferPointer, _ scratch: ScanScratch) -> PCRE2Error? {
        let decoding = scratch.decoding
        decoding.decoded.removeAll(keepingCapacity: true)
        HexPayload.decode(UnsafeRawBufferPointer(rebasing: line[run]), appendingTo: &decoding.decoded)
        guard decoding.decoded.withUnsafeBytes({ DecodedText.isText($0) }) else { return nil }
        return maskTokenIfDecodedHoldsSecret(run, textStart: 0, scratch)
    }

    /// Scans the decoded text in `scratch.decoding.decoded` (from `textStart` on; the bytes before
    /// it are a key put there for the rules) and, when the rules find a secret in the text, masks
    /// the whole encoded `token` of the line under the first such finding's rule. Multi-line text
    /// (a PEM key, a config file) is scanned as one line: its line breaks become spaces, which the
    /// rules read as separators.
    private func maskTokenIfDecodedHoldsSecret(_ token: Range<Int>, textStart: Int, _ scratch: ScanScratch) -> PCRE2Error? {
        let decoding = scratch.decoding
        for index in textStart..<decoding.decoded.count where decoding.decoded[index] == 0x0A || decoding.decoded[index] == 0x0D {
            decoding.decoded[index] = 0x20
        }
        let nested = decoding.nested
        switch decoding.decoded.withUnsafeBytes({ scanLine($0, nested) }) {
        case .clean:
            return nil
        case .engineError(_, let error):
            return error
        case .redact:
            if let found = nested.spans.first(where: { $0.end > textStart }) {
                scratch.spans.append(RedactionSpan(start: token.lowerBound, end: token.upperBound, rule: found.rule, kind: .match))
            }
            return nil
        }
    }

    /// Decodes a base64 `value` of `line` and masks the whole token when the decoded text is a
    /// credential pair (as its context reads pairs) or the rules find a secret in it.
    private func scanBase64Decoded(_ value: Base64ValueFinder.Value, in line: UnsafeRawBufferPointer,
                                   _ scratch: ScanScratch) -> PCRE2Error? {
        let decoding = scratch.decoding
        decoding.decoded.removeAll(keepingCapacity: true)
        if let key = value.context.keyForScan {
            decoding.decoded.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[key]))
            decoding.decoded.append(UInt8(ascii: "="))
        }
        let textStart = decoding.decoded.count
        guard Base64Decoder.decode(UnsafeRawBufferPointer(rebasing: line[value.token]), appendingTo: &decoding.decoded)
        else { return nil }
        let verdict: (isText: Bool, isPair: Bool) = decoding.decoded.withUnsafeBytes { all in
            let text = UnsafeRawBufferPointer(rebasing: all[textStart...])
            guard !text.isEmpty, DecodedText.isText(text) else { return (false, false) }
            guard let strictness = value.context.pairStrictness else { return (true, false) }
            return (true, DecodedText.isCredentialPair(text, strictness: strictness))
        }
        guard verdict.isText else { return nil }
        if verdict.isPair, let rule = encodedCredentialsRule(scratch) {
            scratch.spans.append(RedactionSpan(start: value.token.lowerBound, end: value.token.upperBound, rule: rule, kind: .match))
            return nil
        }
        return maskTokenIfDecodedHoldsSecret(value.token, textStart: textStart, scratch)
    }

    /// Scans the view of `line` in which every Python bytes-literal prefix is a space (left in
    /// `scratch.decoding.view`) with the rules only, adds what it finds, and moves each rule span
    /// that covered only a literal's prefix (the rule took `b` for the value) to the literal's
    /// content when the view scan found nothing there.
    private func scanBytesLiteralView(of line: UnsafeRawBufferPointer, first: PythonBytesLiteral,
                                      _ scratch: ScanScratch) -> PCRE2Error? {
        let decoding = scratch.decoding
        decoding.literals.removeAll(keepingCapacity: true)
        decoding.prefixRules.removeAll(keepingCapacity: true)
        var next: PythonBytesLiteral? = first
        while let literal = next {
            decoding.literals.append(literal)
            decoding.prefixRules.append(-1)
            next = PythonBytesLiteral.first(in: line, from: literal.contentEnd + 1)
        }
        decoding.view.removeAll(keepingCapacity: true)
        decoding.view.append(contentsOf: line)
        for literal in decoding.literals { decoding.view[literal.prefix] = 0x20 }
        // Drop the spans that mask only a prefix (and its quote), remembering their rule.
        var kept = 0
        for index in scratch.spans.indices {
            let span = scratch.spans[index]
            if let owner = decoding.literals.firstIndex(where: { span.start >= $0.prefix && span.end <= $0.contentStart }) {
                decoding.prefixRules[owner] = span.rule
            } else {
                scratch.spans[kept] = span
                kept += 1
            }
        }
        scratch.spans.removeLast(scratch.spans.count - kept)
        // The view is scanned by the rules only: its decoding happens on this level afterwards.
        let nested = decoding.nested
        let depth = nested.decodingDepth
        nested.decodingDepth = DecodingLimits.maximumDepth
        let outcome = decoding.view.withUnsafeBytes { scanLine($0, nested) }
        nested.decodingDepth = depth
        if case .engineError(_, let error) = outcome { return error }
        if case .redact = outcome { scratch.spans.append(contentsOf: nested.spans) }
        for (index, literal) in decoding.literals.enumerated() where decoding.prefixRules[index] >= 0 {
            let covered = nested.spans.contains { $0.start < literal.contentEnd && $0.end > literal.contentStart }
            if case .redact = outcome, covered { continue }
            scratch.spans.append(RedactionSpan(start: literal.contentStart, end: literal.contentEnd,
                                               rule: decoding.prefixRules[index], kind: .match))
        }
        return nil
    }

    /// Whether the line just scanned with `scratch` may hold a base64 value in a credential
    /// context: the ``encodedCredentialsRuleID`` rule is a candidate (one of its keywords, every
    /// literal a context needs, occurs in the line). Without that rule (or when its keywords do
    /// not cover every context) every line may.
    @inline(__always)
    private func mayHoldBase64Context(_ scratch: ScanScratch) -> Bool {
        let decoding = scratch.decoding
        if decoding.ruleSetIdentity != ObjectIdentifier(self) { lookUpEncodedCredentialsRule(decoding) }
        guard let gate = decoding.base64Gate else { return true }
        return scratch.isCandidate(gate)
    }

    /// Index of the ``encodedCredentialsRuleID`` rule in this set, if present (looked up once per
    /// scratch).
    private func encodedCredentialsRule(_ scratch: ScanScratch) -> Int32? {
        let decoding = scratch.decoding
        if decoding.ruleSetIdentity != ObjectIdentifier(self) { lookUpEncodedCredentialsRule(decoding) }
        return decoding.encodedCredentialsRule
    }

    /// Finds the ``encodedCredentialsRuleID`` rule for `decoding` (once per scratch and set).
    private func lookUpEncodedCredentialsRule(_ decoding: DecodingScratch) {
        let index = compiledRules.firstIndex { $0.id == Self.encodedCredentialsRuleID }
        decoding.encodedCredentialsRule = index.map { Int32($0) }
        let needed = Set((Self.base64Triggers + Self.sensitiveKeyLiterals).map { Array($0.utf8) })
        decoding.base64Gate = index.flatMap { needed.isSubset(of: compiledRules[$0].foldedKeywords) ? Int32($0) : nil }
        decoding.ruleSetIdentity = ObjectIdentifier(self)
    }
}
