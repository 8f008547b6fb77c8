import Logging
import RedactionLogging
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The README's bootstrap example, compiled and run so it cannot rot.
///
/// `LoggingSystem.bootstrap` may run once per process: this is the only test that calls it, and
/// every other test builds its loggers with an explicit factory.
@Suite struct ReadmeExampleTests {
    /// The README example, verbatim (the README shows the body of this function).
    static func readmeExample() {
        LoggingSystem.bootstrap { label in
            RedactingLogHandler(wrapping: StreamLogHandler.standardOutput(label: label))
        }
        let logger = Logger(label: "api")
        logger.info("calling upstream", metadata: ["authorization": "Bearer eyJ...", "user": "42"])
        // ... authorization=*** user=42 ... calling upstream
    }

    @Test func bootstrapExampleRedactsTheAuthorizationHeader() throws {
        let output = try captureStandardOutput { Self.readmeExample() }
        let line = output.split(separator: "\n").first { $0.contains("calling upstream") }
        let found = try #require(line.map(String.init))
        #expect(found.contains(" info api: authorization=*** user=42 ["))
        #expect(found.hasSuffix("] calling upstream"))
        #expect(!output.contains("eyJ"))
    }

    /// Runs `body` with file descriptor 1 redirected to a temporary file and returns what was
    /// written. Everything captured is written to the real stdout afterwards, so output of tests
    /// running at the same time is not lost.
    private func captureStandardOutput(_ body: () -> Void) throws -> String {
        var template = Array("/tmp/redaction-logging-stdout-XXXXXX".utf8CString)
        let file = mkstemp(&template)
        try #require(file >= 0)
        defer {
            close(file)
            unlink(template)
        }
        fflush(nil)
        let saved = dup(STDOUT_FILENO)
        dup2(file, STDOUT_FILENO)
        body()
        fflush(nil)
        dup2(saved, STDOUT_FILENO)
        close(saved)

        lseek(file, 0, SEEK_SET)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(file, &chunk, chunk.count)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        bytes.withUnsafeBytes { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
