import Redaction
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file of `--mask-values-from`: one exact value per line (a trailing CR is dropped, empty
/// lines are skipped), read whole at start and again whenever its identity (device, inode),
/// size or modification time changes.
///
/// At start, an unreadable file or a value shorter than 4 bytes is an error; later, it is a
/// warning on stderr (naming the file and line, never the value) and the values in force stay
/// (a file that cannot be read) or the bad line is skipped.
///
/// ## Thread safety
/// Not thread-safe by itself: ``load()`` runs before any stream, and ``reloadIfChanged()`` only
/// from a ``KnownValueList`` refresh hook, which the list never runs twice at once (its lock
/// orders one run before the next, whatever the thread).
package final class KnownValuesFile: @unchecked Sendable {
    package let path: String
    // SAFETY: see "Thread safety": accesses never overlap and are ordered by the list's lock.
    private var stamp: Stamp?
    private var warnedUnreadable = false

    /// What identifies a version of the file.
    private struct Stamp: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: timespec

        static func == (lhs: Stamp, rhs: Stamp) -> Bool {
            lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
                && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
        }
    }

    package init(path: String) { self.path = path }

    /// Reads the values at start.
    /// - Throws: ``CLIError`` when the file cannot be read or a line is shorter than 4 bytes or
    ///   too long.
    package func load() throws -> [[UInt8]] {
        let (stamp, bytes) = try read()
        var values: [[UInt8]] = []
        for (number, line) in Self.lines(bytes) {
            if let problem = Self.problem(line) { throw CLIError("\(path):\(number): the value is \(problem)") }
            values.append(line)
        }
        self.stamp = stamp
        return values
    }

    /// The values when the file changed since it was last read, else nil. Problems are warnings.
    package func reloadIfChanged() -> [[UInt8]]? {
        let current = Self.stamp(of: path)
        // Gone or unreadable: read anyway (to warn); else only when it changed.
        if let current, current == stamp { return nil }
        let stamp: Stamp
        let bytes: [UInt8]
        do { (stamp, bytes) = try read() } catch {
            if !warnedUnreadable {
                StandardError.write("redact: warning: \(error); the known values read before stay in force")
            }
            warnedUnreadable = true
            return nil
        }
        var values: [[UInt8]] = []
        for (number, line) in Self.lines(bytes) {
            if let problem = Self.problem(line) {
                StandardError.write("redact: warning: \(path):\(number): the value is \(problem); line ignored")
                continue
            }
            values.append(line)
        }
        self.stamp = stamp
        warnedUnreadable = false
        StandardError.write("redact: note: \(path): \(values.count) known value(s) loaded")
        return values
    }

    private func read() throws -> (Stamp, [UInt8]) {
        let descriptor: FileDescriptor
        do { descriptor = try FileDescriptor.open(FilePath(path), .readOnly) } catch {
            throw CLIError("--mask-values-from \(path): \(error)")
        }
        defer { try? descriptor.close() }
        var info = stat()
        guard fstat(descriptor.rawValue, &info) == 0 else {
            throw CLIError("--mask-values-from \(path): \(String(cString: strerror(errno)))")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count: Int
            do { count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) } } catch {
                throw CLIError("--mask-values-from \(path): read failed: \(error)")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
            if bytes.count > Self.maximumFileSize {
                throw CLIError("--mask-values-from \(path): larger than \(Self.maximumFileSize >> 20) MiB")
            }
        }
        return (Self.stamp(info), bytes)
    }

    /// Largest values file read (memory stays bounded).
    static let maximumFileSize = 64 << 20

    private static func stamp(of path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return stamp(info)
    }

    private static func stamp(_ info: stat) -> Stamp {
        Stamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size), modified: info.st_mtim)
    }

    /// Non-empty lines with their 1-based numbers, without a trailing CR.
    private static func lines(_ bytes: [UInt8]) -> [(Int, [UInt8])] {
        var result: [(Int, [UInt8])] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var value = Array(line)
            if value.last == 0x0D { value.removeLast() }
            if !value.isEmpty { result.append((index + 1, value)) }
        }
        return result
    }

    private static func problem(_ value: [UInt8]) -> String? {
        if value.count < KnownValueList.minimumLength {
            return "shorter than \(KnownValueList.minimumLength) bytes (refused: it would mask too much)"
        }
        if value.count > KnownValueList.maximumLength { return "longer than \(KnownValueList.maximumLength) bytes" }
        if value.contains(0x0D) { return "holding a carriage return" }
        return nil
    }
}
