/// What the loop asks its owner between cycles (the command answers from its signal flags).
public protocol FollowControl: AnyObject {
    /// Whether to stop (SIGTERM, SIGINT): the loop ends after a final flush and checkpoint.
    var shouldStop: Bool { get }
    /// Whether `--output` should be reopened (SIGHUP); clears the request.
    func takeReopenRequest() -> Bool
    /// Whether statistics should be reported now (SIGUSR1); clears the request.
    func takeStatisticsRequest() -> Bool
}
