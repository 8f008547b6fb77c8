import RedactionFollow
import SystemPackage

/// A ``ReadableFile`` on a ``MemoryFileSystem`` inode (keeps reading it after rename or unlink).
final class MemoryReadableFile: ReadableFile {
    let fileSystem: MemoryFileSystem
    let inode: MemoryFileSystem.Inode

    init(fileSystem: MemoryFileSystem, inode: MemoryFileSystem.Inode) {
        self.fileSystem = fileSystem
        self.inode = inode
    }

    func status() throws(Errno) -> FileStatus { fileSystem.status(of: inode) }

    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        guard !inode.isDirectory else { throw .isDirectory }
        defer { fileSystem.didRead(inode) }
        guard offset < Int64(inode.bytes.count) else { return 0 }
        let count = min(buffer.count, inode.bytes.count - Int(offset))
        inode.bytes.withUnsafeBytes { bytes in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[Int(offset)..<(Int(offset) + count)]))
        }
        return count
    }
}

/// A ``WritableFile`` on a ``MemoryFileSystem`` inode. After a crash its writes are dropped.
final class MemoryWritableFile: WritableFile {
    let fileSystem: MemoryFileSystem
    let inode: MemoryFileSystem.Inode
    let path: String
    let append: Bool
    let generation: Int
    private var position = 0

    init(fileSystem: MemoryFileSystem, inode: MemoryFileSystem.Inode, path: String, append: Bool) {
        self.fileSystem = fileSystem
        self.inode = inode
        self.path = path
        self.append = append
        generation = fileSystem.generation
    }

    deinit { if inode.lockedBy == ObjectIdentifier(self) { inode.lockedBy = nil } }

    private var alive: Bool { fileSystem.isAlive(generation) }

    func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
        guard alive else { return }
        try fileSystem.perform(.write(path))
        if append { position = inode.bytes.count }
        let end = position + bytes.count
        if inode.bytes.count < end { inode.bytes += [UInt8](repeating: 0, count: end - inode.bytes.count) }
        inode.bytes.replaceSubrange(position..<end, with: bytes)
        position = end
        inode.modified = fileSystem.clock.wallClockNow()
    }

    func synchronize() throws(Errno) {
        guard alive else { return }
        try fileSystem.perform(.sync(path))
    }

    func status() throws(Errno) -> FileStatus { fileSystem.status(of: inode) }

    func resize(to length: Int64) throws(Errno) {
        guard alive else { return }
        try fileSystem.perform(.resize(path))
        let length = Int(length)
        if inode.bytes.count > length { inode.bytes.removeLast(inode.bytes.count - length) } else {
            inode.bytes += [UInt8](repeating: 0, count: length - inode.bytes.count)
        }
    }

    func tryLock() throws(Errno) -> Bool {
        if let holder = inode.lockedBy, holder != ObjectIdentifier(self) { return false }
        inode.lockedBy = ObjectIdentifier(self)
        return true
    }
}
