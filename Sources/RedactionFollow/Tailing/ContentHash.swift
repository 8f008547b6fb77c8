/// A 64-bit FNV-1a hash of bytes: the content markers of checkpoints (file head, bytes before the
/// offset) and the state file's checksum.
///
/// Contract: deterministic across runs and platforms; not cryptographic. State files store only
/// these hashes (of at most 64 bytes of a file), never the bytes themselves.
struct ContentHash: Hashable, Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        value = hash
    }

    mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The hash of `bytes`.
    static func of(_ bytes: [UInt8]) -> UInt64 {
        var hash = ContentHash()
        hash.update(bytes)
        return hash.value
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = ContentHash()
        hash.update(bytes)
        return hash.value
    }
}
