extension CompiledRuleSet {
    /// Literals that mark a line as worth decoding (percent-encoding, base64 in credential
    /// contexts, ...): they make the keyword search look at the line even when no rule keyword
    /// occurs in it. Empty until the decoders land.
    static let decoderTriggers: [String] = []

    /// Appends to `scratch.spans` the regions of `line` that hide a secret behind an encoding
    /// (positions in `line`; `scratch.spans` is merged and cleaned of placeholders afterwards by
    /// the caller). Runs after the rules, on every scanned line.
    ///
    /// - Returns: the PCRE2 error that stopped the search, if any (the caller fails closed).
    func findEncodedSecrets(in line: UnsafeRawBufferPointer, _ scratch: ScanScratch) -> PCRE2Error? {
        nil
    }
}
