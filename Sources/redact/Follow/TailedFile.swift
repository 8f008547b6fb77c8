import Redaction

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One open file being followed: its descriptor, read position, content markers and redactor.
///
/// Offsets are the tailer's own, not the engine's: every byte read is fed to the file's
/// ``StreamRedactor``, and ``committedOffset`` is the position just after the last newline fed.
/// Since the redactor emits only whole lines, the output produced so far corresponds exactly to
/// the input before ``committedOffset``; the bytes after it (a partial last line) wait in the
/// redactor for their newline.
///
/// Contracts:
/// - A line is emitted once, whole: never split because a read ended mid-line, and a partial
///   last line is emitted only when its newline arrives or by ``finishPartialLine(into:)`` when
///   the file is closed after the rotate wait (then with a newline added, so the output stays
///   line-structured).
/// - ``read(into:budget:sink:)`` detects truncation and rewrite (size below the read position,
///   or the bytes before ``committedOffset`` no longer what was read) before reading, and then
///   reads nothing: the caller decides (copy search, ``restartFromBeginning()``).
/// - Memory per file is bounded by `--max-line-bytes` plus one read (the redactor's buffer)
///   plus 96 bytes of markers.
final class TailedFile {
    /// Active: the file is under a followed name. Rotated: renamed away or deleted; it is drained
    /// and closed `--rotate-wait` after it last grew.
    enum Phase: Equatable {
        case active
        case rotated
    }

    let identity: FileIdentity
    /// The name the file was first followed under (the `--with-filename` prefix).
    let path: String
    /// The name it was last seen under (for the checkpoint).
    var lastKnownPath: String
    let descriptor: Int32
    var phase: Phase = .active
    /// Monotonic time of the last byte read, or of the rotation (rotate-wait timer).
    var lastActivity: Double
    let prefix: [UInt8]

    private(set) var readOffset: Int64
    private(set) var committedOffset: Int64
    /// Bytes fed since the last newline (the partial line held by the redactor).
    private(set) var pendingBytes = 0
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    private var window: [UInt8] = []
    let redactor: StreamRedactor
    var warnings = EngineWarnings()
    /// Truncations detected (copytruncate), for the exit summary.
    var truncations = 0

    /// Takes ownership of `descriptor` and starts at `offset` (0, a validated checkpoint, or a
    /// line start found for `--from end`).
    init(identity: FileIdentity, path: String, descriptor: Int32, offset: Int64, redactor: StreamRedactor,
         withFilename: Bool, now: Double) {
        self.identity = identity
        self.path = path
        lastKnownPath = path
        self.descriptor = descriptor
        self.redactor = redactor
        readOffset = offset
        committedOffset = offset
        lastActivity = now
        prefix = withFilename ? Array((path + ": ").utf8) : []
        if offset > 0 {
            head = Self.readBytes(descriptor, at: 0, count: Int(min(offset, Int64(FileCheckpoint.headCapacity))))
            let windowLength = Int(min(offset, Int64(FileCheckpoint.windowCapacity)))
            window = Self.readBytes(descriptor, at: offset - Int64(windowLength), count: windowLength)
            tail = window
        }
    }

    deinit { close(descriptor) }

    /// Whether a partial line is waiting for its newline.
    var hasPartialLine: Bool { pendingBytes > 0 }

    /// What ``read(into:budget:sink:)`` found.
    enum ReadOutcome: Equatable {
        /// Read everything there was.
        case endOfFile
        /// Stopped at the budget; more may be waiting.
        case budgetExhausted
        /// The file shrank below the read position or its content changed before it.
        case truncated
    }

    /// Reads new bytes (up to `budget`) into the redactor, which writes whole lines to `sink`.
    /// - Returns: bytes read and the outcome (see ``ReadOutcome``).
    /// - Throws: the sink's errors (output closed or failed), or ``CLIError`` for a read error.
    func read(into buffer: UnsafeMutableRawBufferPointer, budget: Int,
              sink: inout LinePrefixingSink) throws -> (bytes: Int, outcome: ReadOutcome) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw CLIError("\(path): fstat failed: \(String(cString: strerror(errno)))") }
        let size = Int64(info.st_size)
        if size < readOffset { return (0, .truncated) }
        if size == readOffset { return (0, .endOfFile) }
        if !window.isEmpty {
            let current = Self.readBytes(descriptor, at: committedOffset - Int64(window.count), count: window.count)
            if current != window { return (0, .truncated) }
        }
        var total = 0
        while total < budget {
            let want = min(buffer.count, budget - total)
            let count = pread(descriptor, buffer.baseAddress, want, off_t(readOffset))
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIError("\(path): read failed at offset \(readOffset): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return (total, .endOfFile) }
            try consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), sink: &sink)
            total += count
        }
        return (total, .budgetExhausted)
    }

    /// Feeds `chunk` (the bytes at ``readOffset``) to the redactor and moves the offsets.
    private func consume(_ chunk: UnsafeRawBufferPointer, sink: inout LinePrefixingSink) throws {
        let count = chunk.count
        if readOffset < Int64(FileCheckpoint.headCapacity) && Int64(head.count) == readOffset {
            head.append(contentsOf: chunk.prefix(FileCheckpoint.headCapacity - head.count))
        }
        let lastNewline = Self.lastNewline(in: chunk) ?? -1
        if lastNewline >= 0 {
            let upToNewline = UnsafeRawBufferPointer(rebasing: chunk[0...lastNewline])
            window = Self.suffix(tail, upToNewline, FileCheckpoint.windowCapacity)
        }
        tail = Self.suffix(tail, chunk, FileCheckpoint.windowCapacity)
        try redactor.feed(chunk, into: &sink)
        readOffset += Int64(count)
        if lastNewline >= 0 {
            committedOffset = readOffset - Int64(count - lastNewline - 1)
            pendingBytes = count - lastNewline - 1
        } else {
            pendingBytes += count
        }
        warnings.check(redactor, input: path)
    }

    /// After a truncation: read again from offset 0. A partial line already buffered is kept
    /// and completed by the new content (with copytruncate the writer's next bytes land at 0).
    func restartFromBeginning() {
        readOffset = 0
        committedOffset = 0
        head = []
        tail = []
        window = []
        truncations += 1
    }

    /// Feeds the bytes of `copy` from `start` (normally ``readOffset``) to its end (a copytruncate copy of this
    /// file's old content) as if they were this file's, so the lines the truncation took are
    /// still delivered once.
    func readContinuation(from copy: Int32, startingAt start: Int64, into buffer: UnsafeMutableRawBufferPointer,
                          sink: inout LinePrefixingSink) throws -> Int64 {
        var offset = start
        while true {
            let count = pread(copy, buffer.baseAddress, buffer.count, off_t(offset))
            if count < 0 { if errno == EINTR { continue }; break }
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            try redactor.feed(chunk, into: &sink)
            if let found = Self.lastNewline(in: chunk) {
                pendingBytes = count - found - 1
            } else {
                pendingBytes += count
            }
            offset += Int64(count)
        }
        warnings.check(redactor, input: path)
        return offset
    }

    /// Emits a partial last line once, whole and redacted, with a newline added (the file is
    /// being closed and the line will never be completed).
    func finishPartialLine(into sink: inout LinePrefixingSink) throws {
        guard pendingBytes > 0 else { return }
        let newline: [UInt8] = [0x0A]
        try newline.withUnsafeBytes { try redactor.feed($0, into: &sink) }
        pendingBytes = 0
        committedOffset = readOffset
        warnings.check(redactor, input: path)
    }

    /// The checkpoint for the current position (numbers and hashes only).
    func checkpoint(status: FileCheckpoint.Status) -> FileCheckpoint {
        FileCheckpoint(identity: identity, offset: committedOffset, headLength: head.count, headHash: ContentHash.of(head),
                       windowLength: window.count, windowHash: ContentHash.of(window), status: status, path: lastKnownPath,
                       openBlock: redactor.openBlock)
    }

    /// Whether the open file `descriptor` of `size` bytes still holds what `checkpoint` describes:
    /// at least `offset` bytes, the same first bytes and the same bytes before the offset. Used to
    /// resume after a restart (and to refuse a reused inode or a file truncated while we were
    /// down) and to recognise a copytruncate copy.
    static func matches(_ checkpoint: FileCheckpoint, descriptor: Int32, size: Int64) -> Bool {
        guard size >= checkpoint.offset, size >= Int64(checkpoint.headLength) else { return false }
        let head = readBytes(descriptor, at: 0, count: checkpoint.headLength)
        guard head.count == checkpoint.headLength, ContentHash.of(head) == checkpoint.headHash else { return false }
        let window = readBytes(descriptor, at: checkpoint.offset - Int64(checkpoint.windowLength), count: checkpoint.windowLength)
        return window.count == checkpoint.windowLength && ContentHash.of(window) == checkpoint.windowHash
    }

    /// Where `--from end` starts in a file of `size` bytes: just after the last newline (so a line
    /// being written is delivered whole), looking back at most `limit` bytes; further back than
    /// that the line is over-long anyway and the redactor replaces it by its marker.
    static func startOfLastLine(_ descriptor: Int32, size: Int64, limit: Int) -> Int64 {
        var end = size
        let lowest = max(0, size - Int64(limit))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while end > lowest {
            let start = max(lowest, end - Int64(chunk.count))
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, Int(end - start), off_t(start)) }
            guard count > 0 else { break }
            if let index = chunk[0..<count].lastIndex(of: 0x0A) { return start + Int64(index) + 1 }
            end = start
        }
        return lowest
    }

    static func readBytes(_ descriptor: Int32, at offset: Int64, count: Int) -> [UInt8] {
        guard count > 0, offset >= 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(offset + Int64(filled))) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            filled += got
        }
        return Array(bytes[0..<filled])
    }

    /// Index of the last LF in `bytes`.
    static func lastNewline(in bytes: UnsafeRawBufferPointer) -> Int? {
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] == 0x0A { return index }
            index -= 1
        }
        return nil
    }

    private static func suffix(_ previous: [UInt8], _ next: UnsafeRawBufferPointer, _ capacity: Int) -> [UInt8] {
        if next.count >= capacity { return Array(next.suffix(capacity)) }
        let keep = min(previous.count, capacity - next.count)
        return Array(previous.suffix(keep)) + Array(next)
    }
}
