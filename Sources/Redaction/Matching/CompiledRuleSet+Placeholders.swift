extension CompiledRuleSet {
    /// Cuts every placeholder this rule set can render (and the engine's markers) out of the
    /// spans in `scratch.spans`, so text the redactor wrote is never redacted again.
    ///
    /// A span that lies inside a placeholder disappears; a span that covers a placeholder and more
    /// keeps only the parts outside it (those are masked on their own). `scratch.spans` must be
    /// sorted and merged (``mergeSpans(_:)``); it stays so. Runs a search only on lines that have
    /// spans, so clean lines pay nothing.
    ///
    /// - Returns: the PCRE2 error that stopped the search, if any; the caller must fail closed.
    func subtractPlaceholders(in line: UnsafeRawBufferPointer, _ scratch: ScanScratch) -> PCRE2Error? {
        guard let search = placeholderSearch, !scratch.spans.isEmpty else { return nil }
        scratch.placeholders.removeAll(keepingCapacity: true)
        var offset = 0
        while offset < line.count {
            let rc = scratch.match.match(search, line, from: offset)
            if rc == 0 { break }
            if rc < 0 { return PCRE2Error(code: rc) }
            guard let found = scratch.match.groupRange(0) else { break }
            if found.isEmpty { offset = found.upperBound + 1; continue }
            scratch.placeholders.append(found)
            offset = found.upperBound
        }
        guard !scratch.placeholders.isEmpty else { return nil }
        scratch.spanBuffer.removeAll(keepingCapacity: true)
        var next = 0  // first placeholder that may still overlap the current or a later span
        for span in scratch.spans {
            if span.custom >= 0 {  // written again whole (a record value in its own form)
                scratch.spanBuffer.append(span)
                continue
            }
            var start = span.start
            while next < scratch.placeholders.count && scratch.placeholders[next].upperBound <= start { next += 1 }
            var index = next
            while start < span.end {
                guard index < scratch.placeholders.count, scratch.placeholders[index].lowerBound < span.end else {
                    scratch.spanBuffer.append(RedactionSpan(start: start, end: span.end, rule: span.rule, kind: span.kind,
                                                            escapesJSON: span.escapesJSON))
                    break
                }
                let placeholder = scratch.placeholders[index]
                if placeholder.lowerBound > start {
                    scratch.spanBuffer.append(RedactionSpan(start: start, end: placeholder.lowerBound,
                                                            rule: span.rule, kind: span.kind, escapesJSON: span.escapesJSON))
                }
                start = max(start, placeholder.upperBound)
                index += 1
            }
        }
        swap(&scratch.spans, &scratch.spanBuffer)
        return nil
    }
}
