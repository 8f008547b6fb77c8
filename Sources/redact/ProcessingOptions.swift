public import ArgumentParser
import Redaction

/// Line handling and engine limits, shared by the pipe and `follow`.
struct ProcessingOptions: ParsableArguments {
    @Option(name: .customLong("max-line-bytes"),
            help: "Lines longer than this are replaced by one marker line (fail closed); memory stays bounded by it.")
    var maxLineBytes: Int = 1 << 20

    @Option(name: .customLong("on-error"),
            help: "What happens to a line the regex engine fails on: mask (replace it by a marker), drop it, or pass it unscanned.")
    var onError: EngineErrorPolicy = .mask

    @Option(name: .customLong("match-limit"), help: ArgumentHelp("PCRE2 match limit per start position.", visibility: .hidden))
    var matchLimit: UInt32 = MatchLimits.default.matchLimit

    @Option(name: .customLong("read-size"), help: ArgumentHelp("Bytes per read (testing).", visibility: .hidden))
    var readSize: Int = 64 * 1024

    func validate() throws {
        guard maxLineBytes >= 1 else { throw ValidationError("--max-line-bytes must be at least 1") }
        guard readSize >= 1 else { throw ValidationError("--read-size must be at least 1") }
    }

    var configuration: RedactionConfiguration {
        RedactionConfiguration(maxLineBytes: maxLineBytes, readSize: readSize, onError: onError)
    }

    var limits: MatchLimits {
        var limits = MatchLimits.default
        limits.matchLimit = matchLimit
        return limits
    }

    func warnAboutUnsafeChoices() {
        if onError == .pass {
            StandardError.write("redact: warning: --on-error pass lets lines the engine failed on through unscanned")
        }
    }
}

extension EngineErrorPolicy: ExpressibleByArgument {}
