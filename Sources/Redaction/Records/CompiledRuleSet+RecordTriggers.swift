extension CompiledRuleSet {
    /// Literals that make the keyword search look at a line for the record layer: the usual
    /// sensitive key names as they end inside a JSON key (closing quote included), so a record
    /// whose only secret is a value under such a key is not skipped; a journald byte-array
    /// `MESSAGE` (its text is digits, so no keyword shows); an escaped URL scheme (`:\/\/`); and
    /// a CRI partial record (its secret may straddle the split).
    static let recordTriggers: [String] = [
        "password\"", "passwd\"", "pwd\"", "passphrase\"", "secret\"", "token\"", "apikey\"", "api_key\"", "api-key\"",
        "authorization\"", "cookie\"", "session_id\"", "sessionid\"", "private_key\"", "privatekey\"", "credential\"",
        "credentials\"", "secret_key\"", "secretkey\"",
        "\"message\":[", ":\\/\\/",
        " stdout p ", " stderr p ",
    ]
}
