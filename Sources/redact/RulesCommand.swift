import ArgumentParser
import Redaction
import RedactionPipelines

/// `redact rules`: inspect and test rule packs.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the active rules, or test a rule pack's sample lines.",
        subcommands: [List.self, Test.self])

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
}
