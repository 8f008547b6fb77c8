import Redaction

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ``RedactionSink`` one tailed file writes through: forwards redacted bytes to the shared
/// ``FollowOutput``, inserting `prefix` (`--with-filename`: `PATH: `) at the start of every line.
///
/// Contract: constructed at a line start (the redactor only ever emits whole lines, so every
/// `process` call starts at one); with an empty prefix bytes pass straight through.
struct LinePrefixingSink: RedactionSink {
    let output: FollowOutput
    let prefix: [UInt8]
    private var atLineStart = true

    init(output: FollowOutput, prefix: [UInt8]) {
        self.output = output
        self.prefix = prefix
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !prefix.isEmpty else { return try output.write(bytes) }
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            if atLineStart {
                try prefix.withUnsafeBytes { try output.write($0) }
                atLineStart = false
            }
            if let newline = memchr(base + start, 0x0A, bytes.count - start) {
                let end = base.distance(to: UnsafeRawPointer(newline)) + 1
                try output.write(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                atLineStart = true
                start = end
            } else {
                try output.write(UnsafeRawBufferPointer(rebasing: bytes[start...]))
                start = bytes.count
            }
        }
    }
}
