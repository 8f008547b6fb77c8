internal import CRedactScan

/// A secret key for keyed fingerprints (`{hash}`): HMAC-SHA256 truncated to 16 bytes, prefixed
/// with a key id so fingerprints made with different keys are never confused.
///
/// Unkeyed hashes of low-entropy secrets (passwords) can be reversed with a dictionary; a keyed
/// HMAC cannot without the key. The key id is derived from the key (first 4 bytes of
/// SHA-256 over a domain-separated key), so it identifies the key without revealing it.
///
/// SHA-256 and HMAC are the small C implementation in `CRedactScan` (checked against the FIPS and
/// RFC 4231 vectors and against swift-crypto in the tests): linking swift-crypto would load
/// Foundation into every process that redacts, about 7 ms of start-up for `redact`.
///
/// ## Thread safety
/// Immutable; shared between threads.
public struct HashKey: Sendable {
    /// The minimum key length in bytes.
    public static let minimumLength = 32

    let keyBytes: [UInt8]
    /// 8 lowercase hex characters identifying the key.
    public let keyID: String

    /// - Throws: ``Error/tooShort`` when the key has fewer than ``minimumLength`` bytes.
    public init(bytes: [UInt8]) throws(Error) {
        guard bytes.count >= HashKey.minimumLength else { throw .tooShort(bytes.count) }
        keyBytes = bytes
        let input = Array("swift-redact key id\u{0}".utf8) + bytes
        var digest = [UInt8](repeating: 0, count: 32)
        input.withUnsafeBufferPointer { redact_sha256($0.baseAddress, $0.count, &digest) }
        keyID = Hex.string(digest.prefix(4))
    }

    /// Why a key was refused.
    public enum Error: Swift.Error, Sendable, CustomStringConvertible {
        case tooShort(Int)
        public var description: String {
            switch self {
            case .tooShort(let count):
                return "hash key is \(count) bytes; at least \(HashKey.minimumLength) are required"
            }
        }
    }

    /// The fingerprint of `bytes`: `<keyid>.<32 hex chars>`.
    public func fingerprint(_ bytes: UnsafeRawBufferPointer) -> String {
        var mac = [UInt8](repeating: 0, count: 32)
        keyBytes.withUnsafeBufferPointer { key in
            redact_hmac_sha256(key.baseAddress, key.count, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                               bytes.count, &mac)
        }
        return keyID + "." + Hex.string(mac.prefix(16))
    }

    /// The fingerprint of a string's UTF-8 bytes.
    public func fingerprint(_ string: String) -> String {
        var copy = string
        return copy.withUTF8 { fingerprint(UnsafeRawBufferPointer($0)) }
    }
}
