import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A running `redact follow` for the Follow tests: stdout and stderr go to files in the test's
/// directory, so tests can stop it with SIGTERM or SIGKILL and inspect everything afterwards.
final class FollowProcess {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    init(_ arguments: [String], in directory: FollowDirectory, label: String = "follow") throws {
        stdoutPath = directory.path("\(label).\(UUID().uuidString.prefix(8)).stdout")
        stderrPath = directory.path("\(label).\(UUID().uuidString.prefix(8)).stderr")
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: BinaryUnderTest.path)
        process.arguments = ["follow"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    /// Waits until the sidecar has `path` open (it started following it), up to `timeout` seconds.
    @discardableResult
    func waitUntilReading(_ path: String, timeout: Double = 20) -> Bool {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return eventually(timeout: timeout) {
            let directory = "/proc/\(process.processIdentifier)/fd"
            let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return descriptors.contains { name in
                (try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + name)) == target
            }
        }
    }

    /// Sends `signal` (SIGHUP, SIGUSR1) without waiting.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// SIGTERM, then wait; returns the exit status.
    @discardableResult
    func terminate() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL (a crash), then wait.
    func crash() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
}

/// A fresh directory under /tmp (mkdtemp), removed when the value is released, with helpers to
/// write log files the way applications do.
final class FollowDirectory {
    let root: String

    init() {
        var template = Array("/tmp/redact-follow-test.XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        root = created.map { String(cString: $0) } ?? "/tmp/redact-follow-test.\(UUID().uuidString)"
        if created == nil { try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ name: String) -> String { root + "/" + name }

    /// Appends `text` to `name` (creating it) with O_APPEND, like a logger.
    func append(_ text: String, to name: String) {
        let descriptor = open(path(name), O_WRONLY | O_CREAT | O_APPEND, 0o644)
        precondition(descriptor >= 0)
        var bytes = Array(text.utf8)
        _ = write(descriptor, &bytes, bytes.count)
        close(descriptor)
    }

    func read(_ name: String) -> String { (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? "" }

    func rename(_ from: String, _ to: String) { Glibc.rename(path(from), path(to)) }

    func remove(_ name: String) { unlink(path(name)) }

    func truncate(_ name: String) { Glibc.truncate(path(name), 0) }

    func copy(_ from: String, _ to: String) {
        let data = FileManager.default.contents(atPath: path(from)) ?? Data()
        FileManager.default.createFile(atPath: path(to), contents: data)
    }

    /// Numbered lines `first..<end` (`line NNNNN <tag>`), with a canary token on every 10th.
    static func lines(_ range: Range<Int>, tag: String = "") -> String {
        range.map { number in
            let canary = number % 10 == 0 ? " token=\(canary(number))" : ""
            return "line \(String(format: "%05d", number))\(tag)\(canary)\n"
        }.joined()
    }

    /// A GitHub token the built-in rules redact; unique per number.
    static func canary(_ number: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var state = UInt64(number) &* 0x9E37_79B9_7F4A_7C15 | 1
        var token = "ghp_"
        for _ in 0..<36 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            token.append(alphabet[Int(state % UInt64(alphabet.count))])
        }
        return token
    }
}

/// Polls `condition` every 20 ms for up to `timeout` seconds.
@discardableResult
func eventually(timeout: Double = 8, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}

/// Line numbers found in redacted output (`line NNNNN`), in order.
func lineNumbers(in output: String) -> [Int] {
    output.split(separator: "\n").compactMap { line in
        guard let range = line.range(of: "line ") else { return nil }
        return Int(line[range.upperBound...].prefix(5))
    }
}
