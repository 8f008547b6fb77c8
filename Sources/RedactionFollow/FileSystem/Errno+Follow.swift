import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Errno {
    /// Runs a swift-system call and narrows its untyped error to `Errno` (swift-system throws
    /// only `Errno` from these calls; anything else would be a bug, reported as `EIO`).
    static func catching<T>(_ body: () throws -> T) throws(Errno) -> T {
        do { return try body() } catch let error as Errno { throw error } catch { throw Errno.ioError }
    }

    /// Runs a libc call that swift-system does not wrap (`fsync`, `flock`, `rename`, `unlink`,
    /// `mkdir`): retries `EINTR`, throws `errno` on -1.
    static func retrying(_ body: () -> Int32) throws(Errno) {
        while true {
            if body() != -1 { return }
            let error = Errno(rawValue: errno)
            if error != .interrupted { throw error }
        }
    }
}
