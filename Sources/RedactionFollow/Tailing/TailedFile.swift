import Redaction
import SystemPackage

/// One open file being followed: its handle, read position, content markers and redactor.
///
/// Offsets are the tailer's own, not the engine's: every byte read is fed to the file's
/// ``StreamRedactor``, and ``committedOffset`` is the position just after the last line the
/// redactor finished (it says how many bytes of an unfinished line it holds; nothing is searched
/// here). Since the redactor emits only whole lines, the output produced so far corresponds
/// exactly to the input before ``committedOffset``; the bytes after it wait in the redactor.
///
/// Contracts:
/// - A line is emitted once, whole: never split because a read ended mid-line. A partial last
///   line is emitted when its newline arrives, by ``finishPartialLine(into:)`` when the file is
///   closed (then with a newline added), or as the start of a successor's first line when the
///   successor continues this file's stream (``continueStream(of:)``).
/// - ``read(into:budget:sink:)`` detects truncation and rewrite (size below the read position,
///   or the bytes before ``committedOffset`` no longer what was read) before reading, and then
///   reads nothing: the caller decides (copy search, ``restartFromBeginning()``).
/// - Memory per file is bounded by `--max-line-bytes` plus one read (the redactor's buffer)
///   plus 128 bytes of markers.
final class TailedFile {
    /// Active: the file is under a followed name. Rotated: renamed away or deleted; it is drained
    /// and closed `--rotate-wait` after it last grew.
    enum Phase: Equatable {
        case active
        case rotated
    }

    /// A predecessor whose stream this file continues and whose unfinished line it completes:
    /// the predecessor's checkpoint stays as it was (rotated, before that line) until this file
    /// delivers its first whole line, and is then replaced by `finished`.
    struct Handover {
        var pending: FileCheckpoint
        var finished: FileCheckpoint
    }

    let identity: FileIdentity
    /// The followed name the file belongs to: the `--with-filename` prefix, and what ties a
    /// rotated file to its successor (the next file under the same name).
    let followedPath: FilePath
    /// The name it was last seen under (for the checkpoint).
    var lastKnownPath: FilePath
    let file: any ReadableFile
    var phase: Phase = .active
    /// Monotonic time of the last byte read, or of the rotation (rotate-wait timer).
    var lastActivity: Double
    let prefix: [UInt8]
    private(set) var redactor: StreamRedactor
    var handover: Handover?
    /// For a file opened empty: the files next to it when it was empty. A copy that appears
    /// among them before this file's first bytes are read was made of content never seen here
    /// (see `FollowSession.recoverMissedCopy(of:now:)`).
    var siblingsWhenEmpty: Set<FileIdentity>?

    private(set) var readOffset: Int64
    private(set) var committedOffset: Int64
    /// Where this file's bytes in the redactor's stream begin (bytes before it in an unfinished
    /// line came from a predecessor or a copy and do not move ``committedOffset``).
    private var streamStart: Int64
    private var markers: ContentMarkers
    /// Truncations detected (copytruncate).
    private(set) var truncations = 0

    /// Takes `file` and starts at `offset` (0, a validated checkpoint, or a line start found for
    /// `--from end`).
    /// - Parameter markers: for a validated checkpoint, the markers it was validated with
    ///   (``ContentMarkers/init(file:size:matching:)``); nil: read from the file at `offset` now.
    init(identity: FileIdentity, followedPath: FilePath, path: FilePath, file: any ReadableFile, offset: Int64,
         redactor: StreamRedactor, withFilename: Bool, now: Double, markers: ContentMarkers? = nil) {
        self.identity = identity
        self.followedPath = followedPath
        lastKnownPath = path
        self.file = file
        self.redactor = redactor
        readOffset = offset
        committedOffset = offset
        streamStart = offset
        lastActivity = now
        prefix = withFilename ? Array((followedPath.string + ": ").utf8) : []
        self.markers = markers ?? ContentMarkers(file: file, offset: offset)
        _ = headIsUnchangedBeforeFirstRead()  // remember the first bytes as they are now
    }

    /// For a file nothing was read from yet (offset 0): whether its first bytes are still those
    /// seen so far (then the remembered head grows with the file). A copytruncate before the
    /// first read, while the file waits behind its predecessor, shows as a changed head: without
    /// this it would go unnoticed and the copied lines be lost.
    func headIsUnchangedBeforeFirstRead() -> Bool {
        guard readOffset == 0 else { return true }
        return markers.confirmHead(current: file.bytes(at: 0, count: FileCheckpoint.headCapacity))
    }

    /// Whether a partial line is waiting for its newline (from this file, or carried from a
    /// predecessor or a copy).
    var hasPartialLine: Bool { redactor.unfinishedLineByteCount > 0 }

    /// Whether a successor must not start its own stream yet: this file ends in an unfinished
    /// line or inside a multi-line block (a PEM key), which the successor continues.
    var holdsOpenStreamState: Bool { hasPartialLine || redactor.openBlock != nil }

    /// Whether nothing was read from this file yet (a successor can still take over a stream).
    var hasReadNothing: Bool { readOffset == streamStart && handover == nil }

    /// What ``read(into:budget:sink:)`` found.
    enum ReadOutcome: Equatable {
        /// Read everything there was.
        case endOfFile
        /// Stopped at the budget; more may be waiting.
        case budgetExhausted
        /// The file shrank below the read position or its content changed before it.
        case truncated
    }

    /// Reads new bytes (up to `budget`) through `buffer` into the redactor, which writes whole
    /// lines to `sink`.
    /// - Returns: bytes read and the outcome (see ``ReadOutcome``).
    /// - Throws: the sink's errors (output closed or failed), or ``FollowError`` for a read error.
    func read(into buffer: UnsafeMutableRawBufferPointer, budget: Int,
              sink: inout LinePrefixingSink) throws -> (bytes: Int, outcome: ReadOutcome) {
        let size: Int64
        do { size = try file.status().size } catch {
            throw FollowError("\(lastKnownPath): fstat failed: \(error)")
        }
        if size < readOffset || !headIsUnchangedBeforeFirstRead() { return (0, .truncated) }
        if size == readOffset { return (0, .endOfFile) }
        if !markers.window.isEmpty {
            let current = file.bytes(at: committedOffset - Int64(markers.window.count), count: markers.window.count)
            if current != markers.window { return (0, .truncated) }
        }
        var total = 0
        while total < budget {
            let want = min(buffer.count, budget - total)
            let count: Int
            do { count = try file.read(at: readOffset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want])) } catch {
                throw FollowError("\(lastKnownPath): read failed at offset \(readOffset): \(error)")
            }
            if count == 0 { return (total, .endOfFile) }
            try consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), sink: &sink)
            total += count
        }
        return (total, .budgetExhausted)
    }

    /// Feeds `chunk` (the bytes at ``readOffset``) to the redactor and moves the offsets.
    private func consume(_ chunk: UnsafeRawBufferPointer, sink: inout LinePrefixingSink) throws {
        let chunkOffset = readOffset
        try redactor.feed(chunk, into: &sink)
        readOffset += Int64(chunk.count)
        updateCommittedOffset()
        markers.record(chunk, at: chunkOffset, committed: committedOffset)
    }

    /// The offset just after the last whole line, from the redactor's count of unfinished bytes
    /// (of which only those read from this file since ``streamStart`` count here).
    private func updateCommittedOffset() {
        let unfinished = Int64(redactor.unfinishedLineByteCount)
        committedOffset = readOffset - min(unfinished, readOffset - streamStart)
    }

    /// After a truncation: read again from offset 0. A partial line already buffered is kept
    /// and completed by the new content (with copytruncate the writer's next bytes land at 0).
    func restartFromBeginning() {
        readOffset = 0
        committedOffset = 0
        streamStart = 0
        markers.reset()
        truncations += 1
    }

    /// Feeds the bytes of `copy` from `start` to its end (a copytruncate copy of this file's old
    /// content) as if they were this file's, so the lines the truncation took are still
    /// delivered once. Offsets do not move: the caller restarts the file from 0 afterwards.
    func readContinuation(from copy: any ReadableFile, startingAt start: Int64, into buffer: UnsafeMutableRawBufferPointer,
                          sink: inout LinePrefixingSink) throws {
        var offset = start
        while true {
            guard let count = try? copy.read(at: offset, into: buffer), count > 0 else { break }
            try redactor.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), into: &sink)
            offset += Int64(count)
        }
        // The copy's bytes are not this file's: an unfinished line from them is carried.
        streamStart = readOffset
        updateCommittedOffset()
    }

    /// Continues the stream of `predecessor` (a rotated file that ended in an unfinished line or
    /// inside a multi-line block): takes over its redactor, so the unfinished line is completed
    /// by this file's first bytes and an open block (a PEM key) stays masked. Call before this
    /// file has read anything.
    func continueStream(of predecessor: TailedFile, finished: FileCheckpoint) {
        precondition(hasReadNothing, "a successor continues a stream only before reading")
        redactor = predecessor.redactor
        if predecessor.hasPartialLine {
            handover = Handover(pending: predecessor.checkpoint(status: .rotated), finished: finished)
        }
    }

    /// Ends a handover once this file delivered a whole line of its own (the predecessor's
    /// unfinished line went out with it). Returns the predecessor's final checkpoint.
    func completeHandoverIfDelivered() -> FileCheckpoint? {
        guard let pending = handover, committedOffset > streamStart else { return nil }
        handover = nil
        return pending.finished
    }

    /// Emits a partial last line once, whole and redacted, with a newline added (the file is
    /// being closed and the line will never be completed).
    func finishPartialLine(into sink: inout LinePrefixingSink) throws {
        guard hasPartialLine else { return }
        let newline: [UInt8] = [0x0A]
        try newline.withUnsafeBytes { try redactor.feed($0, into: &sink) }
        committedOffset = readOffset
        markers.commitEverythingRead()
    }

    /// The checkpoint for the current position (numbers and hashes only). Its path is the
    /// followed name, so a restart ties a rotated file to its successor again.
    func checkpoint(status: FileCheckpoint.Status) -> FileCheckpoint {
        FileCheckpoint(identity: identity, offset: committedOffset, headLength: markers.head.count,
                       headHash: markers.headHash, windowLength: markers.window.count, windowHash: markers.windowHash,
                       status: status, path: followedPath, openBlock: redactor.openBlock)
    }
}
