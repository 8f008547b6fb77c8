package import Redaction
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File access for rule packs and keys (the engine itself has no file APIs).
package enum RuleFiles {
    /// A file stays as is; a directory becomes its `*.toml` files in name order.
    package static func expand(_ path: String) throws -> [String] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw CLIError("\(path): \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return [path] }
        guard let directory = opendir(path) else { throw CLIError("\(path): \(String(cString: strerror(errno)))") }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name.hasSuffix(".toml") && !name.hasPrefix(".") { names.append(name) }
        }
        let base = path.hasSuffix("/") ? path : path + "/"
        return names.sorted().map { base + $0 }
    }

    /// Reads and parses a rule file. The pack is named after the file (without `.toml`).
    package static func load(_ file: String) throws(RuleLoadError) -> RulePack {
        let bytes: [UInt8]
        do { bytes = try readBytes(file) } catch {
            throw RuleLoadError(location: SourceLocation(file: file, line: 0), message: "cannot read: \(error)")
        }
        var name = String(file.split(separator: "/").last ?? Substring(file))
        if name.hasSuffix(".toml") { name.removeLast(5) }
        return try RulePack.parse(utf8: bytes, file: file, name: name)
    }

    /// Loads the file an `[extend] path` names in `file`, found as gitleaks finds it: relative to
    /// the working directory; when nothing is there, relative to the directory of `file`.
    /// - Throws: ``RuleLoadError`` naming `file` and both places looked at.
    package static func loadExtension(_ path: String, namedIn file: String) throws(RuleLoadError) -> RulePack {
        let besideFile = resolve(path, relativeTo: file)
        if exists(path) || besideFile == path { return try load(path) }
        if exists(besideFile) { return try load(besideFile) }
        throw RuleLoadError(location: SourceLocation(file: file, line: 0),
                            message: "[extend] path '\(path)' not found (looked in the working directory and beside this file: \(besideFile))")
    }

    /// `path` relative to the directory of `file` (absolute paths stay).
    static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let slash = file.lastIndex(of: "/") else { return path }
        return String(file[...slash]) + path
    }

    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Reads a whole (small) file.
    package static func readBytes(_ path: String) throws -> [UInt8] {
        let fd: FileDescriptor
        do { fd = try FileDescriptor.open(FilePath(path), .readOnly) } catch {
            throw CLIError("\(path): \(error)")
        }
        return try fd.closeAfter {
            var result: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = try chunk.withUnsafeMutableBytes { try fd.read(into: $0) }
                if count == 0 { break }
                result.append(contentsOf: chunk[0..<count])
                if result.count > 64 << 20 { throw CLIError("\(path): larger than 64 MiB") }
            }
            return result
        }
    }
}
