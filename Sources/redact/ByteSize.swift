import ArgumentParser

/// A size option value in bytes: `4096`, `64K`, `64KiB`, `1M`, `1MiB`, `1G`, `2GiB`, `500KB`.
///
/// Suffixes (case-insensitive): `B`; `K`/`KiB`, `M`/`MiB`, `G`/`GiB` are powers of 1024;
/// `KB`, `MB`, `GB` are powers of 1000 (as `dd` reads them). The number is a non-negative
/// integer. Parsing fails (a usage error, exit 2) for anything else, including values that do
/// not fit in `Int`; ranges are checked by the options that use it.
struct ByteSize: ExpressibleByArgument, Sendable, Hashable, CustomStringConvertible {
    /// The size in bytes.
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let units: [(suffix: String, scale: Int)] = [
            ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30),
            ("kb", 1000), ("mb", 1_000_000), ("gb", 1_000_000_000),
            ("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30), ("b", 1),
        ]
        let text = argument.lowercased()
        var digits = Substring(text)
        var scale = 1
        for unit in units where text.hasSuffix(unit.suffix) {
            digits = text.dropLast(unit.suffix.count)
            scale = unit.scale
            break
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        bytes = product
    }

    /// The shortest exact rendering: `1MiB`, `64KiB`, or a plain number of bytes.
    var description: String {
        for (suffix, scale) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        where bytes >= scale && bytes % scale == 0 {
            return "\(bytes / scale)\(suffix)"
        }
        return "\(bytes)"
    }
}
