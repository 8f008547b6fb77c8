#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Shannon entropy in bits per byte, as gitleaks computes it over the secret's bytes.
///
/// Computed as `log2(n) - (1/n) * sum(c * log2(c))` over the count `c` of each distinct byte:
/// equal to `-sum(p * log2(p))` (up to the last bits of the rounding), with `c * log2(c)` from a
/// table for counts below 256, so a value costs one pass over its bytes and one `log2`, not a
/// walk over 256 counters and a `log2` per distinct byte (shape checks run it for every candidate
/// value).
///
/// Uses a stack buffer for the byte histogram: no heap allocation.
func shannonEntropy(_ bytes: UnsafeRawBufferPointer) -> Double {
    guard !bytes.isEmpty else { return 0 }
    return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256) { counts in
        counts.initialize(repeating: 0)
        for byte in bytes { counts[Int(byte)] &+= 1 }
        var sum = 0.0
        // Each distinct byte once, in order of first occurrence: its counter is cleared when used.
        for byte in bytes {
            let count = Int(counts[Int(byte)])
            guard count > 0 else { continue }
            counts[Int(byte)] = 0
            sum += count < countLog2Count.count ? countLog2Count[count] : Double(count) * log2(Double(count))
        }
        let total = Double(bytes.count)
        return max(0, log2(total) - sum / total)
    }
}

/// `c * log2(c)` for `c` in 0..<256 (0 for 0 and 1).
private let countLog2Count: [Double] = (0..<256).map { $0 < 2 ? 0 : Double($0) * log2(Double($0)) }
