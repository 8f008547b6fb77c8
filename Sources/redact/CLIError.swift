/// A user-facing error: printed as `redact: error: MESSAGE`, exit status 2.
/// Messages name files, rule ids and offsets; never log content.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
