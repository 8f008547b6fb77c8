import Testing
@testable import redact

/// ``ByteSize``: `--max-line-bytes` and `--read-size` values with binary and decimal suffixes;
/// anything else (fractions, signs, spaces, unknown units, overflow) is refused.
@Suite struct ByteSizeTests {
    @Test(arguments: [("4096", 4096), ("64K", 65536), ("64KiB", 65536), ("1M", 1 << 20), ("1mib", 1 << 20), ("2GiB", 2 << 30),
                      ("1KB", 1000), ("3MB", 3_000_000), ("7b", 7), ("0", 0)])
    func sizesParse(text: String, bytes: Int) {
        #expect(ByteSize(argument: text)?.bytes == bytes)
    }

    @Test(arguments: ["", "K", "1.5M", "-1", "+4", "1 M", "1T", "0x10", "99999999999999999999", "9223372036854775807K"])
    func malformedSizesAreRefused(text: String) {
        #expect(ByteSize(argument: text) == nil)
    }
}
