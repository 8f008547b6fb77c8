/// Splits one fuzzer input into the decisions a target needs and the payload it redacts.
///
/// Decisions are taken from the *end* of the input (like LLVM's `FuzzedDataProvider`), so the
/// payload keeps the start of the input: seed files that are plain log lines or rule files stay
/// meaningful, and the dictionary's tokens land in the payload. A short input yields zero
/// decision bytes, never a trap.
public struct FuzzInput {
    /// Bytes not yet taken as decisions, in input order.
    public private(set) var remaining: ArraySlice<UInt8>

    public init(_ bytes: UnsafeRawBufferPointer) {
        remaining = ArraySlice(bytes)
    }

    public init(_ bytes: [UInt8]) {
        remaining = bytes[...]
    }

    /// Takes the last byte as a decision (0 when the input is exhausted).
    public mutating func byte() -> UInt8 {
        remaining.popLast() ?? 0
    }

    /// Takes two bytes as a little-endian 16-bit decision.
    public mutating func uint16() -> UInt16 {
        UInt16(byte()) | UInt16(byte()) << 8
    }

    /// Takes eight bytes as a seed for ``SplitMix64``.
    public mutating func seed() -> UInt64 {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(byte()) }
        return value
    }

    /// Splits the remaining payload into `count` pieces at separator byte `0xFE` (missing pieces
    /// are empty); used to fill several fields (message, keys, values) from one input.
    public func pieces(_ count: Int) -> [ArraySlice<UInt8>] {
        var result = remaining.split(separator: 0xFE, maxSplits: count - 1, omittingEmptySubsequences: false)
        while result.count < count { result.append([]) }
        return result
    }
}

/// A small deterministic generator: the same input always gives the same chunk schedule.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
