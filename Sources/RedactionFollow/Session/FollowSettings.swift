public import SystemPackage

/// How a ``FollowSession`` follows: what, where to start, and its timers (seconds).
public struct FollowSettings: Sendable {
    /// Paths or glob patterns (glob(3) syntax, expanded by the session).
    public var patterns: [String]
    /// Where files without a checkpoint start at the first start.
    public var from: FollowStartPosition = .beginning
    /// How long a rotated or deleted file stays open after its last write.
    public var rotateWait: Double = 5
    /// Polling period without inotify.
    public var pollInterval: Double = 0.25
    /// How often positions are saved (also on exit).
    public var checkpointInterval: Double = 1
    /// Prefix each line with its followed path and `: `.
    public var withFilename = false
    /// Use inotify when available (false: poll).
    public var useInotify = true
    /// Follow symlinks whose target is outside the followed directories.
    public var followSymlinks = false
    /// Where to write Prometheus text metrics (atomically), or nil.
    public var metricsFile: FilePath?
    /// How often the metrics file is rewritten.
    public var metricsInterval: Double = 15
    /// Bytes read from one file per cycle before the next file gets its turn.
    public var readBudget = 1 << 20

    public init(patterns: [String]) { self.patterns = patterns }

    /// How long a closed file stays remembered after it left every followed name, so neither a
    /// rescan nor a restart reads it again.
    var finishedRetention: Double { max(10, 2 * checkpointInterval + 2) }
}
