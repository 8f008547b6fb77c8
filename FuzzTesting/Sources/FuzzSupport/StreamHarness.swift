public import Redaction

/// Runs bytes through a ``StreamRedactor`` the way the `redact` CLI does.
public enum StreamHarness {
    /// Redacts `input` in one feed, then finishes the stream.
    public static func redact(_ input: [UInt8], with set: CompiledRuleSet,
                              configuration: RedactionConfiguration = RedactionConfiguration()) -> [UInt8] {
        let redactor = StreamRedactor(ruleSet: set, configuration: configuration)
        var sink = ByteArraySink()
        input.withUnsafeBytes { bytes in
            // ByteArraySink never throws.
            try! redactor.feed(bytes, into: &sink)
            try! redactor.finish(into: &sink)
        }
        return sink.bytes
    }

    /// Redacts `input` in pieces whose sizes `generator` draws: alternately through
    /// ``StreamRedactor/feed(_:into:)`` and through the CLI's read path
    /// (``StreamRedactor/fillWithUnsafeFreeSpace(_:)`` filling a drawn prefix of the free space,
    /// then ``StreamRedactor/process(into:)``).
    public static func redactInChunks(_ input: [UInt8], with set: CompiledRuleSet,
                                      configuration: RedactionConfiguration,
                                      generator: inout SplitMix64) -> [UInt8] {
        let redactor = StreamRedactor(ruleSet: set, configuration: configuration)
        var sink = ByteArraySink()
        let largest = [1, 3, 17, 64, 700, 5000][Int.random(in: 0..<6, using: &generator)]
        input.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let wanted = Int.random(in: 1...largest, using: &generator)
                if Bool.random(using: &generator) {
                    let end = min(bytes.count, offset + wanted)
                    try! redactor.feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), into: &sink)
                    offset = end
                } else {
                    let copied = redactor.fillWithUnsafeFreeSpace { free in
                        let count = min(free.count, wanted, bytes.count - offset)
                        free.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
                        return count
                    }
                    offset += copied
                    try! redactor.process(into: &sink)
                }
            }
            try! redactor.finish(into: &sink)
        }
        return sink.bytes
    }
}
