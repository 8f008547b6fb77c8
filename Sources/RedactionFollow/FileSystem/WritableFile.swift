public import SystemPackage

/// An open file written by `follow`: the `--output` file or stdout, the state and lock files,
/// the metrics file.
///
/// Ownership: the descriptor belongs to the value and is closed when it is released (except
/// stdout, which is never closed).
public protocol WritableFile: AnyObject {
    /// Writes all of `bytes` (retrying short writes and `EINTR`).
    /// - Throws: `Errno` (`.brokenPipe` when the reader of a pipe went away).
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Errno)

    /// Makes the written bytes durable (`fsync`).
    func synchronize() throws(Errno)

    /// The file's current status (`fstat`).
    func status() throws(Errno) -> FileStatus

    /// Cuts the file to `length` bytes (`ftruncate`).
    func resize(to length: Int64) throws(Errno)

    /// Takes an exclusive advisory lock without waiting (`flock(LOCK_EX | LOCK_NB)`).
    /// - Returns: false when another process holds it. The lock lasts as long as the value.
    func tryLock() throws(Errno) -> Bool
}
