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

    @Option(help: "Report format for --check.")
    var format: ReportFormat = .text

    @Flag(name: .customLong("line-buffered"), help: "Flush after every line read (automatic when stdout is a terminal).")
    var lineBuffered = false

    func validate() throws {
        if format != .text && !check { throw ValidationError("--format applies to --check reports only") }
    }

    mutating func run() throws {
        let ruleSet = try ruleOptions.compile(limits: processing.limits)
        processing.warnAboutUnsafeChoices()
        SignalHandling.install()
        var sink = OutputSink(descriptor: .standardOutput, lineBuffered: lineBuffered || isatty(1) != 0,
                              collectFindings: check, discardOutput: check)
        defer { sink.release() }
        let scratch = ruleSet.makeScratch()
        var total = RedactionStatistics()
        var report = CheckReport(format: format)
        var warnings = EngineWarnings()
        var failedInputs = 0
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
            let redactor = StreamRedactor(ruleSet: ruleSet, configuration: processing.configuration, scratch: scratch)
            let outcome = try pump(descriptor, name: input, through: redactor, into: &sink, warnings: &warnings)
            total.merge(redactor.statistics)
            report.add(sink.findings, file: files.isEmpty ? nil : input)
            sink.findings.removeAll()
            switch outcome {
            case .finished: continue
            case .outputClosed: Foundation_exit(0)
            case .interrupted:
                try? sink.flush()
                Foundation_exit(SignalHandling.exitStatus)
            case .readError:
                failedInputs += 1
            }
        }
        do { try sink.flush() } catch is OutputSink.Closed { Foundation_exit(0) }
        if stats { StatisticsReport.write(total) }
        if check {
            report.write(statistics: total)
            if total.foundAnything { throw ExitCode(1) }
        }
        if failedInputs > 0 { throw ExitCode(2) }
    }

    enum PumpOutcome { case finished, outputClosed, interrupted, readError }

    /// Reads `descriptor` to its end through `redactor` into `sink`.
    private func pump(_ descriptor: FileDescriptor, name: String, through redactor: StreamRedactor,
                      into sink: inout OutputSink, warnings: inout EngineWarnings) throws -> PumpOutcome {
        do {
            while true {
                let count: Int
                do {
                    count = try redactor.fillWithUnsafeFreeSpace { try descriptor.read(into: $0, retryOnInterrupt: false) }
                } catch Errno.interrupted {
                    if SignalHandling.shouldTerminate { return .interrupted }
                    continue
                }
                if count == 0 { break }
                try redactor.process(into: &sink)
                try sink.flushIfLineBuffered()
                warnings.check(redactor, input: name)
                if SignalHandling.shouldTerminate { return .interrupted }
            }
            try redactor.finish(into: &sink)
            try sink.flushIfLineBuffered()
            warnings.check(redactor, input: name)
            return .finished
        } catch is OutputSink.Closed {
            return .outputClosed
        } catch let error as Errno {
            StandardError.write("redact: error: \(name == "-" ? "stdin" : name): read failed: \(error)")
            try? redactor.finish(into: &sink)
            return .readError
        }
    }
}

/// `--format` for `--check`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
