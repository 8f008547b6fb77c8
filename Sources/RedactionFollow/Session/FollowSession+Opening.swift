import SystemPackage

/// Opening files and the directory helpers: regular files only, the own output never, a renamed
/// file found again by identity, directories watched.
extension FollowSession {
    /// Opens `path` read-only if it is a regular file; warns once per name on a failure other
    /// than "does not exist".
    func openRegular(_ path: FilePath, quiet: Bool = false) -> (any ReadableFile, FileStatus)? {
        let file: any ReadableFile
        do { file = try fileSystem.openForReading(path, followingSymlinks: true) } catch {
            if !quiet && error != .noSuchFileOrDirectory && unreadablePaths.insert(path).inserted {
                diagnostics.warning("follow: \(path): cannot open: \(error)")
            }
            return nil
        }
        guard let status = try? file.status(), status.kind == .regular else { return nil }
        unreadablePaths.remove(path)
        return (file, status)
    }

    /// Finds the file with `identity` in the directory of `path` (a file renamed while stopped).
    func findFile(_ identity: FileIdentity, near path: FilePath) -> (FilePath, any ReadableFile, FileStatus)? {
        for candidate in siblings(of: path) {
            guard let status = try? fileSystem.status(of: candidate, followingSymlinks: false),
                  status.identity == identity,
                  let (file, opened) = openRegular(candidate, quiet: true), opened.identity == identity else { continue }
            return (candidate, file, opened)
        }
        return nil
    }

    /// The entries of the directory `path` is in, as paths (`path` itself included if present).
    func siblings(of path: FilePath) -> [FilePath] {
        let directory = path.directory
        let names = (try? fileSystem.entries(ofDirectory: directory)) ?? []
        return names.sorted().map { FilePath.entry($0, in: directory) }
    }

    /// Whether `identity` is the `--output` file, which is never followed: reading our own output
    /// would feed it back into itself forever. Says so once.
    func isOwnOutput(_ identity: FileIdentity, path: FilePath) -> Bool {
        guard let own = output.identity, own == identity else { return false }
        if !warnedAboutOwnOutput {
            warnedAboutOwnOutput = true
            diagnostics.warning("follow: \(path) is the --output file; not following it")
        }
        return true
    }

    /// Watches the directory of `path` and, for a symlink, of its target (Kubernetes
    /// `/var/log/containers` links into `/var/log/pods`).
    func watchDirectories(of path: FilePath) {
        watcher.watch(directory: path.directory)
        if let target = fileSystem.resolvingSymlinks(path) { watcher.watch(directory: target.directory) }
    }
}
