/// The raw read buffer of a ``StreamRedactor`` (ripgrep's `line_buffer.rs` is the model): one
/// allocation that reads land in directly, holding the bytes read but not yet consumed.
///
/// Layout and invariants (checked by debug `assert`s at each change):
///
/// ```
/// 0 <= start <= end <= capacity <= maximumCapacity
/// storage[0..<start]        consumed bytes, free to be overwritten
/// storage[start..<end]      bytes read and not yet consumed (``unconsumed``)
/// storage[end..<capacity]   free space for the next read
/// ```
///
/// Reads go through ``freeSpaceForRead()`` then ``commitRead(_:)``. Before lending free space
/// the buffer makes room: it resets when everything is consumed, moves the unconsumed bytes (the
/// unfinished last line) to the front when the free space is smaller than a read, and grows
/// (doubling, at most to `maximumCapacity`) when that is still not enough. The free space is a
/// whole read (``readSize`` bytes) unless the buffer is at `maximumCapacity` and holds more than
/// `maximumCapacity - readSize` unconsumed bytes; ``StreamRedactor`` never lets it hold that many
/// (it drops a line longer than the maximum), so every read has room.
///
/// Ownership: the buffer owns its allocation and frees it in `deinit`; it is `~Copyable`, so the
/// allocation has exactly one owner. Pointers it hands out (``unconsumed``, the free space) are
/// valid until the next mutating call. Not thread-safe.
struct LineBuffer: ~Copyable {
    /// The allocation, exactly ``capacity`` bytes.
    private var storage: UnsafeMutableRawPointer
    /// Bytes allocated; grows up to ``maximumCapacity``, never shrinks.
    private(set) var capacity: Int
    /// The largest ``capacity``.
    let maximumCapacity: Int
    /// The most bytes one read is offered.
    let readSize: Int
    /// Offset of the first unconsumed byte.
    private(set) var start = 0
    /// Offset just past the last byte read.
    private(set) var end = 0

    /// - Parameters:
    ///   - readSize: the most bytes one read is offered (at least 1).
    ///   - maximumCapacity: the most bytes ever allocated (at least `readSize`).
    ///   - initialCapacity: the first allocation; clamped to `readSize...maximumCapacity`.
    init(readSize: Int, maximumCapacity: Int, initialCapacity: Int? = nil) {
        precondition(readSize >= 1 && maximumCapacity >= readSize, "LineBuffer: read size must be in 1...maximumCapacity")
        self.readSize = readSize
        self.maximumCapacity = maximumCapacity
        capacity = min(maximumCapacity, max(initialCapacity ?? max(readSize * 2, 4096), readSize))
        storage = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// Unconsumed bytes.
    var count: Int { end - start }

    /// Whether every byte read was consumed.
    var isEmpty: Bool { start == end }

    /// The bytes read and not yet consumed. Valid until the next mutating call.
    var unconsumed: UnsafeRawBufferPointer {
        assert(0 <= start && start <= end && end <= capacity)
        // SAFETY: `0 <= start <= end <= capacity`, so `storage[start..<end]` lies inside the
        // allocation and was written by earlier reads.
        return UnsafeRawBufferPointer(start: storage + start, count: end - start)
    }

    /// The last unconsumed byte. Precondition: not ``isEmpty``.
    var lastByte: UInt8 {
        assert(end > start, "LineBuffer.lastByte on an empty buffer")
        // SAFETY: `start < end <= capacity`, so `end - 1` is an offset inside the allocation that
        // a read wrote.
        return storage.load(fromByteOffset: end - 1, as: UInt8.self)
    }

    /// Marks the first `count` unconsumed bytes as consumed.
    mutating func consume(_ count: Int) {
        precondition(count >= 0 && count <= end - start, "LineBuffer: consumed more than was read")
        start += count
    }

    /// Forgets every byte read (consumed or not): the buffer is empty, its allocation kept.
    mutating func clear() {
        start = 0
        end = 0
    }

    /// Makes room (see the type's documentation) and returns the free space for the next read: at
    /// most ``readSize`` bytes. Write a prefix of it, then call ``commitRead(_:)`` before any
    /// other mutating call. Valid until the next mutating call.
    mutating func freeSpaceForRead() -> UnsafeMutableRawBufferPointer {
        makeRoom()
        assert(end <= capacity)
        // SAFETY: `end <= capacity`, so the `min(capacity - end, readSize)` bytes from `end` lie
        // inside the allocation.
        return UnsafeMutableRawBufferPointer(start: storage + end, count: min(capacity - end, readSize))
    }

    /// Records that the first `count` bytes of the space from ``freeSpaceForRead()`` were written.
    mutating func commitRead(_ count: Int) {
        precondition(count >= 0 && count <= min(capacity - end, readSize), "fill closure reported an impossible byte count")
        end += count
    }

    /// Resets, compacts or grows so that a whole read fits when it can.
    private mutating func makeRoom() {
        if start == end {
            start = 0
            end = 0
        }
        if capacity - end >= readSize { return }
        if start > 0 {
            // The partial line moves to the front.
            assert(0 < start && start <= end && end <= capacity)
            // SAFETY: source `storage[start..<end]` and destination `storage[0..<end - start]` lie
            // inside the allocation; `copyMemory` is `memmove`, so their overlap is fine.
            storage.copyMemory(from: storage + start, byteCount: end - start)
            end -= start
            start = 0
        }
        if capacity - end >= readSize || capacity == maximumCapacity { return }
        let newCapacity = min(maximumCapacity, max(capacity * 2, end + readSize))
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        assert(start == 0 && end <= capacity && end <= newCapacity)
        // SAFETY: `end <= capacity` bytes are read from the old allocation and `end <= newCapacity`
        // written to the new one; the two do not overlap.
        grown.copyMemory(from: storage, byteCount: end)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }
}
