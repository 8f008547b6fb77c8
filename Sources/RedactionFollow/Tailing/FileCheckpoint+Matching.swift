import SystemPackage

extension FileCheckpoint {
    /// Whether `file`, of `size` bytes, still holds what this checkpoint describes: at least
    /// `offset` bytes, the same first bytes and the same bytes before the offset.
    ///
    /// Used to recognise a copytruncate copy and files known from a checkpoint. To resume a file
    /// at the offset, use ``ContentMarkers/init(file:size:matching:)`` (the same check) instead:
    /// it keeps the bytes it checked, so the resumed file remembers exactly what matched.
    func isMatched(by file: any ReadableFile, size: Int64) -> Bool {
        ContentMarkers(file: file, size: size, matching: self) != nil
    }

    /// Whether `file`, of `size` bytes, starts with this checkpoint's head (and has one).
    func headIsMatched(by file: any ReadableFile, size: Int64) -> Bool {
        guard headLength > 0, size >= Int64(headLength) else { return false }
        return ContentHash.of(file.bytes(at: 0, count: headLength)) == headHash
    }

    /// A finished-file checkpoint covering all `size` bytes of `file`.
    static func whole(_ file: any ReadableFile, identity: FileIdentity, size: Int64, path: FilePath) -> FileCheckpoint {
        let head = file.bytes(at: 0, count: Int(min(size, Int64(headCapacity))))
        let windowLength = Int(min(size, Int64(windowCapacity)))
        let window = file.bytes(at: size - Int64(windowLength), count: windowLength)
        return FileCheckpoint(identity: identity, offset: size, headLength: head.count, headHash: ContentHash.of(head),
                              windowLength: window.count, windowHash: ContentHash.of(window), status: .finished,
                              path: path)
    }

    /// Where `--from end` starts in `file` of `size` bytes: just after the last newline (so a
    /// line being written is delivered whole), looking back at most `limit` bytes; further back
    /// than that the line is over-long anyway and the redactor replaces it by its marker.
    static func startOfLastLine(in file: any ReadableFile, size: Int64, limit: Int) -> Int64 {
        var end = size
        let lowest = max(0, size - Int64(limit))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while end > lowest {
            let start = max(lowest, end - Int64(chunk.count))
            let want = Int(end - start)
            let count = chunk.withUnsafeMutableBytes { raw in
                (try? file.read(at: start, into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]))) ?? 0
            }
            guard count > 0 else { break }
            if let index = chunk[0..<count].lastIndex(of: 0x0A) { return start + Int64(index) + 1 }
            end = start
        }
        return lowest
    }
}
