public import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real ``FollowFileSystem``: swift-system's `FileDescriptor`, `FilePath`, `Stat` and
/// `Errno`, plus the few libc calls swift-system does not wrap (`fsync`, `flock`, `rename`,
/// `unlink`, `mkdir`, `opendir`, `realpath`), each retried on `EINTR`.
public final class SystemFileSystem: FollowFileSystem {
    public init() {}

    public func openForReading(_ path: FilePath, followingSymlinks: Bool) throws(Errno) -> any ReadableFile {
        let options: FileDescriptor.OpenOptions = followingSymlinks ? [.closeOnExec, .nonBlocking] : [.closeOnExec, .nonBlocking, .noFollow]
        let descriptor = try Errno.catching { try FileDescriptor.open(path, .readOnly, options: options) }
        return SystemReadableFile(descriptor)
    }

    public func openForWriting(_ path: FilePath, _ creation: FileCreation, permissions: UInt16) throws(Errno) -> any WritableFile {
        var options: FileDescriptor.OpenOptions = [.closeOnExec]
        if creation.contains(.create) { options.insert(.create) }
        if creation.contains(.exclusive) { options.insert(.exclusiveCreate) }
        if creation.contains(.append) { options.insert(.append) }
        if creation.contains(.noFollow) { options.insert(.noFollow) }
        let mode: FileDescriptor.AccessMode = creation.contains(.readWrite) ? .readWrite : .writeOnly
        let descriptor = try Errno.catching {
            try FileDescriptor.open(path, mode, options: options,
                                    permissions: creation.contains(.create) ? FilePermissions(rawValue: CInterop.Mode(permissions)) : nil)
        }
        return SystemWritableFile(descriptor)
    }

    public let standardOutput: any WritableFile = SystemWritableFile(.standardOutput, closesOnRelease: false)

    public func status(of path: FilePath, followingSymlinks: Bool) throws(Errno) -> FileStatus {
        FileStatus(try path.stat(followTargetSymlink: followingSymlinks))
    }

    public func entries(ofDirectory directory: FilePath) throws(Errno) -> [String] {
        guard let handle = directory.withPlatformString({ opendir($0) }) else { throw Errno(rawValue: errno) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            // SAFETY: `d_name` is a NUL-terminated C string inside the `dirent` that `readdir`
            // returned; it stays valid until the next `readdir`/`closedir` on `handle`, and it is
            // copied into a String before either.
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func resolvingSymlinks(_ path: FilePath) -> FilePath? {
        guard let resolved = path.withPlatformString({ realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return FilePath(platformString: resolved)
    }

    public func rename(_ source: FilePath, to destination: FilePath) throws(Errno) {
        try Errno.retrying {
            source.withPlatformString { from in destination.withPlatformString { to in systemRename(from, to) } }
        }
    }

    public func remove(_ path: FilePath) throws(Errno) {
        try Errno.retrying { path.withPlatformString { unlink($0) } }
    }

    public func createDirectory(_ path: FilePath, permissions: UInt16) throws(Errno) {
        try Errno.retrying { path.withPlatformString { mkdir($0, mode_t(permissions)) } }
    }

    public func synchronizeDirectory(_ path: FilePath) throws(Errno) {
        let descriptor = try Errno.catching {
            try FileDescriptor.open(path, .readOnly, options: [.closeOnExec, .directory])
        }
        defer { try? descriptor.close() }
        let raw = descriptor.rawValue
        try Errno.retrying { fsync(raw) }
    }

    public var effectiveUserID: UInt32 { UInt32(geteuid()) }

    public func makeChangeWatcher(useInotify: Bool, diagnostics: any FollowDiagnostics) -> any ChangeWatcher {
        InotifyWatcher(useInotify: useInotify, diagnostics: diagnostics)
    }
}

/// libc's `rename` (inside ``SystemFileSystem`` the name is the method's).
private func systemRename(_ source: UnsafePointer<CChar>, _ destination: UnsafePointer<CChar>) -> Int32 {
    rename(source, destination)
}
