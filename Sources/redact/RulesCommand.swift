import ArgumentParser
import Redaction
import RedactionPipelines
import SystemPackage

/// `redact rules`: inspect and test rule packs.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the active rules, or test a rule pack's sample lines.",
        subcommands: [List.self, Test.self, Profile.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the rules that redaction would use (id, pack, description, keywords).",
            discussion: "Takes the same rule-selection options as redaction. --json prints a JSON array of objects with id, pack, description, regex, secretGroup, keywords, source and block (begin/end) fields. --all lists the rules that are off too (opt-in rules, --disable), with an ENABLED column (an \"enabled\" field in JSON).")

        @OptionGroup(title: "Rules")
        var ruleOptions: RuleOptions

        @Flag(help: "Print a JSON array instead of a table.")
        var json = false

        @Flag(help: "Also list the rules that are off (opt-in rules, --disable), with an ENABLED column.")
        var all = false

        mutating func run() throws {
            // The compiled set lists exactly what redaction would use (and fails when it would);
            // built once, so its notices print once. `--all` adds the assembled rules that are off.
            let (ruleSet, builder) = try ruleOptions.compileWithBuilder()
            let selected = ruleSet.rules
            let rules = all ? builder.assembledRules : selected
            let listing = RuleListing(rules: rules, enabled: all ? Set(selected.map(\.id)) : nil)
            if json {
                print(listing.json())
                return
            }
            print(listing.table())
            StandardError.write(all ? "redact: \(rules.count) rule(s), \(selected.count) enabled" : "redact: \(rules.count) rule(s)")
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run the sample lines (mustRedact, mustKeep) of rule packs.",
            discussion: """
                Each mustRedact sample must be caught by its rule alone, lose every secret when \
                redacted with the whole active rule set, and be stable when redacted twice. Each \
                mustKeep sample must pass through the whole active rule set unchanged. The FILEs' \
                rules are added to the active set (built-in packs unless --no-builtin). Without \
                FILEs, the built-in packs are tested. Exit 1 if any sample fails.
                """)

        @Argument(help: "Rule files or directories to test.", completion: .file(extensions: ["toml"]))
        var files: [String] = []

        @OptionGroup(title: "Rules")
        var ruleOptions: RuleOptions

        mutating func run() throws {
            var options = ruleOptions
            options.rules += files
            let ruleSet = try options.compile(builtinSamples: files.isEmpty)
            var tested: [RedactionRule] = []
            if files.isEmpty {
                tested = ruleSet.rules.filter { $0.source.file.hasPrefix("builtin:") }
            } else {
                var paths: Set<String> = []
                for file in files { paths.formUnion(try RuleFiles.expand(file)) }
                tested = ruleSet.rules.filter { paths.contains($0.source.file) }
            }
            let withoutKeywords = Set(ruleSet.rulesWithoutKeywords)
            for rule in tested where withoutKeywords.contains(rule.id) {
                print("WARN \(rule.source): rule '\(rule.id)': no keywords, so it runs on every line (slow); add the literals every match contains")
            }
            let checker = RuleSampleCheck(ruleSet: ruleSet)
            var failures = 0
            var samples = 0
            for rule in tested {
                samples += rule.mustRedact.count + rule.mustKeep.count
                for failure in try checker.check(rule) {
                    print("FAIL \(failure)")
                    failures += 1
                }
            }
            print("\(tested.count) rules, \(samples) samples: \(failures == 0 ? "all passed" : "\(failures) failure(s)")")
            if failures > 0 { throw ExitCode(1) }
        }
    }

    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "profile",
            abstract: "Show which rules cost time on sample logs (lines each rule ran on, lines it masked, its search time).",
            discussion: """
                Redacts the FILEs (or stdin) as the filter does, with the same rule and processing \
                options, discards the output, and prints the rules that ran, most search time \
                first: on how many lines each one's pattern was searched (its keyword occurred, or \
                it has none), on how many it found something to mask, and the time of those \
                searches (values decoded from a line count as lines). The first line sums up the \
                run; every pattern is compiled before it, and that time is shown apart. Times are wall-clock and vary between runs: compare rules within one run. \
                A rule that runs on many lines and masks few needs a more specific keyword. \
                No content is printed.
                """)

        @Argument(help: "Sample log files. Without files, or with '-', reads stdin.", completion: .file())
        var files: [String] = []

        @OptionGroup(title: "Rules")
        var ruleOptions: RuleOptions

        @OptionGroup(title: "Processing")
        var processing: ProcessingOptions

        @Option(help: "How many rules the table shows.")
        var top = 25

        @Flag(help: "Print one JSON object (every rule that ran) instead of the table.")
        var json = false

        func validate() throws {
            if top < 0 { throw ValidationError("--top must be 0 or more") }
        }

        mutating func run() throws {
            SignalHandling.install()
            let ruleSet = try ruleOptions.compile(limits: processing.limits)
            // Every pattern is compiled and JIT-compiled first (redaction does it on a rule's
            // first candidate line), so the table shows search time only.
            let compileStart = MonotonicClock.now()
            ruleSet.compileAllJIT()
            let compileSeconds = MonotonicClock.now() - compileStart
            let scratch = ruleSet.makeScratch()
            let profile = RuleProfile(for: ruleSet)
            scratch.profile = profile
            let redactor = StreamRedactor(ruleSet: ruleSet, configuration: processing.configuration, scratch: scratch)
            let pipeline = FilterPipeline(redactor: redactor,
                                          sink: OutputSink(descriptor: .standardOutput, lineBuffered: false, discardOutput: true))
            let start = MonotonicClock.now()
            if try pipeline.run(inputs: files.isEmpty ? ["-"] : files) == .interrupted {
                ExitStatus.exit(SignalHandling.exitStatus)
            }
            let report = RuleProfileReport(profile: profile, ruleSet: ruleSet, statistics: redactor.statistics,
                                           seconds: MonotonicClock.now() - start, compileSeconds: compileSeconds)
            print(json ? report.json() : report.table(top: top))
            if pipeline.failedInputs > 0 { throw ExitCode(ExitStatus.failure) }
        }
    }
}
