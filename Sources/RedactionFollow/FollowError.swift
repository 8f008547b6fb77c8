/// An error that stops `follow`: the output or the state directory cannot be used. The message
/// names the path and the reason, never content; the command prints it and exits with status 2.
public struct FollowError: Error, CustomStringConvertible, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
