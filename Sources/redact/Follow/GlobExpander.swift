#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands the `follow` arguments (paths or quoted globs) with glob(3).
///
/// Contract: returns regular files only (symlinks followed), in glob order, without duplicates
/// between patterns; a pattern that matches nothing yet is not an error (the file may appear
/// later). Directories to watch are the pattern's deepest literal directory and the directory
/// of every match and of its resolved target (symlinks, e.g. Kubernetes `/var/log/containers`).
enum GlobExpander {
    /// Matching regular files for all `patterns`.
    static func expand(_ patterns: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for pattern in patterns {
            for path in expand(pattern) where seen.insert(path).inserted {
                var info = stat()
                guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                result.append(path)
            }
        }
        return result
    }

    /// Raw glob(3) matches of one pattern.
    static func expand(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(pattern, 0, nil, &matches) == 0 else { return [] }
        var result: [String] = []
        for index in 0..<Int(matches.gl_pathc) {
            if let path = matches.gl_pathv[index] { result.append(String(cString: path)) }
        }
        return result
    }

    /// The deepest directory of `pattern` without glob characters (`.` for a bare name).
    static func literalDirectory(of pattern: String) -> String {
        var components = pattern.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        while let index = components.firstIndex(where: { $0.contains(where: { "*?[".contains($0) }) }) {
            components = components[..<index]
        }
        let joined = components.joined(separator: "/")
        if joined.isEmpty { return pattern.hasPrefix("/") ? "/" : "." }
        return joined
    }

    /// The directory part of `path` (`.` for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last path component.
    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The symlink-resolved path, or nil when it cannot be resolved.
    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
