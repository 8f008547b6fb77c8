import Redaction
import Testing

/// ``Hex``: the one hex formatter (fingerprints, JSON escapes, checkpoint hashes).
@Suite struct HexTests {
    @Test func bytesAndFixedWidthValues() {
        #expect(Hex.string([0x00, 0x0F, 0xAB, 0xFF] as [UInt8]) == "000fabff")
        #expect(Hex.string([0xAB] as [UInt8], uppercase: true) == "AB")
        #expect(Hex.string(UInt64(0x1F), width: 16) == "000000000000001f")
        #expect(Hex.string(UInt64.max, width: 16) == "ffffffffffffffff")
        #expect(Hex.string(UInt64(0x1234), width: 2) == "34")
        var output: [UInt8] = []
        Hex.append(0x7E, into: &output)
        #expect(output == Array("7e".utf8))
    }
}
