import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `follow` writes redacted lines: stdout, or `--output FILE` (opened `O_APPEND`, created
/// with mode 0644 minus umask). Wraps the buffered ``OutputSink``.
///
/// Contracts:
/// - ``commit()`` makes every byte written so far durable (flush, plus `fsync` for a file) and
///   returns the output length to record in the checkpoint; only after it returns may a
///   checkpoint claim those bytes (write output, fsync output, then write checkpoint).
/// - ``restore(to:)`` (file only) truncates the output back to a checkpointed length when it is
///   still the same file, which undoes output produced after the last checkpoint.
/// - ``reopen()`` (SIGHUP) flushes and closes the file and opens the path again, so logrotate
///   can rename our output.
final class FollowOutput {
    let path: String?
    private(set) var sink: OutputSink
    private(set) var identity: FileIdentity?

    /// Opens stdout (`path == nil`) or the file.
    /// - Throws: ``CLIError`` when the file cannot be opened.
    init(path: String?) throws {
        self.path = path
        if let path {
            let descriptor = try Self.openFile(path)
            sink = OutputSink(descriptor: FileDescriptor(rawValue: descriptor), name: path, lineBuffered: false)
            identity = Self.identity(of: descriptor)
        } else {
            sink = OutputSink(descriptor: .standardOutput, lineBuffered: false)
        }
    }

    deinit {
        try? sink.flush()
        if path != nil { close(sink.descriptor.rawValue) }
    }

    /// Appends bytes (buffered).
    @inline(__always)
    func write(_ bytes: UnsafeRawBufferPointer) throws { try sink.write(bytes) }

    /// Writes out buffered bytes (end of each cycle, so readers see lines promptly).
    func flush() throws { try sink.flush() }

    /// Flushes, syncs a file output, and returns its identity and length (nil for stdout).
    func commit() throws -> FollowState.Output? {
        try sink.flush()
        guard path != nil, let identity else { return nil }
        let descriptor = sink.descriptor.rawValue
        if fsync(descriptor) != 0 { throw CLIError("--output \(path!): fsync failed: \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw CLIError("--output \(path!): fstat failed") }
        return FollowState.Output(identity: identity, length: Int64(info.st_size))
    }

    /// What ``restore(to:)`` did.
    enum Restore {
        /// Truncated to the checkpointed length (`removed` bytes written after the checkpoint).
        case truncated(removed: Int64)
        /// The output is another file than at the checkpoint (rotated while we were down).
        case differentFile
        /// The output is shorter than the checkpoint says (truncated by someone else).
        case shorter
    }

    /// Undoes output written after the checkpoint (see the type's contract).
    func restore(to checkpoint: FollowState.Output) throws -> Restore {
        guard path != nil, let identity, identity == checkpoint.identity else { return .differentFile }
        let descriptor = sink.descriptor.rawValue
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw CLIError("--output \(path!): fstat failed") }
        let length = Int64(info.st_size)
        if length < checkpoint.length { return .shorter }
        if length > checkpoint.length {
            guard ftruncate(descriptor, off_t(checkpoint.length)) == 0 else {
                throw CLIError("--output \(path!): cannot truncate to the checkpoint: \(String(cString: strerror(errno)))")
            }
            fsync(descriptor)
        }
        return .truncated(removed: length - checkpoint.length)
    }

    /// Flushes and closes the output file and opens its path again (SIGHUP). No-op for stdout.
    func reopen() throws {
        guard let path else { return }
        try sink.flush()
        fsync(sink.descriptor.rawValue)
        let descriptor = try Self.openFile(path)
        close(sink.descriptor.rawValue)
        sink = OutputSink(descriptor: FileDescriptor(rawValue: descriptor), name: path, lineBuffered: false)
        identity = Self.identity(of: descriptor)
    }

    private static func openFile(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CLIError("--output \(path): cannot open: \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    private static func identity(of descriptor: Int32) -> FileIdentity? {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? FileIdentity(info) : nil
    }
}
