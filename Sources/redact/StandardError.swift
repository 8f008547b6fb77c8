#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to stderr. Diagnostics name rule ids, counts and offsets, never content.
enum StandardError {
    /// Writes `message` and a newline to file descriptor 2, ignoring errors (there is nowhere
    /// else to report them).
    static func write(_ message: String) {
        var text = message
        if !text.hasSuffix("\n") { text += "\n" }
        text.utf8CString.withUnsafeBufferPointer { buffer in
            var offset = 0
            let count = buffer.count - 1
            while offset < count {
                let written = Glibc.write(2, buffer.baseAddress! + offset, count - offset)
                if written <= 0 { if written < 0 && errno == EINTR { continue }; return }
                offset += written
            }
        }
    }
}
