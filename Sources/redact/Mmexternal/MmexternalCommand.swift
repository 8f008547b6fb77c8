import ArgumentParser
import Redaction
import SystemPackage
import RedactionPipelines

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `redact mmexternal`: a message modification program for rsyslog's `mmexternal` module (see
/// ``MmexternalSession`` for the protocol and its guarantees).
struct MmexternalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mmexternal",
        abstract: "Redact rsyslog messages in place (rsyslog's mmexternal protocol).",
        discussion: """
            Reads one message per line on stdin and writes exactly one JSON reply per message on \
            stdout, flushed at once: {} when the message is unchanged, {"msg":"..."} with the \
            redacted text (or a [REDACTED:...] marker) otherwise. Nothing else is ever written to \
            stdout or stderr; diagnostics go to --log-file or nowhere. Key blocks logged one line \
            per message are tracked across messages, so run one instance.

            RSYSLOG:
              module(load="mmexternal")
              action(type="mmexternal" interface.input="msg" forceSingleInstance="on"
                binary="/usr/local/bin/redact mmexternal --log-file /var/log/redact.log")
            """)

    @Option(help: ArgumentHelp("What rsyslog sends (its interface.input): msg, rawmsg or fulljson.", valueName: "mode"))
    var input: MmexternalSession.Input = .msg

    @Option(name: .customLong("log-file"),
            help: ArgumentHelp("Append diagnostics (rule notices, engine warnings, errors) to this file. Default: none are kept.",
                               valueName: "path"),
            completion: .file())
    var logFile: String?

    @OptionGroup(title: "Rules")
    var ruleOptions: RuleOptions

    @OptionGroup(title: "Processing")
    var processing: ProcessingOptions

    @OptionGroup(title: "Echoes and known values")
    var values: ValueOptions

    func validate() throws {
        if processing.onError == .drop {
            throw ValidationError("--on-error drop is not offered by mmexternal: every message gets a reply (use mask or pass)")
        }
    }

    mutating func run() throws {
        Self.redirectDiagnostics(to: logFile)
        SignalHandling.install()
        var redactor: StreamRedactor?
        var configuration = processing.configuration
        do {
            let ruleSet = try ruleOptions.compile(limits: processing.limits)
            try values.apply(to: &configuration)
            redactor = StreamRedactor(ruleSet: ruleSet, configuration: configuration)
        } catch {
            // Fail closed: rsyslog passes the original message on when the program dies, so stay
            // up and answer every message with a marker until the configuration is fixed.
            StandardError.write("redact mmexternal: error: \(error); every message is replaced by a marker")
        }
        processing.warnAboutUnsafeChoices()
        let session = MmexternalSession(input: input, redactor: redactor,
                                        replies: OutputSink(descriptor: .standardOutput, lineBuffered: true),
                                        configuration: configuration)
        let status = session.run()
        if status != ExitStatus.success { throw ExitCode(status) }
    }

    /// Points file descriptor 2 at `path` (appending, created mode 0640) or at `/dev/null`, so no
    /// diagnostic (ours, the runtime's) reaches rsyslog, which reads the program's stderr too.
    /// When `path` cannot be opened, diagnostics are discarded: redaction goes on regardless.
    static func redirectDiagnostics(to path: String?) {
        var target: Int32 = -1
        if let path { target = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640) }
        if target < 0 { target = open("/dev/null", O_WRONLY | O_CLOEXEC) }
        guard target >= 0 else { return }
        dup2(target, 2)
        close(target)
    }
}

extension MmexternalSession.Input: ExpressibleByArgument {}
