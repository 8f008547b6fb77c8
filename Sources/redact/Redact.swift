import ArgumentParser
import Redaction
import RedactionPipelines

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `redact`: logs in, the same logs out with secrets masked.
///
/// Exit codes: 0 success; 1 findings under `--check`; 2 usage or rule errors (and I/O errors);
/// 128+N when ended by signal N after writing the lines already processed.
@main
struct Redact: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Mask secrets (tokens, passwords, Authorization headers, private keys) in logs.",
        discussion: """
            Reads logs from FILEs (or stdin), writes them to stdout with every secret replaced \
            by a placeholder. Lines, line endings and all other bytes are kept as they are.

            EXAMPLES:
              kubectl logs -f api-7d9 | redact
              printf 'GET /v1 Authorization: Bearer eyJhbGciOi...\\n' | redact
              redact --stats app.log > app.clean.log
              git log -p | redact --check
              redact -r our-gitleaks.toml --no-builtin < ci.log
              redact --replace '[REDACTED:{rule}]' < app.log
              REDACT_HASH_KEY=$(cat key) redact --replace '<{rule}:{hash}>' < app.log
              redact rules list
              redact follow /var/log/app/*.log
              redact --check --format sarif $(git ls-files) > redact.sarif
              redact mmexternal --log-file /var/log/redact.log   (as rsyslog's mmexternal program)

            EXIT STATUS:
              0  success (also when stdout is closed early, e.g. `| head`)
              1  --check found something that would be redacted
              2  usage error, invalid rule file or option, unreadable input, write error
              129/130/143  ended by SIGHUP/SIGINT/SIGTERM, after writing the whole lines already read
            """,
        version: version,
        subcommands: [FilterCommand.self, RulesCommand.self, FollowCommand.self, MmexternalCommand.self],
        defaultSubcommand: FilterCommand.self
    )

    /// Parses and runs, mapping every usage and rule error to exit status 2.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--help"] || arguments == ["-h"] {
            print(combinedHelp())
            ExitStatus.exit(0)
        }
        // The built-in packs decode on the second core while the arguments are parsed.
        BuiltinPacks.prepareInBackground()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            ExitStatus.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                ExitStatus.exit(0)
            }
            if code == .validationFailure {
                StandardError.write(fullMessage(for: error))
            } else {
                StandardError.write("redact: error: \(error)")
            }
            ExitStatus.exit(2)
        }
    }
}

extension Redact {
    /// `redact --help`: the overview and examples, then the options of the default `filter`
    /// command (what most users run), then the subcommands.
    static func combinedHelp() -> String {
        let root = helpMessage()
        let filter = helpMessage(for: FilterCommand.self)
        guard let usage = root.firstRange(of: "USAGE:"), let subcommands = root.firstRange(of: "SUBCOMMANDS:"),
              let options = filter.firstRange(of: "ARGUMENTS:")
        else { return root }
        return String(root[..<usage.lowerBound])
            + "USAGE: redact [<options>] [<files> ...]\n       redact <subcommand>\n\n"
            + String(filter[options.lowerBound...]).trimmingSuffixNewlines() + "\n\n"
            + String(root[subcommands.lowerBound...])
    }
}

extension String {
    func trimmingSuffixNewlines() -> String {
        var copy = self
        while copy.hasSuffix("\n") { copy.removeLast() }
        return copy
    }
}
