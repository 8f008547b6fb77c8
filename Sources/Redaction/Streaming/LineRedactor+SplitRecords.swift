/// Split records: a container runtime splits a long line into several records. containerd and
/// CRI-O tag them `P` (partial) up to a last one tagged `F` (``CRIRecord``); Docker's json-file
/// driver writes 16 KiB `log` strings without the line's newline up to a last one with it
/// (``DockerRecord``). A secret may straddle the split, so a run of consecutive records of one
/// stream, partial ones up to the final one, is scanned as one joined line (a Docker run's `log`
/// strings decoded first); each record keeps its own line (prefix, terminator, the rest of its
/// JSON) and gets the spans that fall in its part of the message, written escaped in a JSON string.
///
/// A run whose final record has not arrived yet is left unconsumed, so the stream reads more and
/// comes back to it (unless the run is already half the line limit long, or the input ended: then
/// what is there is scanned as the run). A run ends early at a record of another stream or at
/// ``maximumSplitRunRecords``; a record of another stream in between is handled on its own.
///
/// The keyword search decides which lines are looked at: a run is found from a record that holds
/// a keyword (every CRI partial record does, by the ``CompiledRuleSet/recordTriggers``; a Docker
/// one only by its text), and goes on from there. A Docker run whose keyword itself is cut by the
/// split, with no other keyword in the records before the secret, is not found.
extension LineRedactor {
    /// The most records joined into one run.
    static let maximumSplitRunRecords = 64

    /// One record of a run: its line and where its share of the message is.
    private struct SplitPart {
        var bounds: LineBounds
        /// The message's bytes in the line (absolute positions in the region).
        var message: Range<Int>
        /// Whether the message is JSON string content (decoded before joining, written escaped).
        var escaped: Bool
    }

    /// How one format's records are read: the stream, whether the record is partial, the message.
    private enum SplitFormat {
        case cri, docker

        /// What a record says of its share of the line: its stream, whether it is partial, its
        /// message and whether that is JSON-escaped (ranges in the record's line).
        typealias Fields = (stream: Range<Int>, isPartial: Bool, message: Range<Int>, escaped: Bool)

        /// The ``Fields`` of `content`; nil when the line is not a record of this format.
        func read(_ content: UnsafeRawBufferPointer, entries: inout [JSONRecordEntry]) -> Fields? {
            switch self {
            case .cri:
                guard let record = CRIRecord.parse(content) else { return nil }
                return (record.stream, record.isPartial, record.messageStart..<content.count, false)
            case .docker:
                guard let record = DockerRecord.parse(content, entries: &entries) else { return nil }
                return (record.stream, record.isPartial, record.message, true)
            }
        }
    }

    /// Handles the run of split records that starts with the partial record at `first`.
    /// - Returns: nil when `first` is not a partial record (or, for Docker, a partial record that
    ///   no continuation follows: the caller handles the line as usual); otherwise where the next
    ///   line starts, or `first.start` with `cursor.stopAt` set when the run must wait for more input.
    mutating func handleSplitRecordRun<S: RedactionSink>(_ first: LineBounds, in region: UnsafeRawBufferPointer,
                                                         _ cursor: inout LineCursor, _ sink: inout S) throws -> Int? {
        let firstContent = UnsafeRawBufferPointer(rebasing: region[first.start..<first.contentEnd])
        guard firstContent.count <= configuration.maxLineBytes else { return nil }
        let format = configuration.recordFormat
        var entries: [JSONRecordEntry] = []
        swap(&entries, &scratch.splitRecordEntries)
        defer { swap(&entries, &scratch.splitRecordEntries) }
        let kind: SplitFormat
        let firstRecord: SplitFormat.Fields
        if format.readsCRI, let record = SplitFormat.cri.read(firstContent, entries: &entries) {
            guard record.isPartial else { return nil }
            (kind, firstRecord) = (.cri, record)
        } else if format == .auto || format == .docker, DockerRecord.mayStartRun(firstContent),
                  let record = SplitFormat.docker.read(firstContent, entries: &entries), record.isPartial {
            (kind, firstRecord) = (.docker, record)
        } else {
            return nil
        }

        // The run: this record and the following records of the same stream, up to a final one;
        // their messages decoded and joined, with each decoded byte's offset in its message.
        var run: [SplitPart] = []
        var joined: [UInt8] = []
        var sources: [Int32] = []
        var segments: [Int] = [0]
        var stream: Range<Int> = 0..<0  // in the first record's line
        var complete = false
        var ranOut = false
        var bounds = first
        while run.count < Self.maximumSplitRunRecords {
            let content = UnsafeRawBufferPointer(rebasing: region[bounds.start..<bounds.contentEnd])
            // (the first record was read above: a Docker line is parsed once)
            guard let record = run.isEmpty ? firstRecord : kind.read(content, entries: &entries) else { break }
            if run.isEmpty {
                stream = (first.start + record.stream.lowerBound)..<(first.start + record.stream.upperBound)
            } else if !UnsafeRawBufferPointer(rebasing: content[record.stream])
                        .elementsEqual(UnsafeRawBufferPointer(rebasing: region[stream])) {
                break
            }
            let message = UnsafeRawBufferPointer(rebasing: content[record.message])
            if record.escaped {
                do { try JSONStringCodec.decode(message, into: &joined, sources: &sources) } catch {
                    // (The parser has validated the string; a decoding failure ends the run before it.)
                    joined.removeSubrange(segments[segments.count - 1]...)
                    sources.removeSubrange(segments[segments.count - 1]...)
                    break
                }
            } else {
                joined.append(contentsOf: message)
                for offset in 0..<message.count { sources.append(Int32(offset)) }
            }
            segments.append(joined.count)
            run.append(SplitPart(bounds: bounds,
                                 message: (bounds.start + record.message.lowerBound)..<(bounds.start + record.message.upperBound),
                                 escaped: record.escaped))
            if !record.isPartial { complete = true; break }
            guard bounds.terminatorEnd < region.count else { ranOut = true; break }
            bounds = line(at: bounds.terminatorEnd, in: region)
        }
        guard !run.isEmpty else { return nil }
        if !complete && ranOut && !cursor.isFinal && region.count - first.start <= configuration.maxLineBytes / 2 {
            cursor.stopAt = first.start
            return first.start
        }
        // A Docker record that nothing continues is an ordinary record (the record layer reads it).
        if kind == .docker && run.count == 1 { return nil }

        // The joined line: a Docker run's last `log` ends with the line's newline, not part of it.
        var length = joined.count
        if kind == .docker && length > 0 && joined[length - 1] == 0x0A { length -= 1 }
        if kind == .docker && length > 0 && joined[length - 1] == 0x0D { length -= 1 }
        scratch.customReplacements.removeAll(keepingCapacity: true)
        let action = joined.withUnsafeBytes {
            let text = UnsafeRawBufferPointer(rebasing: $0[0..<length])
            return applyValues(text, hits: nil, lineStart: 0, firstPassRecord(text, hits: nil) ?? firstPassText(text, hits: nil))
        }
        let joinedSpans = action == .rendered ? scratch.spans : []
        for (index, part) in run.enumerated() {
            lineNumber += 1
            counts.lines += 1
            let content = UnsafeRawBufferPointer(rebasing: region[part.bounds.start..<part.bounds.contentEnd])
            var lineAction = action
            if action == .rendered {
                // This record's share of the spans, moved to positions in its own line.
                let segment = segments[index]..<segments[index + 1]
                let messageStart = part.message.lowerBound - part.bounds.start
                scratch.spans.removeAll(keepingCapacity: true)
                for span in joinedSpans where span.start < segment.upperBound && span.end > segment.lowerBound {
                    let start = max(span.start, segment.lowerBound)
                    let end = min(span.end, segment.upperBound)
                    var share = span
                    share.start = messageStart + Int(sources[start])
                    share.end = end == segment.upperBound ? part.message.upperBound - part.bounds.start
                                                          : messageStart + Int(sources[end])
                    share.escapesJSON = span.escapesJSON || part.escaped
                    scratch.spans.append(share)
                }
                if scratch.spans.isEmpty {
                    lineAction = .keep
                } else {
                    if sink.wantsFindings {
                        scratch.findingSpans.removeAll(keepingCapacity: true)
                        scratch.findingSpans.append(contentsOf: scratch.spans)
                    }
                    lineAction = settle(content)
                }
            }
            try apply(lineAction, to: part.bounds, in: region, &cursor, &sink)
        }
        return run[run.count - 1].bounds.terminatorEnd
    }
}
