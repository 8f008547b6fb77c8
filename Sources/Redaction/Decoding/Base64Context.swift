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

    /// The key name to put before the decoded text when it is scanned, so rules that need a key
    /// (`DATABASE_PASSWORD=...`) see one; nil for contexts without a key.
    var keyForScan: Range<Int>? {
        switch self {
        case .basicScheme, .authField: return nil
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
        case .sensitiveKey: return nil
        }
    }

    /// The context a key gives its value, or nil when the key says nothing about credentials.
    /// - Parameters:
    ///   - key: the key's bytes (letters, digits, `_`, `-`, `.`), positions `range` in the line.
    static func classify(key: UnsafeRawBufferPointer, at range: Range<Int>) -> Base64Context? {
        let count = key.count
        guard count > 0 else { return nil }
        for suffix in base64Suffixes where count > suffix.count && endsFolded(key, suffix) {
            var stemEnd = count - suffix.count
            while stemEnd > 0 && (key[stemEnd - 1] == UInt8(ascii: "_") || key[stemEnd - 1] == UInt8(ascii: "-")
                                  || key[stemEnd - 1] == UInt8(ascii: ".")) {
                stemEnd -= 1
            }
            guard stemEnd > 0 else { return nil }
            return .base64Key(stem: range.lowerBound..<(range.lowerBound + stemEnd))
        }
        if endsFolded(key, authWord) {
            if count == 4 { return .authField }
            let before = key[count - 5]
            if before == UInt8(ascii: "_") || before == UInt8(ascii: "-") || before == UInt8(ascii: ".")
                || key[count - 4] == UInt8(ascii: "A") || endsFolded(key, basicAuthWord) || endsFolded(key, proxyAuthWord) {
                return .authField
            }
        }
        for word in sensitiveWords where containsFoldedWord(key, word) { return .sensitiveKey(key: range) }
        if endsFolded(key, keyWord) || endsFolded(key, passWord) { return .sensitiveKey(key: range) }
        return nil
    }

    private static let base64Suffixes: [[UInt8]] = [Array("base64".utf8), Array("b64".utf8)]
    private static let authWord = Array("auth".utf8)
    private static let basicAuthWord = Array("basicauth".utf8)
    private static let proxyAuthWord = Array("proxyauth".utf8)
    private static let keyWord = Array("key".utf8)
    private static let passWord = Array("pass".utf8)
    private static let sensitiveWords: [[UInt8]] = [
        "password", "passwd", "pwd", "secret", "token", "credential", "apikey", "api_key", "api-key", "private",
        "dockerconfigjson", "dockercfg",
    ].map { Array($0.utf8) }

    /// Whether `bytes` ends with `suffix` (lower case), ignoring ASCII case.
    private static func endsFolded(_ bytes: UnsafeRawBufferPointer, _ suffix: [UInt8]) -> Bool {
        guard bytes.count >= suffix.count else { return false }
        let start = bytes.count - suffix.count
        for index in 0..<suffix.count where ASCIIFolding.lower(bytes[start + index]) != suffix[index] { return false }
        return true
    }

    /// Whether `bytes` contains `word` (lower case), ignoring ASCII case.
    private static func containsFoldedWord(_ bytes: UnsafeRawBufferPointer, _ word: [UInt8]) -> Bool {
        containsFolded(bytes, word)
    }
}
