import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands the `follow` arguments (paths or quoted globs) through the ``FollowFileSystem``, as
/// glob(3) does with no flags: `*`, `?`, `[...]` and `\` escapes within one path component
/// (matched with fnmatch(3), a leading `.` only explicitly), results sorted per directory.
///
/// Contract: returns the names that exist (a symlink counts, whatever it points to), in pattern
/// order, each once; a pattern that matches nothing yet is not an error (the file may appear
/// later).
struct GlobExpander {
    let fileSystem: any FollowFileSystem

    /// Existing paths matching `pattern`.
    func expand(_ pattern: String) -> [FilePath] {
        guard !pattern.isEmpty else { return [] }
        let isAbsolute = pattern.hasPrefix("/")
        var candidates: [FilePath] = [isAbsolute ? "/" : ""]
        for component in pattern.split(separator: "/") {
            let text = String(component)
            if Self.isLiteral(text) {
                candidates = candidates.map { $0.isEmpty ? FilePath(text) : $0.appending(text) }
                continue
            }
            var next: [FilePath] = []
            for directory in candidates {
                let listed = directory.isEmpty ? FilePath(".") : directory
                guard let names = try? fileSystem.entries(ofDirectory: listed) else { continue }
                for name in names.sorted() where Self.matches(name, text) {
                    next.append(directory.isEmpty ? FilePath(name) : directory.appending(name))
                }
            }
            candidates = next
        }
        return candidates.filter { !$0.isEmpty && (try? fileSystem.status(of: $0, followingSymlinks: false)) != nil }
    }

    /// Whether `component` has no glob characters.
    static func isLiteral(_ component: String) -> Bool {
        !component.contains(where: { "*?[\\".contains($0) })
    }

    /// fnmatch(3) of one name against one pattern component (`FNM_PERIOD`: a leading `.` is
    /// matched only explicitly, as glob(3) does).
    static func matches(_ name: String, _ pattern: String) -> Bool {
        fnmatch(pattern, name, FNM_PERIOD) == 0
    }

    /// The deepest directory of `pattern` without glob characters (`.` for a bare name).
    static func literalDirectory(of pattern: String) -> FilePath {
        var components = pattern.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        if let index = components.firstIndex(where: { !isLiteral(String($0)) }) {
            components = components[..<index]
        }
        let joined = components.joined(separator: "/")
        if joined.isEmpty { return pattern.hasPrefix("/") ? "/" : "." }
        return FilePath(joined)
    }

    /// Whether `pattern` names one path (no glob characters at all).
    static func isLiteralPath(_ pattern: String) -> Bool {
        pattern.split(separator: "/").allSatisfy { isLiteral(String($0)) }
    }
}
