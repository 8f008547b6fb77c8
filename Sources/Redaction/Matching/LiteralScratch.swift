internal import CRedactScan

/// Per-stream (or per-thread) result memory of a ``LiteralScanner``: the keyword occurrences of
/// the last scan as parallel arrays of end offsets and literal ids (or, for a value of a
/// ``ValueOverlay``, a value hit id: see ``ValueOverlay/isValueHit(_:)``). Not thread-safe; owned by one
/// ``ScanScratch``. Grows to the largest scan seen, then allocates nothing.
final class LiteralScratch {
    private(set) var ends: UnsafeMutablePointer<UInt32>
    private(set) var ids: UnsafeMutablePointer<UInt32>
    private(set) var capacity: Int
    /// Occurrences found by the last scan (valid entries of ``ends`` and ``ids``).
    var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(1, capacity)
        ends = .allocate(capacity: self.capacity)
        ids = .allocate(capacity: self.capacity)
    }

    deinit {
        ends.deallocate()
        ids.deallocate()
    }

    /// Makes room for at least `needed` occurrences (contents are discarded).
    func grow(to needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        guard newCapacity > capacity else { return }
        ends.deallocate()
        ids.deallocate()
        capacity = newCapacity
        ends = .allocate(capacity: capacity)
        ids = .allocate(capacity: capacity)
        count = 0
    }

    /// Runs the keyword kernel over `bytes` with the keyword set `keywords` and the value overlay
    /// `values` (either may be nil, not both) and keeps every occurrence, growing until they fit.
    /// - Parameter kernel: the search loop (every kernel finds the same occurrences; tests compare them).
    /// - Returns: false when the kernel could not run (out of memory).
    func collect(keywords: OpaquePointer?, values: OpaquePointer?, in bytes: UnsafeRawBufferPointer,
                 kernel: LiteralScanner.Kernel = .automatic) -> Bool {
        count = 0
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        while true {
            var needed = 0
            let found = redact_literal_set_scan_kernel(keywords, values, base.assumingMemoryBound(to: UInt8.self),
                                                       bytes.count, ends, ids, capacity, &needed, kernel.cValue)
            if found >= 0 {
                count = Int(found)
                return true
            }
            guard found == -1 else { return false }
            grow(to: needed)
        }
    }
}
