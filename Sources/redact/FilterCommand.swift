import ArgumentParser
import Redaction
import RedactionPipelines
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

    @OptionGroup(title: "Echoes and known values")
    var values: ValueOptions

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
        var configuration = processing.configuration
        try values.apply(to: &configuration)
        processing.warnAboutUnsafeChoices()
        let sink = OutputSink(descriptor: .standardOutput, lineBuffered: lineBuffered || isatty(1) != 0,
                              collectFindings: check, discardOutput: check)
        let pipeline = FilterPipeline(redactor: StreamRedactor(ruleSet: ruleSet, configuration: configuration), sink: sink)
        do {
            if try pipeline.run(inputs: files.isEmpty ? ["-"] : files) == .interrupted {
                // Write out the whole lines already redacted; exit with 128 + the signal number.
                try? sink.flush()
                ExitStatus.exit(SignalHandling.exitStatus)
            }
        } catch is OutputSink.Closed {
            ExitStatus.exit(0)
        }
        // A signal that arrives once the input is finished (the last partial line written) is too
        // late to change anything: the output is complete, and the command ends as it would have.
        // One that came with the end of input, before that, made the pipeline stop above (128 + N,
        // the partial line not written).
        let statistics = pipeline.redactor.statistics
        if stats { StatisticsReport.write(statistics) }
        if check {
            var report = CheckReport(format: format, rules: ruleSet.rules, toolVersion: Redact.version)
            for (file, finding) in pipeline.locatedFindings(namingInputs: !files.isEmpty) { report.add(finding, file: file) }
            report.write(statistics: statistics)
            if statistics.foundAnything { throw ExitCode(1) }
        }
        // Exit here rather than return: the rule set, the redactor and their buffers go with the
        // process (freeing them one by one costs about a millisecond of start-up-sized work and
        // changes nothing). The output was flushed by the pipeline.
        ExitStatus.exit(pipeline.failedInputs > 0 ? ExitStatus.failure : ExitStatus.success)
    }
}

extension ReportFormat: ExpressibleByArgument {}
