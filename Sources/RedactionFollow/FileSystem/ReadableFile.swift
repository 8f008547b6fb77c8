public import SystemPackage

/// An open file read by offset (a tailed log, a copytruncate copy, the state file).
///
/// Ownership: the descriptor belongs to the value and is closed when it is released; there is no
/// `close()` to forget or to call twice.
public protocol ReadableFile: AnyObject {
    /// The file's current status (`fstat`).
    func status() throws(Errno) -> FileStatus

    /// Reads up to `buffer.count` bytes at `offset` without moving any position (`pread`).
    /// - Returns: the number of bytes read; 0 at end of file.
    /// - Warning: Do not escape the pointer for later use.
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int
}

extension ReadableFile {
    /// Reads up to `count` bytes at `offset` (fewer at end of file or on an error).
    ///
    /// For content markers (at most 64 bytes at a time); never on the per-line path.
    public func bytes(at offset: Int64, count: Int) -> [UInt8] {
        guard count > 0, offset >= 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { raw in
                // SAFETY: `filled < count == raw.count`, so the rebased slice is inside `bytes`.
                try? read(at: offset + Int64(filled), into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
            }
            guard let got, got > 0 else { break }
            filled += got
        }
        return filled == count ? bytes : Array(bytes[0..<filled])
    }

    /// Reads the whole file, up to `limit` bytes.
    /// - Returns: the bytes, or nil when the file holds more than `limit`.
    public func readAll(limit: Int) throws(Errno) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let offset = Int64(bytes.count)
            let count = try Errno.catching { try chunk.withUnsafeMutableBytes { try read(at: offset, into: $0) } }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { return nil }
        }
    }
}
