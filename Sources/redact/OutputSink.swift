import Redaction
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``RedactionSink`` that writes to a file descriptor through a 64 KiB buffer.
///
/// Large slices bypass the buffer and go straight to `write(2)` (no copy). A closed pipe
/// (`EPIPE`) is reported as ``OutputSink/Closed`` so the command can end quietly; SIGPIPE must be
/// ignored by the process for that (see ``SignalHandling``).
struct OutputSink: RedactionSink {
    /// Thrown when the reader of stdout went away.
    struct Closed: Error {}

    let descriptor: FileDescriptor
    private var buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    /// Flush after every ``flushIfLineBuffered()`` call (interactive output).
    var lineBuffered: Bool
    var collectFindings: Bool
    /// `--check`: nothing is written, only findings are collected.
    let discardOutput: Bool
    var findings: [RedactionFinding] = []

    init(descriptor: FileDescriptor, lineBuffered: Bool, collectFindings: Bool = false, discardOutput: Bool = false,
         capacity: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.discardOutput = discardOutput
        self.lineBuffered = lineBuffered
        self.collectFindings = collectFindings
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    /// Frees the buffer. Call once, after the last flush.
    func release() { buffer.deallocate() }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        if discardOutput { return }
        if used + bytes.count > buffer.count {
            try flush()
            if bytes.count >= buffer.count / 2 {
                try writeAll(bytes)
                return
            }
        }
        UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + bytes.count)]).copyMemory(from: bytes)
        used += bytes.count
    }

    var wantsFindings: Bool { collectFindings }
    mutating func record(_ finding: RedactionFinding) { findings.append(finding) }

    /// Writes out buffered bytes.
    mutating func flush() throws {
        guard used > 0 else { return }
        let pending = UnsafeRawBufferPointer(rebasing: buffer[0..<used])
        used = 0
        try writeAll(pending)
    }

    mutating func flushIfLineBuffered() throws {
        if lineBuffered { try flush() }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            _ = try descriptor.writeAll(bytes)
        } catch Errno.brokenPipe {
            throw Closed()
        }
    }
}
