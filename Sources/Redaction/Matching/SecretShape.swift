#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Decides whether a value found under a secret-named key is shaped like a secret: the
/// `valueShape` post-filter of the generic key/value rules (see ``ValueShape``).
///
/// The decision rule, in order (the first that applies decides):
/// 1. **Never a secret, whatever the shape:** empty; a placeholder or masked value (only mask
///    characters such as `***`, `xxxx`, `…`; a run of `***` (also URL-encoded) or `xxxxx`; a
///    truncated `ab...yz`); a reference or template (`${X}`, `$(x)`, `{{ x }}`, `<% x %>`,
///    `#{x}`, `$NAME`, `$1`, `%NAME%`, `%s`, `<anything>`, `[anything]`, `{anything}`,
///    `(anything)`); a URL (`://`); an ARN; a reference to a secret stored elsewhere
///    (``isSecretReference(_:)``: `secretref:x`, `@Microsoft.KeyVault(...)`, `vault:path#key`,
///    GCP resource names, `name:latest`, CloudTrail's `HIDDEN_DUE_TO_SECURITY_REASONS`); a Sealed
///    Secrets ciphertext (``isSealedSecretCiphertext(_:)``); a public or publishable key
///    (``isPublicKeyText(_:)``: `pk_live_...`); a placeholder percent-encoded (`%5BFILTERED%5D`).
/// 2. ``ValueShape/password``: everything else is a secret, except a file path (`/run/secrets/db`,
///    `~/x`, `./x`), a Vault `hmac-sha256:` audit value, and what stands where a password would
///    (``isPasswordStandIn(_:)``: booleans, null-likes, the words of status and policy messages,
///    `CHANGE_ME`, `__DB_PASSWORD__`, SOPS and Ansible vault values, a single byte).
/// 3. ``ValueShape/token`` and ``ValueShape/strictToken`` reject, in order: values shorter than
///    8 bytes (16 for strict) or holding whitespace; file paths (a leading `/`, `~/`, `./`, `C:\`;
///    a file extension such as `.json`, `.pem`); e-mail addresses; digests with an algorithm
///    prefix (`sha256:...`, `md5=...`); numbers with separators or shorter than 14 digits (20 for
///    strict), `0x` hex numbers, versions and IP addresses, dates and times, durations and sizes
///    (`250ms`, `512Mi`); for strict only, UUIDs and bare hex strings (ids and digests) and
///    upper-case key ids of up to 20 letters and digits;
///    identifiers made of words, unless laid out like a UUID (every segment between `-_.:/@=#` is a word, a camelCase word, a
///    number or hex string of up to 8 digits, or a word with up to 3 digits such as `v2`,
///    `sha256`, `30s`: `db-credentials`, `user:42:profile`, `tenants/acme/2024/orders`), unless
///    its mixed-case words are unpronounceable (random letters cut at case changes, such as
///    `pGYulVEDzciypzCxhdy`: see ``hasUnpronounceableWords(_:)``).
///    What is left is a secret when it looks random: letters with digits, or mixed case that is
///    not camelCase (12 bytes or more), or letters with symbols (12 bytes or more), with a
///    Shannon entropy of at least min(3.0, log2(length) - 0.7) bits per byte; digits-only values
///    need 14 digits (20 for strict), an entropy of 2.5 and not to be a Unix time in ms/µs/ns.
///
/// ## Performance
/// Pure functions over the value's bytes: no allocation, no `String`, a few passes over at most
/// the value (entropy uses a stack histogram).
enum SecretShape {
    /// Whether `value` is shaped like a secret of kind `shape`.
    static func accepts(_ value: UnsafeRawBufferPointer, as shape: ValueShape) -> Bool {
        if value.isEmpty || isPlaceholder(value) || isSecretReference(value) || isSSHPublicKeyBody(value) || isIPFSContentID(value)
            || isPublicKeyText(value) || isSealedSecretCiphertext(value) {
            return false
        }
        if find(value, "://") || hasPrefix(value, "arn:", foldCase: true) { return false }
        switch shape {
        case .password: return !isAbsolutePath(value) && !isKeyedHash(value) && !isPasswordStandIn(value)
        case .token: return looksLikeToken(value, strict: false)
        case .strictToken: return looksLikeToken(value, strict: true)
        }
    }

    // MARK: - Rule 1: placeholders and references

    /// Masked values, placeholders, references and templates.
    static func isPlaceholder(_ v: UnsafeRawBufferPointer) -> Bool {
        // One pass tells which of the searches below can match at all (most values need none).
        let bytes = PlaceholderBytes(v)
        // Only mask characters (UTF-8 "•" and "…" are E2 80 A2 / E2 80 A6).
        if bytes.onlyMaskBytes || bytes.hasMaskRun { return true }
        if bytes.hasE2 && (find(v, "\u{2026}") || find(v, "\u{2022}\u{2022}")) { return true }  // `sk_live_••••1279`
        if bytes.hasPercent && (find(v, "%2A%2A%2A") || find(v, "%2a%2a%2a")) { return true }
        // A placeholder percent-encoded in a query string or form body: `%5BFILTERED%5D`,
        // `%24%7BTOKEN%7D`, `%3CYOUR_API_KEY%3E`.
        if v.count >= 6 && v.count <= 256 && PercentDecoder.isEscape(v, at: 0) && isPercentEncodedPlaceholder(v) { return true }
        if (bytes.hasUpperR && find(v, "REDACTED")) || (bytes.hasLowerR && find(v, "redacted")) { return true }  // XXX-REDACTED-XXX (Salt)
        // What Windows Setup writes over a password in its logs and saved answer files; ASP.NET's
        // machineKey keyword for a key the runtime makes (`validationKey="AutoGenerate,IsolateApps"`).
        if (bytes.hasStar && find(v, "*SENSITIVE*DATA*DELETED*")) || hasPrefix(v, "AutoGenerate", foldCase: false) { return true }
        // helm-diff's stand-ins for a Secret's data: `-------- # (24 bytes)`, `++++++++ # (32 bytes)`
        if v.count >= 6 && (v[0] == UInt8(ascii: "-") || v[0] == UInt8(ascii: "+")) && v.prefix(6).allSatisfy({ $0 == v[0] }) {
            return true
        }
        let first = v[0], last = v[v.count - 1]
        for opener in templateOpeners where hasPrefix(v, opener, foldCase: false) { return true }
        // Whole-value brackets: <your-token>, [MASKED], {0}, (none).
        if v.count >= 2 {
            switch (first, last) {
            case (UInt8(ascii: "{"), UInt8(ascii: "}")):
                return !isBracedCiphertext(v)
            case (UInt8(ascii: "<"), UInt8(ascii: ">")), (UInt8(ascii: "["), UInt8(ascii: "]")),
                 (UInt8(ascii: "("), UInt8(ascii: ")")):
                return true
            default: break
            }
        }
        // A bracketed word whose closing bracket the rule's value stopped before: `[FILTERED` of
        // `_session=[FILTERED];` (Rails), `<redacted`, `(hidden`.
        if v.count >= 3 && (first == UInt8(ascii: "[") || first == UInt8(ascii: "<") || first == UInt8(ascii: "("))
            && v[1...].allSatisfy({ isLetter($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }) {
            return true
        }
        // Windows environment references: %NUGET_TOKEN% (NuGet.Config, batch files, MSBuild).
        if v.count > 3 && first == UInt8(ascii: "%") && last == UInt8(ascii: "%") && isUpperCaseName(v, from: 1, to: v.count - 1) {
            return true
        }
        // Nagios / Icinga macros: $USER4$, $mysql_health_password$.
        if v.count > 2 && first == UInt8(ascii: "$") && last == UInt8(ascii: "$")
            && v[1..<(v.count - 1)].allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }) {
            return true
        }
        // An entity-quoted value (`&quot;${DB_PASSWORD}&quot;` in an XML attribute): its inside.
        if v.count > 12 && hasPrefix(v, "&quot;", foldCase: false)
            && equals(v, from: v.count - 6, to: v.count, "&quot;", foldCase: false) {
            return isPlaceholder(UnsafeRawBufferPointer(rebasing: v[6..<(v.count - 6)]))
        }
        // Maven / autoconf filter tokens: @DB_PASSWORD@ (upper case), @db.password@ (dotted).
        if v.count > 3 && first == UInt8(ascii: "@") && last == UInt8(ascii: "@") && isLetter(v[1]) {
            let inner = v[1..<(v.count - 1)]
            let upperName = inner.allSatisfy { isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
            let dottedName = inner.contains(UInt8(ascii: ".")) && inner.allSatisfy {
                ($0 >= 0x61 && $0 <= 0x7A) || isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            }
            if upperName || dottedName { return true }
        }
        // $NAME, $env:NAME, $1 (positional and SQL bind parameters), %NAME%, %s / %d / %v; a lone
        // `$` (a value cut before `(` of a command substitution, `Bearer $(gcloud auth ...)`).
        if first == UInt8(ascii: "$") {
            if v.count == 1 { return true }
            if v.count > 1 && v.count <= 3 && isDigits(v, 1, v.count - 1) { return true }
            var start = 1
            if hasPrefix(v, "$env:", foldCase: true) { start = 5 }
            // (a value that runs on past the reference, `$PWD HOME=$HOME` of `echo "PWD=$PWD HOME=$HOME"`:
            // the reference is its first word)
            let end = v.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) ?? v.count
            return start < end && isVariableName(v, from: start, to: end)
        }
        if first == UInt8(ascii: "%") {
            if v.count == 2 && isLetter(v[1]) { return true }
            // %%1843: a Windows event log message-table code (`ElevatedToken: %%1843`, "No").
            if v.count >= 3 && v[1] == UInt8(ascii: "%") && isDigits(v, 2, v.count - 2) { return true }
            if v.count >= 3 && last == UInt8(ascii: "%") && isVariableName(v, from: 1, to: v.count - 1) { return true }
            // A Symfony container parameter: %kernel.secret%, %app.mailer.dsn%.
            if v.count >= 5 && last == UInt8(ascii: "%") && isLetter(v[1])
                && v[1..<(v.count - 1)].allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") })
                && v[v.count - 2] != UInt8(ascii: ".") {
                return true
            }
        }
        return false
    }

    /// `{` base64 `}` of 16 or more bytes with upper case, lower case and digits: how Jenkins
    /// (`{AQAAABAAAAAQ...}`) and Maven (`{pW9kFtkW...==}`) keep an encrypted secret whose key lies
    /// beside it on the same machine; a secret, not a template like `{0}` or `{name}`.
    static func isBracedCiphertext(_ v: UnsafeRawBufferPointer) -> Bool {
        guard v.count >= 18 else { return false }
        var classes = CharacterClasses()
        for byte in v[1..<(v.count - 1)] {
            guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "=") else { return false }
            classes.add(byte)
        }
        return classes.upper > 0 && classes.lower > 0 && classes.digits > 0
    }

    /// (`%[` opens an HAProxy sample fetch: `%[env(UPSTREAM_AUTH)]`.)
    private static let templateOpeners: [StaticString] = [
        "${", "$(", "{{", "{%", "<%", "#{", "%(", "%{", "%[",
        // Grafana's `$__env{X}` / `$__file{path}` / `$__vault{path}`, Symfony's `%env(X)%`
        "$__env{", "$__file{", "$__vault{", "%env(",
        // Docker Compose's escaped `$`: `$${REDIS_PASSWORD}` reaches the container as `${...}`
        "$${", "$$(",
    ]


    // MARK: - Rule 2: passwords

    /// An absolute or home/dot-relative path with at least two segments (`/run/secrets/db`).
    static func isAbsolutePath(_ v: UnsafeRawBufferPointer) -> Bool {
        if hasPrefix(v, "~/", foldCase: false) || hasPrefix(v, "./", foldCase: false) || hasPrefix(v, "../", foldCase: false) {
            return true
        }
        guard v[0] == UInt8(ascii: "/"), v.count > 2 else { return false }
        // Base64 that happens to start with `/` (`/N/SgXWUu7AsRR0LZc6IA/vKq...=`): padding or a `+`
        // is no path's.
        if v.contains(UInt8(ascii: "+")) || v[v.count - 1] == UInt8(ascii: "=") { return false }
        var slashes = 0
        for byte in v where byte == UInt8(ascii: "/") { slashes += 1 }
        if slashes == 1 {
            // A top-level directory alone: sudo's `PWD=/root`, `/tmp`, `/srv` (`/notapath` may be a password).
            let name = UnsafeRawBufferPointer(rebasing: v[1...])
            return topLevelDirectories.contains { equals(name, from: 0, to: name.count, $0, foldCase: false) }
        }
        return slashes >= 2 && v[1] != UInt8(ascii: "/")
    }

    /// How many times ``looksLikeToken(_:strict:decodings:)`` decodes a value (double
    /// percent-encoding, an escape inside an encoded value).
    static let maximumDecodings = 2

    private static let topLevelDirectories: [StaticString] = [
        "root", "tmp", "srv", "home", "var", "opt", "usr", "etc", "mnt", "media", "data", "app", "workspace", "run",
        "boot", "bin", "sbin", "lib", "proc", "sys", "dev",
    ]

    // MARK: - Rule 3: tokens

    /// - Parameter decodings: how many times the value was decoded already (percent-encoding or
    ///   `\u`/`\x` escapes); at most ``maximumDecodings`` (`%252525...` would otherwise decode one
    ///   level per call, deep enough to overflow a thread's stack).
    static func looksLikeToken(_ v: UnsafeRawBufferPointer, strict: Bool, decodings: Int = 0) -> Bool {
        let count = v.count
        if count < (strict ? 16 : 8) { return false }
        let mayDecode = decodings < maximumDecodings
        // A percent-encoded value (`cart%3Auser%3A42` in a query) is judged by what it encodes.
        // Encoders escape punctuation, never a letter or digit: `Asdf%6256` is a password with a
        // `%` in it, not the encoding of `Asdfb56`.
        if mayDecode, v[0] != UInt8(ascii: "%"), count <= 1024, let escape = v.firstIndex(of: UInt8(ascii: "%")),
           PercentDecoder.isEscape(v, at: escape),
           // SAFETY of the unwraps: `isEscape` checked both hex digits.
           case let decoded = PercentDecoder.hexValue(v[escape + 1]).unsafelyUnwrapped << 4 | PercentDecoder.hexValue(v[escape + 2]).unsafelyUnwrapped,
           !isLetter(decoded) && !isDigit(decoded) {
            return judgeDecoded(v, decode: decodePercentEscape) { looksLikeToken($0, strict: strict, decodings: decodings + 1) }
        }
        var classes = CharacterClasses()
        for byte in v {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { return false }
            classes.add(byte)
        }
        // 0x and 64 or more hex digits under a secret's name: a 256-bit key written as a number
        // (an Ethereum private key under `private_key`), not a count or an address.
        if !strict && count >= 66 && v[0] == UInt8(ascii: "0") && (v[1] == UInt8(ascii: "x") || v[1] == UInt8(ascii: "X"))
            && v[2...].allSatisfy(isHexDigit) {
            return true
        }
        // A value with `\uXXXX` / `\xNN` escapes (`C\u00f3digo` in a JavaScript bundle) is judged
        // by the text they stand for.
        if mayDecode, count <= 1024, let slash = v.firstIndex(of: UInt8(ascii: "\\")), escapeLength(v, at: slash) > 0 {
            return judgeDecoded(v, decode: { v, index, output, length in
                let escape = escapeLength(v, at: index)
                guard escape > 0 else { return 0 }
                // SAFETY: `escapeLength` checked the hex digits; a code point of up to 4 hex digits
                // takes at most 3 UTF-8 bytes, fewer than the 4 or 6 bytes of its escape.
                var scalar: UInt32 = 0
                for digit in v[(index + 2)..<(index + escape)] { scalar = scalar << 4 | UInt32(PercentDecoder.hexValue(digit).unsafelyUnwrapped) }
                if scalar < 0x80 {
                    output[length] = UInt8(scalar); length += 1
                } else if scalar < 0x800 {
                    output[length] = UInt8(0xC0 | scalar >> 6); output[length + 1] = UInt8(0x80 | scalar & 0x3F); length += 2
                } else {
                    output[length] = UInt8(0xE0 | scalar >> 12); output[length + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                    output[length + 2] = UInt8(0x80 | scalar & 0x3F); length += 3
                }
                return escape
            }, { looksLikeToken($0, strict: strict, decodings: decodings + 1) })
        }
        let longNumber = strict ? 20 : 14
        if isPathOrObjectKey(v) || isEmail(v) || isRealmTokenID(v) || hasDigestPrefix(v) || isLabelledDigest(v) || isNumberLike(v, classes, longNumber: longNumber)
            || isResourceName(v) || isKubernetesName(v) || isULID(v) {
            return false
        }
        if isAssignment(v) { return false }
        if !strict && isHumanPassword(v, classes) { return true }
        if strict && (isUUID(v) || classes.isHex(count: count) || isObjectID(v) || isNamespacedKey(v) || isWordPrefixedHexID(v)
                       || isPrefixedULID(v)
                       || isReadableCompositeKey(v)) {
            return false
        }
        // Strict: 16 to 20 upper-case letters and digits name a key (access key ids, Confluent and
        // similar API key ids), not its secret.
        if strict && classes.lower == 0 && classes.symbols == 0 && count <= 20 { return false }
        // Strict: form-encoded text starts with an escape (`secret+key:%0A%22Ana+Lima`, a
        // gpg-agent prompt), a credential does not.
        if strict && v[0] == UInt8(ascii: "%") { return false }
        if !hasUUIDLayout(v) && isIdentifier(v, twoLetterWords: strict) && !(classes.upper > 0 && classes.lower > 0 && hasUnpronounceableWords(v)) {
            return false
        }
        let entropy = shannonEntropy(v)
        if classes.digits == count { return count >= longNumber && !isEpochTimestamp(v) && entropy >= 2.5 }
        let letters = classes.upper + classes.lower
        let mixedCase = classes.upper > 0 && classes.lower > 0
        let plausible: Bool
        if letters > 0 && classes.digits > 0 {
            plausible = true
        } else if letters > 0 && classes.symbols == 0 {
            plausible = mixedCase && count >= 12
        } else {
            plausible = letters > 0 && count >= 12
        }
        return plausible && entropy >= min(3.0, log2(Double(count)) - 0.7)
    }

    /// A password a person chose, under a key that names a secret (`client_secret=Mustang#67gt`,
    /// `CREDENTIALS: Welcome@123`), which the random-token test would take for an identifier:
    /// 8 to 40 bytes, 3 or more letters and a digit, no `/` or `:` (those name resources:
    /// `web/config+v4`), and either a symbol people put in passwords (`!$%^&*+?~`, not first:
    /// `$VAR`, `%s`) or a capitalised word (not `ORDER#88213`), `#` or `@`, and a tail of at most
    /// 5 letters and digits with 2 digits (`Football#12`) or a lower-case word and 2 or 3 final
    /// digits (`Hockey#coffee38`, `Monkey@falcon85`; not a Java identity hash
    /// `BinderProxy@2bd79ce`, a mail address or `Class#method`).
    static func isHumanPassword(_ v: UnsafeRawBufferPointer, _ classes: CharacterClasses) -> Bool {
        guard (8...40).contains(v.count), classes.upper + classes.lower >= 3, classes.digits >= 1,
              v[0] != UInt8(ascii: "$"), v[0] != UInt8(ascii: "%"),
              !v.contains(UInt8(ascii: "/")), !v.contains(UInt8(ascii: ":")) else { return false }
        for byte in v {
            switch byte {
            case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "^"), UInt8(ascii: "&"),
                 UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "~"):
                return true
            default:
                continue
            }
        }
        guard isUpper(v[0]), classes.lower >= 2,
              let mark = v.lastIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "@") }) else { return false }
        let tail = v.count - mark - 1
        guard tail >= 1 else { return false }
        if tail > 5 { return isWordThenDigits(v, from: mark + 1) }
        var digits = 0
        for index in (mark + 1)..<v.count {
            if isDigit(v[index]) { digits += 1 } else if !isLetter(v[index]) { return false }
        }
        return digits >= 2
    }

    /// `v[start...]` is 3 to 12 lower-case letters, then 2 or 3 digits that end it (`coffee38`;
    /// not a reference such as `rfc6749`).
    private static func isWordThenDigits(_ v: UnsafeRawBufferPointer, from start: Int) -> Bool {
        var index = start
        while index < v.count && isLower(v[index]) { index += 1 }
        let letters = index - start
        let digits = v.count - index
        guard (3...12).contains(letters), (2...3).contains(digits) else { return false }
        return isDigits(v, index, digits)
    }

    /// Judges `v` (at most 1,024 bytes) by the text it encodes: `decode(v, index, output, &length)`
    /// writes the decoded form of the escape at `index` to `output[length...]`, advances `length`
    /// and returns how many bytes of `v` it read, or returns 0 to have the byte copied; `judge`
    /// then reads the decoded text. A decoded escape is never longer than the escape, so the text
    /// fits in `v.count` bytes (on the stack).
    private static func judgeDecoded(
        _ v: UnsafeRawBufferPointer,
        decode: (UnsafeRawBufferPointer, Int, UnsafeMutableBufferPointer<UInt8>, inout Int) -> Int,
        _ judge: (UnsafeRawBufferPointer) -> Bool
    ) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: v.count) { buffer in
            var length = 0
            var index = 0
            while index < v.count {
                let read = decode(v, index, buffer, &length)
                if read > 0 {
                    index += read
                } else {
                    buffer[length] = v[index]
                    length += 1
                    index += 1
                }
            }
            return judge(UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<length]))
        }
    }

    /// The `decode` step of ``judgeDecoded(_:decode:_:)`` for percent-encoding: a valid `%XX` at
    /// `index` becomes its byte (3 bytes read); anything else is copied (0).
    private static func decodePercentEscape(_ v: UnsafeRawBufferPointer, _ index: Int,
                                            _ output: UnsafeMutableBufferPointer<UInt8>, _ length: inout Int) -> Int {
        guard PercentDecoder.isEscape(v, at: index) else { return 0 }
        // SAFETY: `isEscape` checked that two hex digits follow.
        output[length] = PercentDecoder.hexValue(v[index + 1]).unsafelyUnwrapped << 4
            | PercentDecoder.hexValue(v[index + 2]).unsafelyUnwrapped
        length += 1
        return 3
    }

    /// The length of the `\uXXXX` (6) or `\xNN` (4) escape at `index` of `v`, or 0.
    static func escapeLength(_ v: UnsafeRawBufferPointer, at index: Int) -> Int {
        guard index + 3 < v.count, v[index] == UInt8(ascii: "\\") else { return 0 }
        let length = v[index + 1] == UInt8(ascii: "u") ? 6 : v[index + 1] == UInt8(ascii: "x") ? 4 : 0
        guard length > 0, index + length <= v.count,
              v[(index + 2)..<(index + length)].allSatisfy({ PercentDecoder.hexValue($0) != nil }) else { return 0 }
        return length
    }

    /// A value that is itself an assignment (`expires_at=2024-05-01T10:30:00Z` after `token `):
    /// an identifier, `=`, then more text (`id=pip_token,env=PIP_TOKEN`). (Base64 has `=` only as
    /// trailing padding.) A left side with upper case that is shorter than 3 bytes or mixes in
    /// digits is no name but the first part of a token or a generated password with an `=` inside
    /// (Atlassian's `ATATT3...=1A2B3C4D`, `Rk4=Lq8Zt2...`, `GV8P=mXm...`, `Yc=Fwq...`).
    static func isAssignment(_ v: UnsafeRawBufferPointer) -> Bool {
        guard let first = v.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        var name = CharacterClasses()
        name.add(first)
        var index = 1
        while index < v.count {
            let byte = v[index]
            if byte == UInt8(ascii: "=") {
                if name.upper > 0 && (index < 3 || (name.digits > 0 && (name.lower > 0 || index <= 8))) { return false }
                return index + 1 < v.count && v[index + 1] != UInt8(ascii: "=")
            }
            name.add(byte)
            guard isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") else { return false }
            index += 1
        }
        return false
    }

    /// Vendor object ids logged under a bare `key` (`cus_Q3xk9LmZP2vTaB`, `evt_...`, `pi_...`): a
    /// short lower-case prefix naming an object kind, `_`, then the id. Secret prefixes (`sk_`,
    /// `rk_`, `whsec_`, `tok_`) are not in the list.
    static func isObjectID(_ v: UnsafeRawBufferPointer) -> Bool {
        guard let underscore = v.firstIndex(of: UInt8(ascii: "_")), underscore >= 2, underscore <= 6,
              v.count - underscore - 1 >= 8 else { return false }
        let prefix = UnsafeRawBufferPointer(rebasing: v[0..<underscore])
        return objectIDPrefixes.contains { name in name.count == prefix.count && zip(name, prefix).allSatisfy { $0 == $1 } }
    }

    private static let objectIDPrefixes: [[UInt8]] = [
        "cus", "evt", "ch", "pi", "pm", "in", "txn", "req", "sub", "prod", "price", "acct", "ord", "inv", "seti", "src",
        "py", "re", "po", "ii", "il", "cn", "dp", "tr", "fee", "file", "link", "plan", "si", "ba", "card", "cbtxn", "du",
        "ipi", "mbur", "or", "payout", "person", "qt", "sched", "trr", "txi", "ic", "msg", "usr", "org", "team", "proj",
        "sess", "chat", "conv", "thread", "run", "asst", "batch", "user",
    ].map { Array($0.utf8) }

    /// Namespaced cache and queue keys (checked for values under `key` alone): a lower-case name
    /// (letters, digits, `_`, `-`, starting with a letter, 2 or more bytes) and `:` before the rest
    /// (`stripe:customer:cus_Q3xk9LmZP2vTaB`, `ratelimit:-vUnUHrcI_oWuX`, `og-image:8QssBtcU`,
    /// `v2:tenant:4412:search:...`), or a leading `:` (Django's `:1:views.decorators...`). Not a
    /// URL (`name://`).
    static func isNamespacedKey(_ v: UnsafeRawBufferPointer) -> Bool {
        guard let firstColon = v.firstIndex(of: UInt8(ascii: ":")) else { return false }
        if firstColon == 0 { return v.count > 2 }
        guard firstColon >= 2, isLower(v[0]) else { return false }
        for index in 0..<firstColon {
            let byte = v[index]
            guard isLower(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") else {
                return false
            }
        }
        return firstColon + 1 < v.count && v[firstColon + 1] != UInt8(ascii: "/")
    }

    /// Under `key` alone: a key built from readable parts, lower-case words and numbers joined by
    /// `_`, `-`, `.` or `:`, with at least two words of 3 or more letters
    /// (`edge-proxy_remote_address_192.0.2.82_1793973780`, a rate limiter's window key). A random
    /// value does not split into whole words and whole numbers.
    static func isReadableCompositeKey(_ v: UnsafeRawBufferPointer) -> Bool {
        var words = 0
        var letters = 0
        var digits = 0
        for index in 0...v.count {
            let byte = index < v.count ? v[index] : UInt8(ascii: "_")
            if isLower(byte) {
                letters += 1
            } else if isDigit(byte) {
                digits += 1
            } else if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                        || byte == UInt8(ascii: ":") {
                if letters > 0 && digits > 0 { return false }  // a part that mixes letters and digits
                if letters >= 3 { words += 1 }
                letters = 0
                digits = 0
            } else {
                return false
            }
        }
        return words >= 2
    }

    /// Under `key` alone: a lower-case word of 2 to 8 letters or a digest name, `_` or `-`, then
    /// hex (8 to 24 digits after a word, any length after `md5`, `sha1`, `sha256`, ...): cache,
    /// batch and chunk ids (`page_0650a9bcc94f`, `batch-6b4a828010fea108`, `md5_f60b7d9b...`); or
    /// the word, `/` and 8 hex digits or more: a content-addressed object (`cas/<sha256>`).
    static func isWordPrefixedHexID(_ v: UnsafeRawBufferPointer) -> Bool {
        var word = 0
        while word < v.count && isLower(v[word]) { word += 1 }
        let digest = word > 0 && (hasPrefix(v, "md5", foldCase: false) || hasPrefix(v, "sha", foldCase: false))
        var separator = word
        while separator < v.count && isDigit(v[separator]) && digest { separator += 1 }  // sha256_
        guard (2...8).contains(word) || digest, separator < v.count,
              v[separator] == UInt8(ascii: "_") || v[separator] == UInt8(ascii: "-") || v[separator] == UInt8(ascii: "/")
        else { return false }
        let hex = v.count - separator - 1
        // (a content-addressed object's key, `cas/<sha256>`, `blobs/<hex>`: any length after `/`)
        let path = v[separator] == UInt8(ascii: "/")
        guard digest || path ? hex >= 8 : (8...24).contains(hex) else { return false }
        for index in (separator + 1)..<v.count where !isLowerHexDigit(v[index]) {
            return false
        }
        return true
    }

    /// A ULID alone: 26 characters of Crockford's base32 (digits and upper-case letters without
    /// I, L, O and U), the first 0-7 (a 48-bit time): a record's id, `target=api_key:01KH9FD8...`
    /// in an audit line, not the key.
    static func isULID(_ v: UnsafeRawBufferPointer) -> Bool {
        guard v.count == 26, v[0] >= UInt8(ascii: "0"), v[0] <= UInt8(ascii: "7") else { return false }
        for byte in v {
            guard isDigit(byte) || (isUpper(byte) && byte != UInt8(ascii: "I") && byte != UInt8(ascii: "L")
                                    && byte != UInt8(ascii: "O") && byte != UInt8(ascii: "U")) else { return false }
        }
        return true
    }

    /// An object's id: a lower-case prefix of 1 to 12 letters, `_`, and a ULID (26 upper-case
    /// letters and digits, the first 0-7): `key_01H8R8WEZDLDM5NB3C3X2GVAQX`, `usr_01J...` (a key's
    /// id in an error, not the key).
    static func isPrefixedULID(_ v: UnsafeRawBufferPointer) -> Bool {
        guard let underscore = v.firstIndex(of: UInt8(ascii: "_")), (1...12).contains(underscore),
              v.count - underscore - 1 == 26 else { return false }
        for index in 0..<underscore where !isLower(v[index]) { return false }
        let first = v[underscore + 1]
        guard first >= UInt8(ascii: "0") && first <= UInt8(ascii: "7") else { return false }
        for index in (underscore + 1)..<v.count {
            let byte = v[index]
            // (any upper-case letter: generators that mint ULID-like ids do not all keep to Crockford's)
            guard isDigit(byte) || isUpper(byte) else { return false }
        }
        return true
    }

    /// An IPFS content id: CIDv0 (`Qm` and 44 base58 characters) or a base32 CIDv1 (`bafy`...):
    /// a public content address.
    static func isIPFSContentID(_ v: UnsafeRawBufferPointer) -> Bool {
        if v.count == 46 && hasPrefix(v, "Qm", foldCase: false) {
            for byte in v where !(isLetter(byte) || isDigit(byte)) || byte == UInt8(ascii: "0") || byte == UInt8(ascii: "O")
                || byte == UInt8(ascii: "I") || byte == UInt8(ascii: "l") {
                return false
            }
            return true
        }
        guard v.count >= 50, hasPrefix(v, "bafy", foldCase: false) || hasPrefix(v, "bafk", foldCase: false) else { return false }
        for byte in v where !(isLower(byte) || (byte >= UInt8(ascii: "2") && byte <= UInt8(ascii: "7"))) {
            return false
        }
        return true
    }

    /// Whether `v`, percent-decoded (each valid `%XX` to its byte, all else kept), is a placeholder.
    /// One level only: decoded text that still starts with `%` is not decoded again.
    private static func isPercentEncodedPlaceholder(_ v: UnsafeRawBufferPointer) -> Bool {
        judgeDecoded(v, decode: decodePercentEscape) { $0.first != UInt8(ascii: "%") && isPlaceholder($0) }
    }

    /// A public key in a form that says so: a compressed (`02`/`03` and 64 hex digits) or
    /// uncompressed (`04` and 128) secp256k1 point, as Bitcoin, Lightning and Ethereum tools log
    /// node and funding keys (a private key is 64 hex digits), and Tailscale's typed public keys
    /// (`nodekey:`, `mkey:`, `discokey:`, `nlpub:` and hex); and a browser-side publishable key
    /// (`pk_live_` / `pk_test_` and a mixed-case body: Stripe, Clerk, Magic ship it in every page).
    /// Courier's `pk_test_` auth tokens have an upper-case body and stay secret.
    static func isPublicKeyText(_ v: UnsafeRawBufferPointer) -> Bool {
        if v.count >= 20 && (hasPrefix(v, "pk_live_", foldCase: false) || hasPrefix(v, "pk_test_", foldCase: false)) {
            let body = v[8...]
            return body.contains(where: isLower)
                && body.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "$") })
        }
        if (v.count == 66 || v.count == 130), v[0] == UInt8(ascii: "0") {
            let tag = v[1]
            let tagged = v.count == 66 ? (tag == UInt8(ascii: "2") || tag == UInt8(ascii: "3")) : tag == UInt8(ascii: "4")
            return tagged && v.allSatisfy(isHexDigit)
        }
        for prefix in publicKeyPrefixes where hasPrefix(v, prefix, foldCase: false) {
            let body = v[prefix.utf8CodeUnitCount...]
            return body.count == 64 && body.allSatisfy(isHexDigit)
        }
        return false
    }

    private static let publicKeyPrefixes: [StaticString] = ["nodekey:", "mkey:", "discokey:", "nlpub:"]

    /// The base64 body of an SSH public key (`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5...`,
    /// `ssh-rsa AAAAB3NzaC1yc2E...`, ECDSA `AAAAE2VjZHNh...`): public, logged by osquery,
    /// `authorized_keys` audits and sshd.
    static func isSSHPublicKeyBody(_ v: UnsafeRawBufferPointer) -> Bool {
        hasPrefix(v, "AAAAC3NzaC1lZDI1NTE5", foldCase: false) || hasPrefix(v, "AAAAB3NzaC1yc2E", foldCase: false)
            || hasPrefix(v, "AAAAE2VjZHNhLXNoYTItbmlzdHA", foldCase: false)
            || hasPrefix(v, "AAAAGnNrLXNzaC1lZDI1NTE5", foldCase: false)
    }

    /// Counts of ASCII character classes in a value.
    struct CharacterClasses {
        var upper = 0, lower = 0, digits = 0, symbols = 0
        var hexLetters = 0
        var hexUpper = 0

        mutating func add(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                upper += 1
                if byte <= UInt8(ascii: "F") { hexUpper += 1 }
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                lower += 1
                if byte <= UInt8(ascii: "f") { hexLetters += 1 }
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            default: symbols += 1
            }
        }

        /// Only hex digits, in one case.
        func isHex(count: Int) -> Bool {
            digits + hexLetters == count || digits + hexUpper == count
        }
    }

    /// Paths and file names: `/var/x` (not base64 that starts with `/`), `~/x`, `~user/x`, `./x`, `C:\x`,
    /// `uploads/9f86d0.png`, `server.key`.
    /// (Object and cache keys made of words, `tenants/acme/2024/orders`, are identifiers.)
    static func isPathOrObjectKey(_ v: UnsafeRawBufferPointer) -> Bool {
        let first = v[0]
        if first == UInt8(ascii: "/") { return !isBase64Body(v) }
        if first == UInt8(ascii: "\\") { return true }
        // `~/x`, `~deploy/.ssh`, `~`: a home directory, and `~779`, `~1.2.3`: an approximate
        // number or a version range; a generated password may start with `~` too
        // (`~tn+Dxl7taRW+`), and it holds no `/` and no digit right after the `~`.
        if first == UInt8(ascii: "~") {
            return v.count == 1 || isDigit(v[1]) || v.firstIndex(of: UInt8(ascii: "/")) != nil
        }
        if hasPrefix(v, "./", foldCase: false) || hasPrefix(v, "../", foldCase: false) { return true }
        if v.count >= 3 && isLetter(first) && v[1] == UInt8(ascii: ":")
            && (v[2] == UInt8(ascii: "\\") || v[2] == UInt8(ascii: "/")) { return true }
        var lastSlash = -1
        var lastDot = -1
        for index in 0..<v.count {
            switch v[index] {
            case UInt8(ascii: "/"): lastSlash = index
            case UInt8(ascii: "."): lastDot = index
            default: break
            }
        }
        // A file extension: 1-5 lower-case letters or digits after the last dot, with a letter
        // (up to 8 after a `/`: `part-00000.snappy.parquet`).
        if lastDot > 0 && lastDot > lastSlash {
            let extensionLength = v.count - lastDot - 1
            if (1...(lastSlash >= 0 ? 8 : 5)).contains(extensionLength) {
                var letters = 0
                var valid = true
                for index in (lastDot + 1)..<v.count {
                    let byte = v[index]
                    if isLower(byte) { letters += 1 } else if !isDigit(byte) { valid = false }
                }
                // Known extensions anywhere; any extension after a `/` (an object key:
                // `thumbnails/3d40f13c-.../64x64.webp`, `pg/orders/2025-02-18.dump.zst`: base64
                // has no `.`, base64url no `/`).
                if valid && letters > 0
                    && (lastSlash >= 0 || fileExtensions.contains(where: { equals(v, from: lastDot + 1, $0) })) { return true }
            }
        }
        return false
    }

    /// A resource name or path made of lower-case names: at least two segments joined by `/` or
    /// `:`, each of lower-case letters, digits, `-`, `_` and `.`, each holding a letter, none of
    /// them a random run (20 or more bytes with letters and digits): `prod/payments/stripe`,
    /// `repo:acme/web:ref:refs/heads/main`, `projects/acme/secrets/db`. A segment may also be a
    /// lower-case UUID when another segment is a name (`tmp/079e9316-...`, a Secret named
    /// `crossplane-system/8e6b40d5-...`): an object's id under its prefix or namespace.
    static func isResourceName(_ v: UnsafeRawBufferPointer) -> Bool {
        var segments = 0
        var uuidSegments = 0
        var letters = 0  // in the segment
        var runLetters = 0, runDigits = 0  // in the run of letters and digits
        var index = 0
        while index <= v.count {
            defer { index += 1 }
            if (index == 0 || v[index - 1] == UInt8(ascii: "/") || v[index - 1] == UInt8(ascii: ":"))
                && index + 36 <= v.count && (index + 36 == v.count || v[index + 36] == UInt8(ascii: "/") || v[index + 36] == UInt8(ascii: ":")),
               case let segment = UnsafeRawBufferPointer(rebasing: v[index..<(index + 36)]),
               isUUID(segment) && !segment.contains(where: isUpper) {
                uuidSegments += 1
                segments += 1
                index += 36  // the separator after it (or the end) is passed over by `defer`
                continue
            }
            let byte = index < v.count ? v[index] : UInt8(ascii: "/")
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
                // A run of 12 or more letters and digits mixed is random, not a name.
                guard !(runLetters > 0 && runDigits > 0 && runLetters + runDigits >= 12) else { return false }
                runLetters = 0
                runDigits = 0
                guard byte == UInt8(ascii: "/") || byte == UInt8(ascii: ":") else { continue }
                guard letters > 0 else { return false }
                segments += 1
                letters = 0
                continue
            }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                letters += 1
                runLetters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): runDigits += 1
            default: return false
            }
        }
        return segments >= 2 && segments > uuidSegments
    }

    /// A Kubernetes-style object name: lower-case letters, digits and `-`, at least two parts, two
    /// of them and at least half of them words of letters only (`api-tls-vr2pt`,
    /// `orders-db-7c9f8d6b5-x2k4q`): the name of a Secret or a pod, where a grouped key
    /// (`x7k2-m9p4-q8r3`) has digits in every part.
    static func isKubernetesName(_ v: UnsafeRawBufferPointer) -> Bool {
        guard v.count >= 5, v.count <= 253, isLower(v[0]) else { return false }
        var parts = 0, wordParts = 0, partLength = 0, partDigits = 0
        for index in 0...v.count {
            let byte = index < v.count ? v[index] : UInt8(ascii: "-")
            if byte == UInt8(ascii: "-") {
                guard partLength > 0 else { return false }
                parts += 1
                if partDigits == 0 && partLength >= 2 { wordParts += 1 }
                partLength = 0
                partDigits = 0
                continue
            }
            if isDigit(byte) { partDigits += 1 } else if !isLower(byte) { return false }
            partLength += 1
        }
        // At least as many word parts as parts with digits, and not laid out like a UUID.
        return parts >= 2 && wordParts >= 2 && 2 * wordParts >= parts && !hasUUIDLayout(v)
    }

    /// Lower-case letters, `-`, `_` and `.` only, 2 to 64 bytes, starting with a letter: a name
    /// (`db-password`), where machine secrets mix in digits or upper case.
    static func isLowerCaseName(_ v: UnsafeRawBufferPointer) -> Bool {
        guard (2...64).contains(v.count), isLower(v[0]) else { return false }
        for byte in v where !(isLower(byte) || byte == UInt8(ascii: "-")
                              || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")) {
            return false
        }
        return true
    }

    /// `0x` and 40 hex digits: an Ethereum address (an account or a contract, such as an ERC-20
    /// token's), public by nature; a private key is 64 hex digits.
    static func isEthereumAddress(_ v: UnsafeRawBufferPointer) -> Bool {
        v.count == 42 && v[0] == UInt8(ascii: "0") && (v[1] == UInt8(ascii: "x") || v[1] == UInt8(ascii: "X"))
            && v[2...].allSatisfy(isHexDigit)
    }

    /// The labels of ``isLabelledDigest(_:)``.
    private static let digestLabels: [StaticString] = ["hashed", "sha1", "sha256", "sha384", "sha512", "sha-256", "sha-512", "md5"]

    /// A digest that says so: `hashed:<hex>`, `sha256:<hex>`, `sha512:<hex>`, `md5:<hex>` (32 hex
    /// digits or more). Stricter than ``hasDigestPrefix(_:)`` (hex only after the label) and with
    /// the `hashed` label it lacks; the record layer, which masks more than the token shape,
    /// uses this one. LLM gateways and API managers log the hash of a key they looked up
    /// (`"api_key": "hashed:9f2c..."`): it stands for the key and cannot be used as one. (Under a
    /// password key it still counts: an unsalted password hash can be cracked.)
    static func isLabelledDigest(_ v: UnsafeRawBufferPointer) -> Bool {
        var colon = 0
        while colon < v.count && colon < 8 && v[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < v.count, v[colon] == UInt8(ascii: ":"), v.count - colon - 1 >= 32 else { return false }
        let label = UnsafeRawBufferPointer(rebasing: v[0..<colon])
        guard digestLabels.contains(where: { label.count == $0.utf8CodeUnitCount && hasPrefix(label, $0, foldCase: true) })
        else { return false }
        return v[(colon + 1)...].allSatisfy(isHexDigit)
    }

    /// A keyed hash standing for a value: Vault's audit log writes every secret as
    /// `hmac-sha256:<hex>`.
    static func isKeyedHash(_ v: UnsafeRawBufferPointer) -> Bool {
        guard hasPrefix(v, "hmac-sha", foldCase: true) else { return false }
        var index = 8
        while index < v.count && isDigit(v[index]) { index += 1 }
        return index > 8 && index + 1 < v.count && v[index] == UInt8(ascii: ":")
    }

    /// Base64 that happens to start with `/` (a third of random keys have a `/` somewhere, one in
    /// 64 at the start: `/6Un4AWyy7...Uo=`), not a path: it holds a `+`, ends in `=` padding, or
    /// has a segment of 20 or more bytes mixing upper case, lower case and digits (path segments
    /// are words, numbers, hex or dated names).
    static func isBase64Body(_ v: UnsafeRawBufferPointer) -> Bool {
        if v.contains(UInt8(ascii: "+")) || v[v.count - 1] == UInt8(ascii: "=") { return true }
        var segment = CharacterClasses()
        var length = 0
        for byte in v {
            if byte == UInt8(ascii: "/") {
                segment = CharacterClasses()
                length = 0
                continue
            }
            segment.add(byte)
            length += 1
            if length >= 20 && segment.upper > 0 && segment.lower > 0 && segment.digits > 0 && segment.symbols == 0 {
                return true
            }
        }
        return false
    }

    private static let fileExtensions: [StaticString] = [
        "json", "yaml", "yml", "toml", "xml", "ini", "conf", "cfg", "env", "txt", "log", "csv",
        "pem", "key", "crt", "cer", "der", "p12", "pfx", "jks", "pub", "asc", "gpg", "kdbx",
        "html", "js", "css", "png", "jpg", "gif", "pdf", "zip", "gz", "tgz", "tar", "bin", "sh", "py",
    ]

    /// `local@domain.tld`.
    static func isEmail(_ v: UnsafeRawBufferPointer) -> Bool {
        guard let at = v.firstIndex(of: UInt8(ascii: "@")), at > 0, at < v.count - 3 else { return false }
        var dotAfterAt = false
        for index in (at + 1)..<v.count {
            let byte = v[index]
            if byte == UInt8(ascii: ".") { dotAfterAt = true; continue }
            if !(isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-")) { return false }
        }
        guard dotAfterAt, isLetter(v[v.count - 1]) else { return false }
        for index in 0..<at {
            let byte = v[index]
            if !(isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "%")) { return false }
        }
        return true
    }

    /// `sha256:...`, `md5=...`, `crc32c:...`, `hmac-sha256:...`, `SHA256:...` (ssh fingerprints).
    static func hasDigestPrefix(_ v: UnsafeRawBufferPointer) -> Bool {
        var end = 0
        while end < v.count && end <= 16 && (isLetter(v[end]) || isDigit(v[end]) || v[end] == UInt8(ascii: "-")) { end += 1 }
        guard end > 0, end < v.count, v[end] == UInt8(ascii: ":") || v[end] == UInt8(ascii: "=") else { return false }
        for algorithm in digestAlgorithms where hasPrefix(v, algorithm, foldCase: true) { return true }
        return false
    }

    private static let digestAlgorithms: [StaticString] = ["sha", "md5", "crc", "blake", "xxh", "hmac-", "murmur", "adler"]

    /// Numbers (fewer than `longNumber` digits, or with separators), hex numbers, versions and
    /// IPv4 addresses, dates, times, durations and sizes.
    static func isNumberLike(_ v: UnsafeRawBufferPointer, _ classes: CharacterClasses, longNumber: Int) -> Bool {
        let count = v.count
        // 1234, 1,234.5, -3, 1_000_000: digits with separators and no letter.
        if classes.upper + classes.lower == 0 {
            var digits = 0
            for byte in v {
                if isDigit(byte) { digits += 1; continue }
                if !(byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "_")
                     || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ":")) { return false }
            }
            // Dates, times, IPs and plain numbers; long digit-only runs go on to the random test.
            return digits < longNumber || digits < count
        }
        // 0x3AA5C34371567BD2: a hex number.
        if count > 2 && v[0] == UInt8(ascii: "0") && (v[1] == UInt8(ascii: "x") || v[1] == UInt8(ascii: "X")) {
            var hex = true
            for index in 2..<count where !isHexDigit(v[index]) { hex = false; break }
            if hex { return true }
        }
        // v1.2.3, 1.22.4-rc.1: digits and dots first.
        var index = v[0] == UInt8(ascii: "v") || v[0] == UInt8(ascii: "V") ? 1 : 0
        var dots = 0
        var sawDigit = false
        while index < count && (isDigit(v[index]) || v[index] == UInt8(ascii: ".")) {
            if v[index] == UInt8(ascii: ".") { dots += 1 } else { sawDigit = true }
            index += 1
        }
        if sawDigit && dots >= 2 { return true }
        if sawDigit && dots >= 1 && (index == count || v[index] == UInt8(ascii: "-") || v[index] == UInt8(ascii: "+")) { return true }
        // 2024-05-01..., 10:00:00...
        if count >= 10 && isDigits(v, 0, 4) && v[4] == UInt8(ascii: "-") && isDigits(v, 5, 2) && v[7] == UInt8(ascii: "-") { return true }
        return isDuration(v)
    }

    /// `250ms`, `1h30m`, `3.5s`, `512Mi`, `10GB`, `PT30M`: numbers each followed by a known unit.
    static func isDuration(_ v: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        if hasPrefix(v, "PT", foldCase: false) || hasPrefix(v, "P", foldCase: false) && v.count > 1 && isDigit(v[1]) {
            index = v[1] == UInt8(ascii: "T") ? 2 : 1
        }
        var groups = 0
        while index < v.count {
            let numberStart = index
            while index < v.count && (isDigit(v[index]) || v[index] == UInt8(ascii: ".")) { index += 1 }
            guard index > numberStart else { return false }
            let unitStart = index
            while index < v.count && isLetter(v[index]) { index += 1 }
            guard index > unitStart, units.contains(where: { equals(v, from: unitStart, to: index, $0, foldCase: true) }) else {
                return false
            }
            groups += 1
        }
        return groups > 0
    }

    private static let units: [StaticString] = [
        "ns", "us", "ms", "s", "m", "h", "d", "w", "y", "b", "k", "kb", "mb", "gb", "tb", "pb",
        "ki", "mi", "gi", "ti", "kib", "mib", "gib", "tib", "sec", "secs", "min", "mins", "hr", "hrs",
    ]

    /// A Unix time in milliseconds, microseconds or nanoseconds (13, 16 or 19 digits starting with 1).
    static func isEpochTimestamp(_ v: UnsafeRawBufferPointer) -> Bool {
        (v.count == 13 || v.count == 16 || v.count == 19) && v[0] == UInt8(ascii: "1")
    }

    /// `8-4-4-4-12` hex digits.
    static func isUUID(_ v: UnsafeRawBufferPointer) -> Bool {
        guard v.count == 36 else { return false }
        for index in 0..<36 {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                if v[index] != UInt8(ascii: "-") { return false }
            } else if !isHexDigit(v[index]) {
                return false
            }
        }
        return true
    }

    /// `8-4-4-4-12` letters and digits: a key issued in UUID layout, never an identifier.
    static func hasUUIDLayout(_ v: UnsafeRawBufferPointer) -> Bool {
        guard v.count == 36 else { return false }
        for index in 0..<36 {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                if v[index] != UInt8(ascii: "-") { return false }
            } else if !(isLetter(v[index]) || isDigit(v[index])) {
                return false
            }
        }
        return true
    }
}
