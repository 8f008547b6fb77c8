import SystemPackage

/// The followed patterns: expands them to the regular files to follow, applies the symlink
/// policy, and tells the operator when a pattern matches nothing, names a directory, or starts
/// or stops matching.
///
/// Contracts:
/// - A match whose resolved path (every symlink followed, directories included) lies outside
///   every pattern's literal directory (resolved too) is refused unless `followSymlinks`: a
///   privileged sidecar must not stream `/etc/shadow` because someone planted a link in a log
///   directory. One warning per refused path (again if it is refused after being allowed).
/// - Per pattern, one warning when it matches no file, names a directory or something that is
///   not a regular file; one note when it then matches; one note when it stops matching for
///   longer than `disappearanceDelay` (so a rotation's brief gap says nothing).
/// - Messages name patterns and paths, never content.
final class FollowedPaths {
    /// A file to follow: the name it matched under and the status of the file it names.
    struct Candidate {
        var path: FilePath
        var status: FileStatus
    }

    /// What one pattern matched on the last scan.
    enum Match: Equatable {
        case files
        case nothing
        case directory
        case notRegular
        /// Only symlinks that were refused (warned about separately).
        case refusedSymlinks
    }

    let patterns: [String]
    private let fileSystem: any FollowFileSystem
    private let diagnostics: any FollowDiagnostics
    private let followSymlinks: Bool
    private let disappearanceDelay: Double
    private let expander: GlobExpander
    private var reported: [Match?]
    private var missingSince: [Double?]
    private var warnedRefusals: Set<FilePath> = []

    init(patterns: [String], followSymlinks: Bool, disappearanceDelay: Double, fileSystem: any FollowFileSystem,
         diagnostics: any FollowDiagnostics) {
        self.patterns = patterns
        self.followSymlinks = followSymlinks
        self.disappearanceDelay = disappearanceDelay
        self.fileSystem = fileSystem
        self.diagnostics = diagnostics
        expander = GlobExpander(fileSystem: fileSystem)
        reported = Array(repeating: nil, count: patterns.count)
        missingSince = Array(repeating: nil, count: patterns.count)
    }

    /// The deepest literal directory of every pattern (to watch for new matches).
    var literalDirectories: [FilePath] { patterns.map(GlobExpander.literalDirectory(of:)) }

    /// Expands every pattern: the regular files to follow, each once, in pattern order.
    func scan(now: Double) -> [Candidate] {
        let roots = literalDirectories.map { fileSystem.resolvingSymlinks($0) ?? $0 }
        var seen = Set<FilePath>()
        var result: [Candidate] = []
        for (index, pattern) in patterns.enumerated() {
            var match = Match.nothing
            for path in expander.expand(pattern) {
                guard let status = try? fileSystem.status(of: path, followingSymlinks: true) else { continue }
                guard status.kind == .regular else {
                    if GlobExpander.isLiteralPath(pattern) { match = status.kind == .directory ? .directory : .notRegular }
                    continue
                }
                guard isAllowed(path, roots: roots) else {
                    if match == .nothing { match = .refusedSymlinks }
                    continue
                }
                match = .files
                if seen.insert(path).inserted { result.append(Candidate(path: path, status: status)) }
            }
            report(match, for: index, now: now)
        }
        return result
    }

    /// Whether `path` resolves inside a followed directory (or symlinks may be followed anywhere).
    private func isAllowed(_ path: FilePath, roots: [FilePath]) -> Bool {
        if followSymlinks { return true }
        guard let resolved = fileSystem.resolvingSymlinks(path) else { return false }
        if roots.contains(where: { resolved.starts(with: $0) }) {
            warnedRefusals.remove(path)
            return true
        }
        if warnedRefusals.insert(path).inserted {
            diagnostics.warning("follow: \(path) resolves to \(resolved), outside the followed directories; "
                + "not following it (--follow-symlinks allows it)")
        }
        return false
    }

    private func report(_ match: Match, for index: Int, now: Double) {
        let pattern = patterns[index]
        let literal = GlobExpander.isLiteralPath(pattern)
        let previous = reported[index]
        if match == .files {
            missingSince[index] = nil
            if let previous, previous != .files {
                diagnostics.note(literal ? "follow: \(pattern) appeared; following it" : "follow: '\(pattern)' now matches files; following them")
            }
            reported[index] = .files
            return
        }
        if previous == .files {
            // Gone: say so only when it stays gone longer than a rotation takes.
            let since = missingSince[index] ?? now
            missingSince[index] = since
            guard now - since >= disappearanceDelay else { return }
            diagnostics.note(literal ? "follow: \(pattern) is gone; waiting for it to appear again"
                : "follow: '\(pattern)' no longer matches any file; waiting for one to appear")
            reported[index] = match
            return
        }
        guard previous != match else { return }
        reported[index] = match
        switch match {
        case .nothing:
            diagnostics.warning(literal ? "follow: \(pattern) does not exist (yet); waiting for it to appear"
                : "follow: '\(pattern)' matches no file (yet); waiting for one to appear")
        case .directory:
            let base = pattern.hasSuffix("/") ? String(pattern.dropLast()) : pattern
            diagnostics.warning("follow: \(pattern) is a directory; follow the files in it with a quoted glob such as '\(base)/*.log'")
        case .notRegular:
            diagnostics.warning("follow: \(pattern) is not a regular file; not following it")
        case .files, .refusedSymlinks:
            break
        }
    }
}
