public import ArgumentParser
import Redaction
import RedactionPipelines

/// Line handling and engine limits, shared by the pipe and `follow`.
///
/// Sizes accept `1MiB`-style values (see ``ByteSize``); out-of-range values are usage errors
/// (exit 2), so no size can overflow the engine's buffer arithmetic.
struct ProcessingOptions: ParsableArguments {
    /// The largest `--max-line-bytes`: memory is bounded by it, so it stays far from `Int.max`.
    static let maxLineBytesRange = 1...(1 << 30)
    /// The largest `--read-size`.
    static let readSizeRange = 1...(16 << 20)

    @Option(name: .customLong("max-line-bytes"),
            help: ArgumentHelp("Lines longer than this (bytes; 64KiB, 1MiB, ... up to 1GiB) are replaced by one marker line (fail closed); memory stays bounded by it.",
                               valueName: "size"))
    var maxLineBytes = ByteSize(bytes: 1 << 20)

    @Option(name: .customLong("on-error"),
            help: "What happens to a line the regex engine fails on: mask (replace it by a marker), drop it, or pass it unscanned.")
    var onError: EngineErrorPolicy = .mask

    @Option(name: .customLong("parse"),
            help: ArgumentHelp("How lines are read before scanning: auto (JSON, Docker json-file, journald and CRI records recognised by their shape), text, json, docker, cri or journald.",
                               valueName: "format"))
    var recordFormat: RecordFormat = .auto

    @Option(name: .customLong("match-limit"), help: ArgumentHelp("PCRE2 match limit per start position.", visibility: .hidden))
    var matchLimit: UInt32 = MatchLimits.default.matchLimit

    @Option(name: .customLong("read-size"), help: ArgumentHelp("Bytes per read (testing; up to 16MiB).", visibility: .hidden))
    var readSize = ByteSize(bytes: 64 * 1024)

    func validate() throws {
        guard Self.maxLineBytesRange.contains(maxLineBytes.bytes) else {
            throw ValidationError("--max-line-bytes must be between 1 and \(ByteSize(bytes: Self.maxLineBytesRange.upperBound))")
        }
        guard Self.readSizeRange.contains(readSize.bytes) else {
            throw ValidationError("--read-size must be between 1 and \(ByteSize(bytes: Self.readSizeRange.upperBound))")
        }
    }

    var configuration: RedactionConfiguration {
        var configuration = RedactionConfiguration(maxLineBytes: maxLineBytes.bytes, readSize: readSize.bytes, onError: onError)
        configuration.recordFormat = recordFormat
        return configuration
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
extension RecordFormat: ExpressibleByArgument {}
