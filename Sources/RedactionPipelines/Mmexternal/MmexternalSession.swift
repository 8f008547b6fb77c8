package import Redaction
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// rsyslog's `mmexternal` protocol on stdin/stdout: one message per input line, exactly one JSON
/// reply line per message, written and flushed before the next message is read.
///
/// Replies: `{}` when the message is unchanged (rsyslog keeps it byte for byte), otherwise
/// `{"msg":"..."}` (`{"rawmsg":"..."}` for ``Input/rawmsg``) with the redacted text, which is
/// also how markers are sent: a line over `--max-line-bytes`, an engine error, a `fulljson` line
/// that is not a JSON object, or rules that failed to load all give a marker reply, never the
/// original (fail closed). No message is ever dropped or left without a reply.
///
/// Messages go through ONE ``StreamRedactor``, so a key block logged one line per record is
/// tracked across messages (rsyslog must run a single instance: `forceSingleInstance="on"`).
///
/// Nothing but replies is written to stdout; diagnostics go to stderr, which the command points
/// at `--log-file` or `/dev/null` before anything else runs (rsyslog reads both streams).
///
/// Not thread-safe: one session per process, driven by ``run()``.
package final class MmexternalSession {
    /// What rsyslog sends (`interface.input`).
    package enum Input: String, CaseIterable, Sendable {
        /// The MSG part, as plain text (rsyslog's default).
        case msg
        /// The raw message as received, as plain text.
        case rawmsg
        /// The whole message as one JSON object; its `msg` member is redacted.
        case fulljson
    }

    static let invalidJSONMarker = Array("[REDACTED:invalid-json]".utf8)
    static let configurationErrorMarker = Array("[REDACTED:configuration-error]".utf8)

    private let input: Input
    /// Nil when the rules could not be loaded: every message is answered with a marker.
    private let redactor: StreamRedactor?
    private let replies: OutputSink
    private let replyKey: [UInt8]
    private let lineTooLongMarker: [UInt8]
    /// A bounded copy of the current message (the input line without its newline).
    private var message: [UInt8] = []
    /// The current message is longer than ``messageLimit`` (its copy is incomplete).
    private var messageOverflow = false
    private let messageLimit: Int
    /// Redacted output of the current message.
    private var redacted = ByteArraySink()
    /// The decoded `msg` member (`fulljson`).
    private var decoded: [UInt8] = []
    private var reply: [UInt8] = []
    private var warnings = EngineWarnings()
    private var messages = 0

    /// - Parameters:
    ///   - redactor: the stream every message goes through, or nil to mask every message.
    ///   - replies: stdout; flushed after every reply.
    package init(input: Input, redactor: StreamRedactor?, replies: OutputSink, configuration: RedactionConfiguration) {
        self.input = input
        self.redactor = redactor
        self.replies = replies
        replyKey = Array((input == .rawmsg ? "rawmsg" : "msg").utf8)
        lineTooLongMarker = Array(configuration.lineTooLongMarker.utf8)
        // A `fulljson` line carries escapes and other members: allow for the worst case of a
        // `msg` of `maxLineBytes` bytes, all escaped as `\u00XX`, plus 64 KiB of other members.
        messageLimit = input == .fulljson ? configuration.maxLineBytes * 6 + (64 << 10) : configuration.maxLineBytes + 1
    }

    /// Answers messages until end of input (exit status 0), a closed stdout (0), a terminating
    /// signal (128 + N), or a read error (2).
    package func run() -> Int32 {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { chunk.deallocate() }
        do {
            while true {
                if SignalHandling.shouldTerminate { return SignalHandling.exitStatus }
                let count: Int
                do {
                    count = try FileDescriptor.standardInput.read(into: chunk, retryOnInterrupt: false)
                } catch Errno.interrupted {
                    if SignalHandling.shouldTerminate { return SignalHandling.exitStatus }
                    continue
                } catch {
                    StandardError.write("redact mmexternal: error: stdin: read failed: \(error)")
                    return ExitStatus.failure
                }
                if count == 0 {
                    // rsyslog ends every message with a newline; a last line without one still
                    // gets its reply.
                    if !message.isEmpty || messageOverflow { try answer(final: true) }
                    return SignalHandling.shouldTerminate ? SignalHandling.exitStatus : ExitStatus.success
                }
                try consume(UnsafeRawBufferPointer(rebasing: chunk[..<count]))
            }
        } catch is OutputSink.Closed {
            return ExitStatus.success  // rsyslog closed the pipe: it is stopping us
        } catch {
            StandardError.write("redact mmexternal: error: \(error)")
            return ExitStatus.failure
        }
    }

    /// Splits `chunk` into messages, answering each complete one.
    private func consume(_ chunk: UnsafeRawBufferPointer) throws {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        while start < chunk.count {
            // SAFETY: `start < chunk.count`, so `base + start` and the `chunk.count - start` bytes
            // after it lie inside `chunk`, which the caller keeps alive for this call.
            let newline = memchr(base + start, 0x0A, chunk.count - start)
            let end = newline.map { base.distance(to: UnsafeRawPointer($0)) } ?? chunk.count
            let piece = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
            keep(piece)
            if input != .fulljson, let redactor {
                // Plain text messages stream through the redactor as they arrive, so a line over
                // the limit is handled (and counted) by the engine itself.
                try redactor.feed(UnsafeRawBufferPointer(rebasing: chunk[start..<min(end + 1, chunk.count)]), into: &redacted)
            }
            guard newline != nil else { return }
            try answer(final: false)
            start = end + 1
        }
    }

    /// Adds `piece` to the bounded copy of the current message.
    private func keep(_ piece: UnsafeRawBufferPointer) {
        guard !messageOverflow else { return }
        if message.count + piece.count > messageLimit {
            messageOverflow = true
            message.removeAll(keepingCapacity: false)
        } else {
            message.append(contentsOf: piece)
        }
    }

    /// Writes the reply for the current message and resets for the next one.
    private func answer(final: Bool) throws {
        messages += 1
        defer {
            message.removeAll(keepingCapacity: message.capacity <= 1 << 20)
            messageOverflow = false
            redacted.bytes.removeAll(keepingCapacity: true)
        }
        guard let redactor else { return try send(Self.configurationErrorMarker) }
        switch input {
        case .msg, .rawmsg:
            if final { try redactor.finish(into: &redacted) }
            if redacted.bytes.last == 0x0A { redacted.bytes.removeLast() }
            if messageOverflow || redacted.bytes != message { try send(redacted.bytes) } else { try sendUnchanged() }
        case .fulljson:
            try answerJSON(redactor)
        }
        warnings.check(redactor, input: "stdin")
    }

    private func answerJSON(_ redactor: StreamRedactor) throws {
        if messageOverflow { return try send(lineTooLongMarker) }
        let member: JSONObjectMembers.Value?
        do {
            member = try message.withUnsafeBytes { try JSONObjectMembers.find(Array("msg".utf8), in: $0) }
        } catch {
            StandardError.write("redact mmexternal: warning: message \(messages): \(error); replied with a marker")
            return try send(Self.invalidJSONMarker)
        }
        guard case .string(let range) = member else { return try sendUnchanged() }
        decoded.removeAll(keepingCapacity: true)
        // `find` checked the literal, so decoding its body cannot fail.
        try message.withUnsafeBytes { try JSONStringCodec.decode(UnsafeRawBufferPointer(rebasing: $0[(range.lowerBound + 1)..<(range.upperBound - 1)]), into: &decoded) }
        decoded.append(0x0A)
        try decoded.withUnsafeBytes { try redactor.feed($0, into: &redacted) }
        decoded.removeLast()
        if redacted.bytes.last == 0x0A { redacted.bytes.removeLast() }
        if redacted.bytes != decoded { try send(redacted.bytes) } else { try sendUnchanged() }
    }

    private func sendUnchanged() throws {
        try Self.replyEmpty.withUnsafeBytes { try replies.write($0) }
        try replies.flush()
    }

    /// Sends `{"KEY":"TEXT"}`.
    private func send(_ text: [UInt8]) throws {
        reply.removeAll(keepingCapacity: true)
        reply.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "\"")])
        reply.append(contentsOf: replyKey)
        reply.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        text.withUnsafeBytes { JSONStringCodec.encode($0, into: &reply) }
        reply.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        try reply.withUnsafeBytes { try replies.write($0) }
        try replies.flush()
    }

    private static let replyEmpty = Array("{}\n".utf8)
}
