/// CRI partial records: containerd and CRI-O split a long container line into records tagged `P`
/// and a last one tagged `F` (``CRIRecord``). A secret may straddle the split, so a run of
/// consecutive records of one stream, partial ones up to the final one, is scanned as one joined
/// line; each record keeps its own line (prefix, terminator) and gets the spans that fall in its
/// part of the message.
///
/// A run whose final record has not arrived yet is left unconsumed, so the stream reads more and
/// comes back to it (unless the run is already half the line limit long, or the input ended: then
/// what is there is scanned as the run). A run ends early at a record of another stream or at
/// ``maximumCRIRunRecords``; a record of another stream in between is handled on its own.
extension LineRedactor {
    /// The most records joined into one run.
    static let maximumCRIRunRecords = 64

    /// Handles the run of CRI records that starts with the partial record at `first`.
    /// - Returns: nil when `first` is not a CRI partial record (the caller handles the line as
    ///   usual); otherwise where the next line starts, or `first.start` with `cursor.stopAt` set
    ///   when the run must wait for more input.
    mutating func handleCRIRun<S: RedactionSink>(_ first: LineBounds, in region: UnsafeRawBufferPointer,
                                                  _ cursor: inout LineCursor, _ sink: inout S) throws -> Int? {
        guard configuration.recordFormat.readsCRI else { return nil }
        let firstContent = UnsafeRawBufferPointer(rebasing: region[first.start..<first.contentEnd])
        guard firstContent.count <= configuration.maxLineBytes, let record = CRIRecord.parse(firstContent),
              record.isPartial else { return nil }
        let stream = UnsafeRawBufferPointer(rebasing: firstContent[record.stream])

        // The run: this record and the following records of the same stream, up to a final one.
        var run: [(bounds: LineBounds, messageStart: Int)] = [(first, record.messageStart)]
        var complete = false
        var ranOut = false
        var bounds = first
        while run.count < Self.maximumCRIRunRecords {
            guard bounds.terminatorEnd < region.count else { ranOut = true; break }
            let next = line(at: bounds.terminatorEnd, in: region)
            let content = UnsafeRawBufferPointer(rebasing: region[next.start..<next.contentEnd])
            guard let nextRecord = CRIRecord.parse(content),
                  UnsafeRawBufferPointer(rebasing: content[nextRecord.stream]).elementsEqual(stream) else { break }
            run.append((next, nextRecord.messageStart))
            bounds = next
            if !nextRecord.isPartial { complete = true; break }
        }
        if !complete && ranOut && !cursor.isFinal && region.count - first.start <= configuration.maxLineBytes / 2 {
            cursor.stopAt = first.start
            return first.start
        }

        // The joined message, and where each record's part starts in it.
        var joined: [UInt8] = []
        var segments: [Int] = []
        for part in run {
            segments.append(joined.count)
            joined.append(contentsOf: UnsafeRawBufferPointer(
                rebasing: region[(part.bounds.start + part.messageStart)..<part.bounds.contentEnd]))
        }
        segments.append(joined.count)
        scratch.customReplacements.removeAll(keepingCapacity: true)
        let action = joined.withUnsafeBytes { text in firstPassRecord(text, hits: nil) ?? firstPassText(text, hits: nil) }
        let joinedSpans = action == .rendered ? scratch.spans : []
        for (index, part) in run.enumerated() {
            lineNumber += 1
            counts.lines += 1
            let content = UnsafeRawBufferPointer(rebasing: region[part.bounds.start..<part.bounds.contentEnd])
            var lineAction = action
            if action == .rendered {
                // This record's share of the spans, moved to positions in its own line.
                let segment = segments[index]..<segments[index + 1]
                scratch.spans.removeAll(keepingCapacity: true)
                for span in joinedSpans where span.start < segment.upperBound && span.end > segment.lowerBound {
                    var share = span
                    share.start = max(span.start, segment.lowerBound) - segment.lowerBound + part.messageStart
                    share.end = min(span.end, segment.upperBound) - segment.lowerBound + part.messageStart
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
