#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exit statuses of `redact` (the pipe, `mmexternal`, `rules`) in one place; the README's
/// table and `redact --help` list the same.
///
/// | Status | Meaning |
/// |---|---|
/// | 0 | success; also when stdout is closed early (`redact app.log \\| head`) |
/// | 1 | `--check` found something that would be redacted; `rules test` found a failing sample |
/// | 2 | usage error, invalid rule file or option, unreadable input, write error on the output |
/// | 128+N | ended by signal N after writing the whole lines already processed: 129 SIGHUP, 130 SIGINT, 143 SIGTERM |
package enum ExitStatus {
    package static let success: Int32 = 0
    package static let found: Int32 = 1
    package static let failure: Int32 = 2

    /// Ends the process with `status` at once. Nothing is flushed here: callers flush their
    /// own buffers first (the output is unbuffered `write(2)` behind ``OutputSink``).
    package static func exit(_ status: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }
}
