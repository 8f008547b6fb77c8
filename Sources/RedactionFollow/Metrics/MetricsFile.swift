import SystemPackage

/// Writes `--metrics-file` atomically for node_exporter's textfile collector: a new temp file
/// next to it (`PATH.tmp`, which the collector ignores: it reads only `*.prom`), then `rename`
/// over PATH, so a reader sees the old file or the new one, never a partial one.
///
/// The temp file is created with `O_CREAT | O_EXCL | O_NOFOLLOW` (mode 0644: the collector runs as
/// another user), so a planted symlink is removed, never written through.
struct MetricsFile {
    let path: FilePath
    let fileSystem: any FollowFileSystem

    var temporaryPath: FilePath { FilePath(path.string + ".tmp") }

    /// Replaces the file with `text`.
    /// - Throws: `Errno` when the directory is not writable or the disk is full.
    func write(_ text: String) throws(Errno) {
        try writeNewFile(temporaryPath, Array(text.utf8), permissions: 0o644, fileSystem: fileSystem)
        try fileSystem.rename(temporaryPath, to: path)
    }
}
