/// Why a base64 value is looked into: the context that says it may be a credential.
enum Base64Context: Equatable {
    /// After the `Basic` scheme word (`Authorization: Basic ...`, `auth="Basic ..."`).
    case basicScheme
    /// The value of an `auth` field (`"auth":"..."` in a Docker config, `basic_auth=`, `proxyAuth:`).
    case authField
    /// The value of a key ending in `_B64`/`_BASE64`/`B64`/`Base64`; `stem` is the key without the
    /// suffix (`DATABASE_PASSWORD` of `DATABASE_PASSWORD_B64`), positions in the line.
    case base64Key(stem: Range<Int>)
    /// The value of a sensitive key (a Kubernetes Secret `data:` entry such as `tls.key`,
    /// `.dockerconfigjson`, `db-password`); `key` is its position in the line.
    case sensitiveKey(key: Range<Int>)
    /// A value whose first bytes say what it encodes, under any key (`config blob: eyJ1c2VyIjoi...`,
    /// `DATABASE_URL: cG9zdGdyZXNxbDovL...`): a JSON object (`eyJ`, the base64 of `{"`) or a URL
    /// whose scheme may carry credentials (`postgres`, `mysql://`, `mongodb`, `redis://`,
    /// `amqp(s)://`, `http(s)://`, `ftp://`, `sftp://`, `smtp://`, `ldap://`), a PEM block, or form
    /// or settings text whose first key may name a credential (`password=`, `username=`,
    /// `client_id=`, `grant_type=`, `export `, ...: ``Base64ValueFinder/selfDescribingPrefixes``).
    /// Masked when the rules find a secret in the decoded text. (A JWT holds dots, so it never is
    /// one whole token here.)
    case selfDescribing
    /// A value the text itself labels as base64, under any key: a `data:` URI
    /// (`data:application/json;base64,...`) or a label that ends in `(base64)` / `(b64)` before
    /// its separator (`helm values (base64): ...`). Masked, like ``selfDescribing``, when the
    /// rules find a secret in the decoded text (an image decodes to no text and is left alone).
    case labelled

    /// The key name to put before the decoded text when it is scanned, so rules that need a key
    /// (`DATABASE_PASSWORD=...`) see one; nil for contexts without a key.
    var keyForScan: Range<Int>? {
        switch self {
        case .basicScheme, .authField, .selfDescribing, .labelled: return nil
        case .base64Key(let stem): return stem
        case .sensitiveKey(let key): return key
        }
    }

    /// How strictly a decoded `user:password` is read in this context; nil when a pair alone is
    /// not enough (a sensitive key's value is masked only when a rule finds a secret in it: a key
    /// such as `cache_key` may well hold `user:42`).
    var pairStrictness: DecodedText.Strictness? {
        switch self {
        case .basicScheme: return .basicScheme
        case .authField, .base64Key: return .keyedValue
        case .sensitiveKey, .selfDescribing, .labelled: return nil
        }
    }

    /// The context a key gives its value, or nil when the key says nothing about credentials.
    ///
    /// Decided by how the key ends (so `secretName` and `token_id` are not sensitive): `auth`
    /// (alone or after `_`, `-`, `.`, `basic`, `proxy`, or camel-case `Auth`); `b64`/`base64` after a
    /// non-empty stem; or a sensitive word: `password`, `passwd`, `pwd`, `pass`, `secret(s)`,
    /// `token(s)`, `credential(s)`, `key` (`tls.key`, `api-key`, `ssh-privatekey`),
    /// `dockerconfigjson`, `dockercfg`. Costs a byte comparison for most keys.
    /// - Parameters:
    ///   - key: the key's bytes (letters, digits, `_`, `-`, `.`), positions `range` in the line.
    static func classify(key: UnsafeRawBufferPointer, at range: Range<Int>) -> Base64Context? {
        let count = key.count
        guard count > 0 else { return nil }
        switch ASCIIFolding.lower(key[count - 1]) {
        case UInt8(ascii: "4"):
            let suffix = endsFolded(key, "base64") ? 6 : endsFolded(key, "b64") ? 3 : 0
            guard suffix > 0 else { return nil }
            var stemEnd = count - suffix
            while stemEnd > 0 && (key[stemEnd - 1] == UInt8(ascii: "_") || key[stemEnd - 1] == UInt8(ascii: "-")
                                  || key[stemEnd - 1] == UInt8(ascii: ".")) {
                stemEnd -= 1
            }
            guard stemEnd > 0 else { return nil }
            return .base64Key(stem: range.lowerBound..<(range.lowerBound + stemEnd))
        case UInt8(ascii: "h"):
            guard endsFolded(key, "auth") else { return nil }
            if count == 4 { return .authField }
            let before = key[count - 5]
            if before == UInt8(ascii: "_") || before == UInt8(ascii: "-") || before == UInt8(ascii: ".")
                || key[count - 4] == UInt8(ascii: "A") || endsFolded(key, "basicauth") || endsFolded(key, "proxyauth") {
                return .authField
            }
            return nil
        case UInt8(ascii: "y"):
            return endsFolded(key, "key") ? .sensitiveKey(key: range) : nil
        case UInt8(ascii: "d"):
            return endsFolded(key, "password") || endsFolded(key, "passwd") || endsFolded(key, "pwd")
                ? .sensitiveKey(key: range) : nil
        case UInt8(ascii: "t"):
            return endsFolded(key, "secret") ? .sensitiveKey(key: range) : nil
        case UInt8(ascii: "n"):
            return endsFolded(key, "token") || endsFolded(key, "dockerconfigjson") ? .sensitiveKey(key: range) : nil
        case UInt8(ascii: "l"):
            return endsFolded(key, "credential") ? .sensitiveKey(key: range) : nil
        case UInt8(ascii: "g"):
            return endsFolded(key, "dockercfg") ? .sensitiveKey(key: range) : nil
        case UInt8(ascii: "v"):
            // a dotenv file as a Secret's data entry (`.env: <base64>`, `app.env`, `dotenv`)
            return endsFolded(key, ".env") || endsFolded(key, "dotenv") ? .sensitiveKey(key: range) : nil
        case UInt8(ascii: "s"):
            return endsFolded(key, "pass") || endsFolded(key, "secrets") || endsFolded(key, "tokens")
                || endsFolded(key, "credentials") ? .sensitiveKey(key: range) : nil
        default:
            return nil
        }
    }

    /// Whether a key whose last three bytes are `a b c` can give a context (see
    /// ``classify(key:at:)``): its last three bytes, folded, are those of one of the context
    /// words. Lets the finder dismiss most separators in a few instructions.
    @inline(__always)
    static func mayEndContextKey(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        let tail = UInt32(ASCIIFolding.lower(a)) << 16 | UInt32(ASCIIFolding.lower(b)) << 8 | UInt32(ASCIIFolding.lower(c))
        switch tail {
        case trigram("uth"), trigram("b64"), trigram("e64"), trigram("key"), trigram("ord"), trigram("swd"),
             trigram("pwd"), trigram("ass"), trigram("ret"), trigram("ets"), trigram("ken"), trigram("ens"),
             trigram("ial"), trigram("als"), trigram("son"), trigram("cfg"), trigram("env"),
             // `data:` of a data URI, `(base64):` / `(b64):` labels
             trigram("ata"), trigram("64)"):
            return true
        default:
            return false
        }
    }

    /// The three bytes of `text` as one number, first byte highest.
    private static func trigram(_ text: StaticString) -> UInt32 {
        let bytes = text.utf8Start
        return UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])
    }

    /// Whether `bytes` ends with `suffix` (lower-case ASCII), ignoring ASCII case.
    private static func endsFolded(_ bytes: UnsafeRawBufferPointer, _ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard bytes.count >= length else { return false }
        let start = bytes.count - length
        let letters = suffix.utf8Start
        for index in 0..<length where ASCIIFolding.lower(bytes[start + index]) != letters[index] { return false }
        return true
    }
}
