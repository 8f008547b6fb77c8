/// Judgements on decoded bytes: is it text at all, and is it a `user:password` pair.
///
/// Base64 in a credential context decodes to anything from `user:password` to a PNG; only text is
/// scanned further, and only a credential-shaped pair is masked without a rule's finding.
enum DecodedText {
    /// Whether `bytes` is text: valid UTF-8 without control characters other than tab, CR and LF.
    /// Random binary (images, ciphertext, compressed blobs) fails this almost surely beyond a few
    /// bytes.
    static func isText(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F { return false }
                index &+= 1
                continue
            }
            let length: Int
            if byte >= 0xC2 && byte <= 0xDF { length = 2 } else if byte >= 0xE0 && byte <= 0xEF { length = 3 } else if byte >= 0xF0 && byte <= 0xF4 { length = 4 } else { return false }
            guard index + length <= count else { return false }
            for continuation in 1..<length where bytes[index + continuation] & 0xC0 != 0x80 { return false }
            // Overlong and surrogate forms are harmless for this judgement: not rejected.
            index &+= length
        }
        return true
    }

    /// How strictly ``isCredentialPair(_:strictness:)`` reads a pair.
    enum Strictness {
        /// After `Basic`: the context says credential, so any `user:password` with a non-empty
        /// side counts (an API key as user with an empty password, a password with spaces).
        case basicScheme
        /// Under an `auth` field or a `*_B64` key: both sides non-empty, no whitespace, the user
        /// an identifier-like word (so `12:30:00`, `https://host` and `a: b` are not pairs).
        case keyedValue
    }

    /// Whether `bytes` (text, see ``isText(_:)``) is `user:password`.
    static func isCredentialPair(_ bytes: UnsafeRawBufferPointer, strictness: Strictness) -> Bool {
        guard bytes.count >= 2 && bytes.count <= 1024, let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else {
            return false
        }
        let user = UnsafeRawBufferPointer(rebasing: bytes[0..<colon])
        let password = UnsafeRawBufferPointer(rebasing: bytes[(colon + 1)...])
        if password.contains(0x0A) || password.contains(0x0D) { return false }
        if !user.allSatisfy(isUserByte) { return false }
        switch strictness {
        case .basicScheme:
            return !user.isEmpty || !password.isEmpty
        case .keyedValue:
            guard !user.isEmpty, user.count <= 256, !password.isEmpty else { return false }
            if password.contains(where: { $0 == 0x20 || $0 == 0x09 }) { return false }
            // A URL ("https://host") or a time ("12:30:00") is not a pair.
            if password.starts(with: "//".utf8) { return false }
            if user.allSatisfy(isDigit) && password.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) {
                return false
            }
            return true
        }
    }

    /// A byte that may appear in a user name: printable, not whitespace, not a bracket, quote or
    /// separator of the syntax around it (so JSON, lists and prose are not read as pairs).
    @inline(__always)
    private static func isUserByte(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return true }
        if byte <= 0x20 || byte == 0x7F { return false }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\\"), UInt8(ascii: "="):
            return false
        default:
            return true
        }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
