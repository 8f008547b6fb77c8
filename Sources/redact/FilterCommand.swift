import ArgumentParser
import Redaction
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pipe: `redact [FILE...]`. The default subcommand.
struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Redact FILEs (or stdin) to stdout (the default command: `redact app.log` is `redact filter app.log`).")

    @Argument(help: "Files to redact, in order. Without files, or with '-', reads stdin.", completion: .file())
    var files: [String] = []

    @OptionGroup(title: "Rules")
    var ruleOptions: RuleOptions

    @OptionGroup(title: "Processing")
    var processing: ProcessingOptions

    @Flag(help: "Print per-rule redaction counts to stderr at exit.")
    var stats = false

    @Flag(help: "Write no output; report what would be redacted (rule, line, column; never the secret) and exit 1 if anything was found.")
    var check = false

    @Option(help: "Report format for --check: text, json, or sarif (SARIF 2.1.0, for code scanning).")
    var format: ReportFormat = .text

    @Flag(name: .customLong("line-buffered"), help: "Flush after every line read (automatic when stdout is a terminal).")
    var lineBuffered = false

    func validate() throws {
        if format != .text && !check { throw ValidationError("--format applies to --check reports only") }
    }

    mutating func run() throws {
        // Handlers first: a signal while the rules compile ends the command as one does later.
        SignalHandling.install()
        let ruleSet = try ruleOptions.compile(limits: processing.limits)
        processing.warnAboutUnsafeChoices()
        var sink = OutputSink(descriptor: .standardOutput, lineBuffered: lineBuffered || isatty(1) != 0,
                              collectFindings: check, discardOutput: check)
        // The inputs form ONE stream, as with `cat`: a key block or a line left open at the end of
        // one file goes on in the next, so no line escapes a rule by being split across files.
        let redactor = StreamRedactor(ruleSet: ruleSet, configuration: processing.configuration)
        var boundaries = InputBoundaries()
        var warnings = EngineWarnings()
        var failedInputs = 0
        do {
            for input in files.isEmpty ? ["-"] : files {
                let descriptor: FileDescriptor
                if input == "-" {
                    descriptor = .standardInput
                } else {
                    do { descriptor = try FileDescriptor.open(FilePath(input), .readOnly) } catch {
                        StandardError.write("redact: error: \(input): \(error)")
                        failedInputs += 1
                        continue
                    }
                }
                defer { if input != "-" { try? descriptor.close() } }
                boundaries.begin(input, completedLines: redactor.lineNumber)
                switch try pump(descriptor, name: input, through: redactor, into: &sink, warnings: &warnings,
                                boundaries: &boundaries) {
                case .finished: continue
                case .readError: failedInputs += 1
                case .interrupted: Self.exitAfterSignal(flushing: sink)
                }
            }
            // A signal that came with the end of input still ends the command as a signal does:
            // the unfinished last line is not written (it may be the first half of a secret).
            if SignalHandling.shouldTerminate { Self.exitAfterSignal(flushing: sink) }
            try redactor.finish(into: &sink)
            warnings.check(redactor, input: files.last ?? "-")
            try sink.flush()
        } catch is OutputSink.Closed {
            ExitStatus.exit(0)
        }
        if SignalHandling.shouldTerminate { ExitStatus.exit(SignalHandling.exitStatus) }
        if stats { StatisticsReport.write(redactor.statistics) }
        if check {
            var report = CheckReport(format: format, rules: ruleSet.rules)
            for finding in sink.findings {
                var located = finding
                var file: String?
                if let position = boundaries.locate(line: finding.line, column: finding.column) {
                    located.line = position.line
                    located.column = position.column
                    file = files.isEmpty ? nil : position.name
                }
                report.add(located, file: file)
            }
            report.write(statistics: redactor.statistics)
            if redactor.statistics.foundAnything { throw ExitCode(1) }
        }
        if failedInputs > 0 { throw ExitCode(2) }
    }

    /// Writes out the whole lines already redacted and exits with 128 + the signal number.
    private static func exitAfterSignal(flushing sink: OutputSink) -> Never {
        try? sink.flush()
        ExitStatus.exit(SignalHandling.exitStatus)
    }

    enum PumpOutcome { case finished, interrupted, readError }

    /// Reads `descriptor` to its end through `redactor` into `sink`, leaving the stream open
    /// (the caller finishes it after the last input).
    /// - Throws: ``OutputSink/Closed`` and ``OutputSink/WriteFailed`` from the output; read errors
    ///   are reported here (naming the input) and return `.readError`.
    private func pump(_ descriptor: FileDescriptor, name: String, through redactor: StreamRedactor,
                      into sink: inout OutputSink, warnings: inout EngineWarnings,
                      boundaries: inout InputBoundaries) throws -> PumpOutcome {
        while true {
            if SignalHandling.shouldTerminate { return .interrupted }  // also one that came before any read
            let count: Int
            do {
                count = try redactor.fillWithUnsafeFreeSpace { free in
                    let count = try descriptor.read(into: free, retryOnInterrupt: false)
                    boundaries.consumed(UnsafeRawBufferPointer(rebasing: free[..<count]))
                    return count
                }
            } catch Errno.interrupted {
                if SignalHandling.shouldTerminate { return .interrupted }
                continue
            } catch let error as Errno {
                StandardError.write("redact: error: \(name == "-" ? "stdin" : name): read failed: \(error)")
                return .readError
            }
            if count == 0 { return SignalHandling.shouldTerminate ? .interrupted : .finished }
            try redactor.process(into: &sink)
            try sink.flushIfLineBuffered()
            warnings.check(redactor, input: name)
        }
    }
}

/// `--format` for `--check`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    /// `FILE:LINE:COLUMN: RULE length=N [fingerprint=...]`, one finding per line.
    case text
    /// A JSON array of findings.
    case json
    /// A SARIF 2.1.0 log (see ``SARIFReport``).
    case sarif
}
