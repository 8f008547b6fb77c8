import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``WritableFile`` on a swift-system `FileDescriptor`, closed on release unless it is a
/// standard stream.
final class SystemWritableFile: WritableFile {
    private let descriptor: FileDescriptor
    private let closesOnRelease: Bool

    /// Takes ownership of `descriptor` when `closesOnRelease`.
    init(_ descriptor: FileDescriptor, closesOnRelease: Bool = true) {
        self.descriptor = descriptor
        self.closesOnRelease = closesOnRelease
    }

    deinit { if closesOnRelease { try? descriptor.close() } }

    func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
        _ = try Errno.catching { try descriptor.writeAll(bytes) }
    }

    func synchronize() throws(Errno) {
        let raw = descriptor.rawValue
        try Errno.retrying { fsync(raw) }
    }

    func status() throws(Errno) -> FileStatus { FileStatus(try descriptor.stat()) }

    func resize(to length: Int64) throws(Errno) {
        try Errno.catching { try descriptor.resize(to: length) }
    }

    func tryLock() throws(Errno) -> Bool {
        let raw = descriptor.rawValue
        do {
            try Errno.retrying { flock(raw, LOCK_EX | LOCK_NB) }
            return true
        } catch .wouldBlock {
            return false
        }
    }
}
