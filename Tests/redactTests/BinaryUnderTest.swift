import Foundation

/// Locates and runs the built `redact` executable (the test bundle and the executable share the
/// build products directory, e.g. `.build/debug/`).
enum BinaryUnderTest {
    /// Path of the `redact` binary beside the running test bundle.
    static let path: String = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("redact").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.appendingPathComponent(".build/debug/redact").path
    }()

    /// Repository root (for fixtures and Patterns/).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The result of one run.
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs `redact` with `arguments`, feeding `input` on stdin, and waits for it.
    static func run(_ arguments: [String], input: Data = Data(), environment: [String: String]? = nil,
                    currentDirectory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        return try collect(process, input: input)
    }

    /// Runs `redact` through `/bin/sh -c` (for pipelines such as `| head -n 1`); `$REDACT` is the binary.
    static func shell(_ script: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["REDACT"] = path
        process.environment = environment
        return try collect(process, input: nil)
    }

    /// Starts `process`, feeds `input` on stdin (or gives it /dev/null), and collects stdout and
    /// stderr on separate threads so neither pipe can fill up and block it.
    private static func collect(_ process: Process, input: Data?) throws -> Result {
        let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
        let writer = Thread {
            if let input { stdinPipe.fileHandleForWriting.write(input) }
            try? stdinPipe.fileHandleForWriting.close()
        }
        writer.start()
        let errorData = DataBox()
        let errorReader = Thread { errorData.data = stderrPipe.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        let out = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while errorReader.isExecuting || writer.isExecuting { usleep(1000) }
        return Result(status: process.terminationStatus, stdout: out, stderr: errorData.data)
    }
}

/// A reference box filled by one reader thread and read after it finished (the busy-wait on
/// `isExecuting` orders the accesses).
final class DataBox: @unchecked Sendable {
    var data = Data()
}
