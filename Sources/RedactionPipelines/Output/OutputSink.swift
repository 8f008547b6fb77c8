package import Redaction
package import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``RedactionSink`` that writes to a file descriptor through a 64 KiB buffer.
///
/// Large slices bypass the buffer and go straight to `write(2)` (no copy). A closed pipe
/// (`EPIPE`) is reported as ``OutputSink/Closed`` so the command can end quietly; SIGPIPE must be
/// ignored by the process for that (see ``SignalHandling``). Any other write error is
/// ``OutputSink/WriteFailed``, which names the output (never an input).
///
/// Ownership: the sink owns its buffer and frees it in `deinit`; it is a class so the buffer has
/// exactly one owner (a copy of a struct would free it twice). Bytes still buffered at `deinit`
/// are discarded: callers ``flush()`` first (a flush can fail and must be reported). Not
/// thread-safe.
package final class OutputSink: RedactionSink {
    /// Thrown when the reader of stdout went away.
    package struct Closed: Error {}

    /// A write to the output failed (`ENOSPC`, `EIO`, ...): `stdout: write failed: ...`.
    package struct WriteFailed: Error, CustomStringConvertible {
        package var output: String
        package var error: Errno
        package var description: String { "\(output): write failed: \(error)" }
    }

    package let descriptor: FileDescriptor
    /// How diagnostics name the output: `stdout` or the file's path.
    package let name: String
    /// `buffer[0..<used]` holds bytes not yet written; `used <= buffer.count`.
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    /// Flush after every ``flushIfLineBuffered()`` call (interactive output).
    package var lineBuffered: Bool
    /// Keep the findings the redactor reports (``findings``).
    package var collectFindings: Bool
    /// `--check`: nothing is written, only findings are collected.
    package let discardOutput: Bool
    /// The findings reported so far, in stream order (with ``collectFindings``).
    package var findings: [RedactionFinding] = []

    package init(descriptor: FileDescriptor, name: String = "stdout", lineBuffered: Bool, collectFindings: Bool = false,
         discardOutput: Bool = false, capacity: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.name = name
        self.discardOutput = discardOutput
        self.lineBuffered = lineBuffered
        self.collectFindings = collectFindings
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    package func write(_ bytes: UnsafeRawBufferPointer) throws {
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

    package var wantsFindings: Bool { collectFindings }
    package func record(_ finding: RedactionFinding) { findings.append(finding) }

    /// Writes out buffered bytes.
    package func flush() throws {
        guard used > 0 else { return }
        let pending = UnsafeRawBufferPointer(rebasing: buffer[0..<used])
        used = 0
        try writeAll(pending)
    }

    package func flushIfLineBuffered() throws {
        if lineBuffered { try flush() }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            _ = try descriptor.writeAll(bytes)
        } catch Errno.brokenPipe {
            throw Closed()
        } catch let error as Errno {
            throw WriteFailed(output: name, error: error)
        }
    }
}
