import SystemPackage

/// Unbuffered writes to stderr. Diagnostics name rule ids, counts and offsets, never content.
package enum StandardError {
    /// Writes `message` and a newline to file descriptor 2 (retrying after `EINTR`), ignoring
    /// errors: there is nowhere else to report them.
    package static func write(_ message: String) {
        var text = message
        if !text.hasSuffix("\n") { text += "\n" }
        _ = try? text.withUTF8 { try FileDescriptor.standardError.writeAll(UnsafeRawBufferPointer($0)) }
    }
}
