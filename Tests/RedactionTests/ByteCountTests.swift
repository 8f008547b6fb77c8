import CRedactScan
import Testing

/// `redact_count_byte` (how clean lines are counted without being looked at) against a naive
/// count: every length around the 32-byte vector step, every alignment, and the needle at the
/// edges of each step.
@Suite struct ByteCountTests {
    @Test func countsEveryOccurrenceAtEveryLengthAndAlignment() {
        var generator = SplitMix64(seed: 11)
        let storage = (0..<400).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for needle: UInt8 in [0x0A, 0x00, 0xFF] {
            var bytes = storage
            // Needles at and around step boundaries, and runs of them.
            for index in [0, 1, 31, 32, 33, 63, 64, 65, 95, 96, 127, 128, 200, 201, 202, 399] { bytes[index] = needle }
            bytes.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!
                for offset in 0..<34 {
                    for length in 0...(buffer.count - offset) where length < 100 || length % 7 == 0 {
                        let expected = buffer[offset..<(offset + length)].reduce(0) { $0 + ($1 == needle ? 1 : 0) }
                        #expect(redact_count_byte(base + offset, length, needle) == expected,
                                "offset \(offset), length \(length), needle \(needle)")
                    }
                }
            }
        }
    }
}
