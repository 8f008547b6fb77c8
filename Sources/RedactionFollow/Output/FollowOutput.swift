public import SystemPackage

/// Where `follow` writes redacted lines: stdout, or `--output FILE` (opened `O_APPEND`, created
/// with mode 0644 minus umask), through a 64 KiB buffer it owns (freed on release).
///
/// Contracts:
/// - ``commit()`` makes every byte written so far durable (flush, plus `fsync` for a file) and
///   returns the output length to record in the checkpoint; only after it returns may a
///   checkpoint claim those bytes (write output, fsync output, then write checkpoint).
/// - ``restore(to:)`` (file only) truncates the output back to a checkpointed length when it is
///   still the same file, which undoes output produced after the last checkpoint.
/// - ``reopen()`` (SIGHUP) flushes and closes the file and opens the path again, so logrotate
///   can rename our output.
/// - A closed pipe on stdout (`EPIPE`) is thrown as ``Closed``; any other write failure as
///   ``FollowError`` naming the output.
///
/// Not thread-safe; one per session.
public final class FollowOutput {
    /// Thrown when the reader of stdout went away.
    public struct Closed: Error {}

    public let path: FilePath?
    private let fileSystem: any FollowFileSystem
    private var file: any WritableFile
    /// Identity of the `--output` file (nil for stdout).
    public private(set) var identity: FileIdentity?
    // SAFETY: `buffer` is allocated in `init`, deallocated only in `deinit`, never handed out;
    // `buffer[0..<used]` holds the bytes not yet written.
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0

    /// Opens stdout (`path == nil`) or the file.
    /// - Throws: ``FollowError`` when the file cannot be opened.
    public init(path: FilePath?, fileSystem: any FollowFileSystem) throws(FollowError) {
        self.path = path
        self.fileSystem = fileSystem
        if let path {
            file = try Self.open(path, fileSystem)
            identity = try? file.status().identity
        } else {
            file = fileSystem.standardOutput
        }
        buffer = .allocate(byteCount: 64 * 1024, alignment: 16)
    }

    deinit {
        try? flush()
        buffer.deallocate()
    }

    private var name: String { path.map { "--output \($0)" } ?? "stdout" }

    /// Appends bytes (buffered; a slice of half the buffer or more is written straight through).
    /// - Throws: ``Closed`` or ``FollowError``.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if used + bytes.count > buffer.count {
            try flush()
            if bytes.count >= buffer.count / 2 {
                try writeThrough(bytes)
                return
            }
        }
        UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + bytes.count)]).copyMemory(from: bytes)
        used += bytes.count
    }

    /// Writes out buffered bytes (end of each cycle, so readers see lines promptly).
    public func flush() throws {
        guard used > 0 else { return }
        let pending = UnsafeRawBufferPointer(rebasing: buffer[0..<used])
        used = 0
        try writeThrough(pending)
    }

    private func writeThrough(_ bytes: UnsafeRawBufferPointer) throws {
        do { try file.writeAll(bytes) } catch .brokenPipe where path == nil {
            throw Closed()
        } catch {
            throw FollowError("\(name): write failed: \(error)")
        }
    }

    /// Flushes, syncs a file output, and returns its identity and length (nil for stdout).
    func commit() throws -> FollowState.Output? {
        try flush()
        guard path != nil, let identity else { return nil }
        do {
            try file.synchronize()
            return FollowState.Output(identity: identity, length: try file.status().size)
        } catch {
            throw FollowError("\(name): fsync failed: \(error)")
        }
    }

    /// What ``restore(to:)`` did.
    enum Restore: Equatable {
        /// Truncated to the checkpointed length (`removed` bytes written after the checkpoint).
        case truncated(removed: Int64)
        /// The output is another file than at the checkpoint (rotated while we were down).
        case differentFile
        /// The output is shorter than the checkpoint says (truncated by someone else).
        case shorter
    }

    /// Undoes output written after the checkpoint (see the type's contract).
    func restore(to checkpoint: FollowState.Output) throws(FollowError) -> Restore {
        guard path != nil, let identity, identity == checkpoint.identity else { return .differentFile }
        do {
            let length = try file.status().size
            if length < checkpoint.length { return .shorter }
            if length > checkpoint.length {
                try file.resize(to: checkpoint.length)
                try file.synchronize()
            }
            return .truncated(removed: length - checkpoint.length)
        } catch {
            throw FollowError("\(name): cannot truncate to the checkpoint: \(error)")
        }
    }

    /// Flushes and closes the output file and opens its path again (SIGHUP). No-op for stdout.
    func reopen() throws {
        guard let path else { return }
        try flush()
        try? file.synchronize()
        file = try Self.open(path, fileSystem)
        identity = try? file.status().identity
    }

    private static func open(_ path: FilePath, _ fileSystem: any FollowFileSystem) throws(FollowError) -> any WritableFile {
        do { return try fileSystem.openForWriting(path, [.create, .append], permissions: 0o644) } catch {
            throw FollowError("--output \(path): cannot open: \(error)")
        }
    }
}
