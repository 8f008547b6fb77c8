import SystemPackage

/// A ``ReadableFile`` on a swift-system `FileDescriptor`, closed on release.
final class SystemReadableFile: ReadableFile {
    private let descriptor: FileDescriptor

    /// Takes ownership of `descriptor`.
    init(_ descriptor: FileDescriptor) { self.descriptor = descriptor }

    deinit { try? descriptor.close() }

    func status() throws(Errno) -> FileStatus { FileStatus(try descriptor.stat()) }

    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        try Errno.catching { try descriptor.read(fromAbsoluteOffset: offset, into: buffer) }
    }
}
