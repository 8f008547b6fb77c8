internal import CRedactScan

/// The values a line added to a ``ValueMemory`` (new echoes), kept so that the rest of the
/// region's search window need be searched again only when one of them occurs there: on dense
/// input every line adds an echo, and searching the rest of the window again each time costs
/// far more than looking for the new values alone.
///
/// A change that is not recorded value by value (an `::add-mask::` announcement, whose value is
/// decoded) marks the set ``isUnknown``: the caller then searches again.
///
/// Owns copies of the values (the line they came from may be a decoded buffer); the storage is
/// kept between lines, so steady use does not allocate.
struct AddedValues {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// Set when the values changed in a way not listed here.
    private(set) var isUnknown = false

    var isEmpty: Bool { ends.isEmpty && !isUnknown }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        isUnknown = false
    }

    mutating func add(_ value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
    }

    mutating func markUnknown() { isUnknown = true }

    /// Whether any value listed occurs in `text` (or the set is unknown).
    func mayOccur(in text: UnsafeRawBufferPointer) -> Bool {
        if isUnknown { return true }
        guard let base = text.baseAddress, !text.isEmpty else { return false }
        return bytes.withUnsafeBytes { all in
            var start = 0
            for end in ends {
                // SAFETY: `start..<end` lies inside `all` (the ends are offsets into it, increasing).
                if redact_find_bytes(base.assumingMemoryBound(to: UInt8.self), text.count,
                                     all.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self) + start,
                                     end - start) >= 0 {
                    return true
                }
                start = end
            }
            return false
        }
    }
}
