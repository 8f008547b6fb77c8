/// The content fingerprint of a tailed file kept while reading it: its first bytes (the head)
/// and the bytes just before the committed offset (the window), as ``FileCheckpoint`` stores
/// them. Holds at most 64 + 2 x 32 bytes, updated in place (no allocation per read).
///
/// Invariants: `head` is the file's first `head.count` bytes (<= ``FileCheckpoint/headCapacity``);
/// `window` is the `window.count` bytes just before the committed offset (<=
/// ``FileCheckpoint/windowCapacity``); `tail` is the last bytes read (same capacity).
struct ContentMarkers {
    private(set) var head: [UInt8] = []
    private(set) var window: [UInt8] = []
    private var tail: [UInt8] = []

    init() {
        head.reserveCapacity(FileCheckpoint.headCapacity)
        window.reserveCapacity(FileCheckpoint.windowCapacity)
        tail.reserveCapacity(FileCheckpoint.windowCapacity)
    }

    /// Markers for a file resumed at `offset` (a line start): read back from the file.
    init(file: any ReadableFile, offset: Int64) {
        self.init()
        guard offset > 0 else { return }
        head = file.bytes(at: 0, count: Int(min(offset, Int64(FileCheckpoint.headCapacity))))
        let windowLength = Int(min(offset, Int64(FileCheckpoint.windowCapacity)))
        window = file.bytes(at: offset - Int64(windowLength), count: windowLength)
        tail = window
    }

    /// Markers for `file`, of `size` bytes, resumed at `checkpoint`'s offset, from one read of the
    /// bytes the checkpoint fingerprints (its head, and its window before the offset); nil when
    /// the file no longer holds them (shorter than the offset, truncated or rewritten).
    ///
    /// Contract: whether a file still matches its checkpoint and what a resumed file remembers
    /// come from the same bytes, so a truncation between the two (copytruncate running while the
    /// sidecar starts) cannot leave markers of other content behind a positive match.
    init?(file: any ReadableFile, size: Int64, matching checkpoint: FileCheckpoint) {
        guard size >= checkpoint.offset, size >= Int64(checkpoint.headLength) else { return nil }
        let head = file.bytes(at: 0, count: checkpoint.headLength)
        let window = file.bytes(at: checkpoint.offset - Int64(checkpoint.windowLength), count: checkpoint.windowLength)
        guard head.count == checkpoint.headLength, ContentHash.of(head) == checkpoint.headHash,
              window.count == checkpoint.windowLength, ContentHash.of(window) == checkpoint.windowHash else { return nil }
        self.init()
        self.head.append(contentsOf: head)
        self.window.append(contentsOf: window)
        tail.append(contentsOf: window)
    }

    /// Records `chunk`, the bytes read at `chunkOffset`, after which the committed offset is
    /// `committed` (the redactor says where the last whole line ends; nothing is searched here).
    mutating func record(_ chunk: UnsafeRawBufferPointer, at chunkOffset: Int64, committed: Int64) {
        let headEnd = Int64(head.count)
        if head.count < FileCheckpoint.headCapacity && chunkOffset <= headEnd && chunkOffset + Int64(chunk.count) > headEnd {
            let from = Int(headEnd - chunkOffset)
            head.append(contentsOf: chunk[from..<min(chunk.count, from + FileCheckpoint.headCapacity - head.count)])
        }
        if committed > chunkOffset {
            // A line ended in this chunk: the window is the bytes before `committed`.
            let upToCommitted = UnsafeRawBufferPointer(rebasing: chunk[0..<Int(committed - chunkOffset)])
            window.removeAll(keepingCapacity: true)
            window.append(contentsOf: tail)
            Self.keepSuffix(&window, appending: upToCommitted)
        }
        Self.keepSuffix(&tail, appending: chunk)
    }

    /// Checks the first bytes of a file nothing was read from yet against the head seen so far.
    /// - Returns: false when they differ (the file was truncated or rewritten before its first
    ///   read); otherwise the head is extended to what the file holds now.
    mutating func confirmHead(current: [UInt8]) -> Bool {
        guard current.count >= head.count, current.starts(with: head) else { return false }
        head.removeAll(keepingCapacity: true)
        head.append(contentsOf: current.prefix(FileCheckpoint.headCapacity))
        return true
    }

    /// The committed offset moved to the end of what was read (a partial line was finished).
    mutating func commitEverythingRead() {
        window.removeAll(keepingCapacity: true)
        window.append(contentsOf: tail)
    }

    /// Everything again from offset 0 (after a truncation).
    mutating func reset() {
        head.removeAll(keepingCapacity: true)
        window.removeAll(keepingCapacity: true)
        tail.removeAll(keepingCapacity: true)
    }

    var headHash: UInt64 { ContentHash.of(head) }
    var windowHash: UInt64 { ContentHash.of(window) }

    /// Appends `bytes` to `buffer` and keeps only the last ``FileCheckpoint/windowCapacity`` bytes.
    private static func keepSuffix(_ buffer: inout [UInt8], appending bytes: UnsafeRawBufferPointer) {
        let capacity = FileCheckpoint.windowCapacity
        if bytes.count >= capacity {
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: bytes.suffix(capacity))
            return
        }
        let overflow = buffer.count + bytes.count - capacity
        if overflow > 0 { buffer.removeFirst(overflow) }
        buffer.append(contentsOf: bytes)
    }
}
