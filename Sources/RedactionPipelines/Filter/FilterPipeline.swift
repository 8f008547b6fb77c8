package import Redaction
import SystemPackage

/// The pipe, `redact [FILE...]`: the inputs, joined as `cat` joins them, go through ONE
/// ``StreamRedactor`` into an ``OutputSink``, so a key block or a line left open at the end of one
/// file goes on in the next and no line escapes a rule by being split across files.
///
/// Contract: ``run(inputs:)`` once. An input that cannot be opened or read is reported on stderr
/// (naming it, never content) and counted in ``failedInputs``; the other inputs go on. Findings
/// collected by the sink map back to their input with ``locatedFindings(namingInputs:)``.
/// Not thread-safe: one pipeline per process (it reads ``SignalHandling``'s flags).
package final class FilterPipeline {
    /// How ``run(inputs:)`` ended.
    package enum Outcome {
        /// Every input was read and the stream finished and flushed.
        case finished
        /// A terminating signal arrived: the stream was NOT finished (its unfinished last line may
        /// be the first half of a secret); the caller flushes the whole lines and exits.
        case interrupted
    }

    package let redactor: StreamRedactor
    package let sink: OutputSink
    /// Inputs that could not be opened or read to their end.
    package private(set) var failedInputs = 0
    private var boundaries = InputBoundaries()
    private var warnings = EngineWarnings()

    package init(redactor: StreamRedactor, sink: OutputSink) {
        self.redactor = redactor
        self.sink = sink
    }

    /// Redacts `inputs` (paths; `-` is stdin) in order as one stream, then finishes it and flushes.
    /// - Throws: ``OutputSink/Closed`` and ``OutputSink/WriteFailed`` from the output.
    package func run(inputs: [String]) throws -> Outcome {
        var sink = self.sink
        for input in inputs {
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
            switch try pump(descriptor, name: input, into: &sink) {
            case .finished: continue
            case .readError: failedInputs += 1
            case .interrupted: return .interrupted
            }
        }
        // A signal that came with the end of input still ends the command as a signal does.
        if SignalHandling.shouldTerminate { return .interrupted }
        try redactor.finish(into: &sink)
        warnings.check(redactor, input: inputs.last ?? "-")
        try sink.flush()
        return .finished
    }

    /// The sink's findings with their positions inside the input that holds them; `file` is the
    /// input's name when `namingInputs`, else nil (stdin alone).
    package func locatedFindings(namingInputs: Bool) -> [(file: String?, finding: RedactionFinding)] {
        sink.findings.map { finding in
            var located = finding
            guard let position = boundaries.locate(line: finding.line, column: finding.column) else { return (nil, located) }
            located.line = position.line
            located.column = position.column
            return (namingInputs ? position.name : nil, located)
        }
    }

    private enum PumpOutcome { case finished, interrupted, readError }

    /// Reads `descriptor` to its end through the redactor into `sink`, leaving the stream open.
    /// Read errors are reported here (naming the input) and return `.readError`.
    private func pump(_ descriptor: FileDescriptor, name: String, into sink: inout OutputSink) throws -> PumpOutcome {
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
