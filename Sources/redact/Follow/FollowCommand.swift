import ArgumentParser
import Redaction
import RedactionFollow
import SystemPackage

/// `redact follow PATH_OR_GLOB...`: the sidecar. Tails log files through rotation and writes
/// them out redacted, with the same rules and fail-closed behaviour as the pipe.
///
/// Contract: runs until SIGTERM/SIGINT, then writes a final checkpoint and exits 0; exits 2 when
/// the output, a followed file or the state directory fails (see the README's exit status
/// table). The work is done by `RedactionFollow` (``FollowSession``: delivery guarantees;
/// ``CheckpointStore``: state files); this type only parses and wires.
struct FollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Tail log files through rotation and write them out redacted (the sidecar).",
        discussion: """
            Follows every file matching the PATHs (quote globs: the tool expands them and picks up \
            matching files that appear later). Only whole lines are written; a partial last line \
            waits for its newline. Rotation by rename/create, copytruncate, delete and recreate \
            and symlink swaps are followed.

            DELIVERY:
              --output FILE --state DIR   exactly once, also across restarts and kill -9
              stdout with --state DIR     at least once: after kill -9 up to one checkpoint
                                          interval of lines may be written again
              without --state             no resume: a restart reads per --from again
            copytruncate can lose the lines written between the copy and the truncation.

            ORDER: a rotated file's lines come before those of the file that replaced it. A \
            rotated file that ends inside a private key or in an unfinished line is continued \
            by its successor (read after the rotate wait), so the key stays masked.

            SECURITY: --state DIR must be writable by this user only. A symlink that resolves \
            outside the followed directories is not followed without --follow-symlinks.

            SIGNALS: SIGTERM/SIGINT stop after a final checkpoint (exit 0); SIGHUP reopens \
            --output (for logrotate of our own output); SIGUSR1 prints statistics to stderr.

            EXIT STATUS: 0 stopped by SIGTERM/SIGINT or stdout closed; 2 usage error, invalid \
            rules, unusable --state or --output, write or read error.

            EXAMPLES:
              redact follow '/var/log/app/*.log'
              redact follow /var/log/app/app.log --output /var/log/redacted/app.log --state /var/lib/redact/state
              redact follow --with-filename --from end '/var/log/pods/*/*/*.log'
            """)

    @Argument(help: ArgumentHelp("Files or quoted glob patterns to follow.", valueName: "path-or-glob"),
              completion: .file())
    var paths: [String]

    @Option(name: .customLong("output"), help: ArgumentHelp("Append redacted lines to this file instead of stdout (exactly once with --state).", valueName: "file"),
            completion: .file())
    var outputPath: String?

    @Option(name: .customLong("state"), help: ArgumentHelp("Directory for checkpoints (created, mode 0700). Without it nothing is resumed after a restart.", valueName: "dir"),
            completion: .directory)
    var stateDirectory: String?

    @Option(help: "Where to start in files that have no checkpoint at the first start: beginning or end.")
    var from: FollowStartPosition = .beginning

    @Option(name: .customLong("rotate-wait"), help: ArgumentHelp("How long a rotated or deleted file stays open after its last write (e.g. 5s, 500ms).", valueName: "duration"))
    var rotateWait = FollowDuration(seconds: 5)

    @Option(name: .customLong("poll-interval"), help: ArgumentHelp("Polling period without inotify (e.g. 250ms, 1s).", valueName: "duration"))
    var pollInterval = FollowDuration(seconds: 0.25)

    @Flag(name: .customLong("no-inotify"), help: "Poll instead of using inotify (network filesystems). Automatic when inotify is unavailable.")
    var noInotify = false

    @Option(name: .customLong("checkpoint-interval"), help: ArgumentHelp("How often positions are saved (also on exit).", valueName: "duration"))
    var checkpointInterval = FollowDuration(seconds: 1)

    @Flag(name: .customLong("with-filename"), help: "Prefix each line with its source path and ': '.")
    var withFilename = false

    @Flag(name: .customLong("follow-symlinks"), help: "Follow symlinks that resolve outside the followed directories (e.g. /var/log/containers).")
    var followSymlinks = false

    @Option(name: .customLong("metrics-file"), help: ArgumentHelp("Write Prometheus text metrics to this file (atomically; for node_exporter's textfile collector).", valueName: "file"),
            completion: .file())
    var metricsFile: String?

    @Option(name: .customLong("metrics-interval"), help: ArgumentHelp("How often --metrics-file is rewritten.", valueName: "duration"))
    var metricsInterval = FollowDuration(seconds: 15)

    @Flag(help: "Print the metrics to stderr at exit (SIGUSR1 prints them at any time).")
    var stats = false

    @OptionGroup(title: "Rules")
    var ruleOptions: RuleOptions

    @OptionGroup(title: "Processing")
    var processing: ProcessingOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or glob to follow") }
        if pollInterval.seconds < 0.001 { throw ValidationError("--poll-interval must be at least 1ms") }
        if checkpointInterval.seconds < 0.001 { throw ValidationError("--checkpoint-interval must be at least 1ms") }
        if metricsInterval.seconds < 0.001 { throw ValidationError("--metrics-interval must be at least 1ms") }
    }

    mutating func run() throws {
        let control = FollowSignals()  // first: a SIGTERM while the rules compile still stops cleanly
        let ruleSet = try ruleOptions.compile(limits: processing.limits)
        processing.warnAboutUnsafeChoices()
        let fileSystem = SystemFileSystem()
        let diagnostics = StandardErrorDiagnostics()
        let store = try stateDirectory.map { try CheckpointStore(directory: FilePath($0), fileSystem: fileSystem) }
        let output = try FollowOutput(path: outputPath.map { FilePath($0) }, fileSystem: fileSystem)
        var settings = FollowSettings(patterns: paths)
        settings.from = from
        settings.rotateWait = rotateWait.seconds
        settings.pollInterval = pollInterval.seconds
        settings.checkpointInterval = checkpointInterval.seconds
        settings.withFilename = withFilename
        settings.useInotify = !noInotify
        settings.followSymlinks = followSymlinks
        settings.metricsFile = metricsFile.map { FilePath($0) }
        settings.metricsInterval = metricsInterval.seconds
        let session = FollowSession(settings: settings, ruleSet: ruleSet, configuration: processing.configuration,
                                    output: output, store: store, fileSystem: fileSystem, clock: SystemClock(),
                                    diagnostics: diagnostics)
        try session.run(control: control)
        if stats { diagnostics.statistics(session.metrics.prometheusText) }
    }
}
