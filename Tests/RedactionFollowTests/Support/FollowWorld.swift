import Redaction
import RedactionFollow
import SystemPackage
import Testing

/// A sidecar on an in-memory file system with a manual clock: start it, let simulated time run,
/// crash it (`kill -9`), restart it, and read what it wrote. No wall-clock sleeps.
final class FollowWorld {
    /// The built-in rule set (compiled once for all tests).
    static let ruleSet: CompiledRuleSet = {
        do { return try RuleSetBuilder().build() } catch { fatalError("built-in packs do not compile: \(error)") }
    }()

    let clock = ManualClock()
    let fileSystem: MemoryFileSystem
    let diagnostics = RecordingDiagnostics()
    var settings: FollowSettings
    var configuration = RedactionConfiguration()
    /// `--output` (nil: stdout) and `--state` (nil: none).
    var outputPath: String?
    var statePath: String?
    private(set) var session: FollowSession?

    init(patterns: [String] = ["/logs/app.log"], output: String? = "/out/redacted.log", state: String? = "/state") {
        fileSystem = MemoryFileSystem(clock: clock)
        fileSystem.makeDirectories("/logs")
        fileSystem.makeDirectories("/out")
        outputPath = output
        statePath = state
        settings = FollowSettings(patterns: patterns)
        settings.rotateWait = 1
        settings.checkpointInterval = 0.2
    }

    /// Starts a sidecar (a new process: new store, output and session).
    func start() throws {
        precondition(session == nil, "stop or crash the running sidecar first")
        let store = try statePath.map { try CheckpointStore(directory: FilePath($0), fileSystem: fileSystem) }
        let output = try FollowOutput(path: outputPath.map { FilePath($0) }, fileSystem: fileSystem)
        let session = FollowSession(settings: settings, ruleSet: Self.ruleSet, configuration: configuration,
                                    output: output, store: store, fileSystem: fileSystem, clock: clock,
                                    diagnostics: diagnostics)
        self.session = session
        try session.start()
    }

    /// Runs the loop for `seconds` of simulated time (stops early when the process crashed).
    func run(for seconds: Double = 0.5) throws {
        guard let session else { fatalError("not started") }
        let end = clock.monotonicNow() + seconds
        let generation = fileSystem.generation
        var steps = 0
        while clock.monotonicNow() < end && fileSystem.generation == generation {
            try session.step()
            steps += 1
            precondition(steps < 1_000_000, "the loop does not advance the clock")
        }
    }

    /// Runs past every rotate wait and checkpoint, then stops cleanly (SIGTERM).
    func settleAndStop() throws {
        try run(for: settings.rotateWait * 2 + 1)
        try stop()
    }

    /// SIGTERM: final flush and checkpoint.
    func stop() throws {
        try session?.stop()
        session = nil
    }

    /// `kill -9`: the process is gone; nothing more it buffered reaches a file.
    func crash() {
        fileSystem.crash()
        session = nil
    }

    /// What the sidecar delivered (the output file or stdout).
    var output: String { outputPath.map(fileSystem.text(of:)) ?? fileSystem.stdoutText }
}

/// Test log lines: `line NNNNN` with a canary token on every 10th line.
enum TestLog {
    static func lines(_ range: Range<Int>, tag: String = "") -> String {
        range.map { number in
            let token = number % 10 == 0 ? " token=\(canary(number))" : ""
            return "line \(String(number + 100_000).dropFirst())\(tag)\(token)\n"
        }.joined()
    }

    /// A GitHub token the built-in rules redact; unique per number.
    static func canary(_ number: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var state = UInt64(number) &* 0x9E37_79B9_7F4A_7C15 | 1
        var token = "ghp_"
        for _ in 0..<36 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            token.append(alphabet[Int(state % UInt64(alphabet.count))])
        }
        return token
    }

    /// Line numbers found in output, in order.
    static func numbers(in output: String) -> [Int] {
        output.split(separator: "\n").compactMap { line in
            guard let range = line.firstRange(of: "line ") else { return nil }
            return Int(line[range.upperBound...].prefix(5))
        }
    }

    /// Expects every line of `range` exactly once (in order when `ordered`) and no canary.
    static func expectExactlyOnce(_ output: String, _ range: Range<Int>, ordered: Bool = true,
                                  sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let numbers = numbers(in: output)
        var counts: [Int: Int] = [:]
        for number in numbers { counts[number, default: 0] += 1 }
        let missing = range.filter { counts[$0] == nil }
        let duplicated = counts.filter { $0.value > 1 }.map(\.key).sorted()
        #expect(missing.isEmpty, "missing lines: \(missing.prefix(20))", sourceLocation: sourceLocation)
        #expect(duplicated.isEmpty, "duplicated lines: \(duplicated.prefix(20))", sourceLocation: sourceLocation)
        #expect(numbers.count == range.count, sourceLocation: sourceLocation)
        if ordered { #expect(numbers == Array(range), "out of order", sourceLocation: sourceLocation) }
        #expect(!output.contains("ghp_"), "a canary leaked", sourceLocation: sourceLocation)
    }
}
