/// A list of metadata keys whose values are masked whole, whatever they contain.
///
/// Keys compare after normalisation: ASCII letters fold to lower case and the separators `-`,
/// `_` and `.` are ignored, so `API_KEY`, `api-key`, `apiKey` and `api.key` are all `apikey`.
/// With ``Matching/suffix`` (the default) a key also matches when its normalised form *ends*
/// with a listed name: `db_password`, `X-Auth-Token` and `github_token` are masked by `password`
/// and `token`; a few keys known to hold identifiers are not (``knownIdentifiers``: Okta's
/// `externalSessionId`). With ``Matching/exact`` only whole keys match.
///
/// The list applies to every key at every depth: in the LogHandler, top-level keys of
/// per-statement, handler and provider metadata, and the keys of nested `.dictionary` values; in
/// the record layer, the keys of JSON log records at any depth.
///
/// ## Thread safety
/// Immutable; shared between threads. Matching a key allocates nothing.
public struct SensitiveKeys: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// How a key is compared with the listed names.
    public enum Matching: String, Sendable, Hashable, CaseIterable {
        /// The normalised key equals a listed name.
        case exact
        /// The normalised key ends with a listed name (`db_password` matches `password`).
        case suffix
    }

    /// The names as given.
    public let names: [String]
    /// How keys are compared with ``names``.
    public let matching: Matching
    /// Normalised names.
    private let normalized: [[UInt8]]
    /// The normalized names one after another (read without touching the nested arrays, whose
    /// retain and release per name cost more than the comparison), and where each ends.
    private let flatNames: [UInt8]
    private let nameEnds: [Int]
    /// Bit `b` is set when some normalised name ends with byte `b` (a quick reject).
    private let lastBytes: ByteSet

    /// The default list: `password`, `passwd`, `pwd`, `passphrase`, `secret`, `token`,
    /// `api_key`, `apikey`, `x-api-key`, `access_token`, `refresh_token`, `id_token`,
    /// `x-auth-token`, `authorization`, `proxy-authorization`, `cookie`, `set-cookie`,
    /// `session_id`, `private_key`, `secret_key`, `client_secret`, `credential`, `credentials`;
    /// matched by ``Matching/suffix``.
    public static let `default` = SensitiveKeys(defaultNames)

    /// No key is sensitive (values are still scanned by the rules).
    public static let none = SensitiveKeys([])

    /// The names in ``default``.
    public static let defaultNames: [String] = [
        "password", "passwd", "pwd", "passphrase", "secret", "token", "api_key", "apikey", "x-api-key",
        "access_token", "refresh_token", "id_token", "x-auth-token", "authorization", "proxy-authorization",
        "cookie", "set-cookie", "session_id", "private_key", "secret_key", "client_secret", "credential",
        "credentials",
    ]

    /// - Parameters:
    ///   - names: key names in any case, with or without `-`, `_` or `.`. Names that normalise
    ///     to nothing are ignored.
    ///   - matching: ``Matching/suffix`` (default) or ``Matching/exact``.
    public init(_ names: [String], matching: Matching = .suffix) {
        self.names = names
        self.matching = matching
        var normalized: [[UInt8]] = []
        var lastBytes = ByteSet()
        for name in names {
            let bytes = SensitiveKeys.normalize(name)
            guard let last = bytes.last, !normalized.contains(bytes) else { continue }
            normalized.append(bytes)
            lastBytes.insert(last)
        }
        self.normalized = normalized
        self.lastBytes = lastBytes
        flatNames = normalized.flatMap { $0 }
        var ends: [Int] = []
        var total = 0
        for name in normalized {
            total += name.count
            ends.append(total)
        }
        nameEnds = ends
    }

    /// A suffix-matching list of `elements`.
    public init(arrayLiteral elements: String...) {
        self.init(elements)
    }

    /// This list plus `names`, with the same matching.
    public func adding(_ names: [String]) -> SensitiveKeys {
        SensitiveKeys(self.names + names, matching: matching)
    }

    /// This list without the names that normalise like one of `names`.
    public func removing(_ names: [String]) -> SensitiveKeys {
        let removed = Set(names.map(SensitiveKeys.normalize))
        return SensitiveKeys(self.names.filter { !removed.contains(SensitiveKeys.normalize($0)) }, matching: matching)
    }

    /// Whether values under `key` are masked whole. Allocates nothing.
    public func matches(_ key: String) -> Bool {
        if normalized.isEmpty { return false }
        if let result = key.utf8.withContiguousStorageIfAvailable({ matches(collection: $0) }) { return result }
        return matches(collection: Array(key.utf8))
    }

    /// Whether values under the key `rawKey` (bytes as they stand in a JSON record) are masked
    /// whole. Allocates nothing.
    func matches(rawKey: UnsafeRawBufferPointer) -> Bool {
        normalized.isEmpty ? false : matches(collection: rawKey)
    }

    private func matches<C: BidirectionalCollection>(collection key: C) -> Bool where C.Element == UInt8 {
        // Last significant byte of the key: a quick reject for most keys.
        var end = key.endIndex
        var last: UInt8 = 0
        while end != key.startIndex {
            let previous = key.index(before: end)
            let byte = key[previous]
            if !SensitiveKeys.isSeparator(byte) {
                last = SensitiveKeys.fold(byte)
                break
            }
            end = previous
        }
        guard end != key.startIndex, lastBytes.contains(last) else { return false }
        let exact = matching == .exact
        return flatNames.withUnsafeBufferPointer { names in
            nameEnds.withUnsafeBufferPointer { ends in
                var start = 0
                for nameEnd in ends {
                    defer { start = nameEnd }
                    guard names[nameEnd - 1] == last else { continue }
                    let name = UnsafeBufferPointer(rebasing: names[start..<nameEnd])
                    if SensitiveKeys.key(key[key.startIndex..<end], endsWith: name, exact: exact) {
                        return exact || !SensitiveKeys.isKnownIdentifier(key[key.startIndex..<end])
                    }
                }
                return false
            }
        }
    }

    /// Keys that end in a listed name but hold an identifier, not the secret the name suggests,
    /// kept by suffix matching (an exact list names what it means): Okta's `externalSessionId`,
    /// which its System Log carries in every event to correlate them (Okta documents it as a
    /// proxy for the session, not the session cookie). Normalised.
    static let knownIdentifiers: [[UInt8]] = [Array("externalsessionid".utf8)]

    /// Whether the key normalises to one of ``knownIdentifiers`` (an exact match, as
    /// ``key(_:endsWith:exact:)`` compares).
    private static func isKnownIdentifier<C: BidirectionalCollection>(_ key: C) -> Bool where C.Element == UInt8 {
        knownIdentifiers.contains { identifier in
            identifier.withUnsafeBufferPointer { SensitiveKeys.key(key, endsWith: $0, exact: true) }
        }
    }

    /// Compares the key backwards with `name`, skipping separators.
    private static func key<C: BidirectionalCollection>(_ key: C, endsWith name: UnsafeBufferPointer<UInt8>, exact: Bool) -> Bool
    where C.Element == UInt8 {
        var keyIndex = key.endIndex
        var nameIndex = name.count
        while nameIndex > 0 {
            // Next significant key byte, going backwards.
            var byte: UInt8?
            while keyIndex != key.startIndex {
                keyIndex = key.index(before: keyIndex)
                let candidate = key[keyIndex]
                if !isSeparator(candidate) {
                    byte = fold(candidate)
                    break
                }
            }
            guard let byte, byte == name[nameIndex - 1] else { return false }
            nameIndex -= 1
        }
        guard exact else { return true }
        // Exact: nothing significant may remain before the matched part.
        while keyIndex != key.startIndex {
            keyIndex = key.index(before: keyIndex)
            if !isSeparator(key[keyIndex]) { return false }
        }
        return true
    }

    /// The normalised bytes of a key: ASCII lower case, without `-`, `_` and `.`.
    static func normalize(_ key: String) -> [UInt8] {
        key.utf8.filter { !isSeparator($0) }.map(fold)
    }

    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Lists are equal when they match the same keys (same normalised names, same matching).
    public static func == (lhs: SensitiveKeys, rhs: SensitiveKeys) -> Bool {
        lhs.normalized == rhs.normalized && lhs.matching == rhs.matching
    }

    /// Hashes the normalised names and the matching.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(normalized)
        hasher.combine(matching)
    }
}

/// A set of bytes (256 bits).
struct ByteSet: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
