/// A user-facing error: printed as `redact: error: MESSAGE`, exit status 2.
/// Messages name files, rule ids and offsets; never log content. Thrown by the pipelines' file
/// loaders and by the command's option handling alike.
package struct CLIError: Error, CustomStringConvertible {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
