import RedactionFollow
import RedactionPipelines

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `follow`'s ``FollowControl`` from signals: SIGTERM/SIGINT stop, SIGHUP reopens `--output`
/// (both through ``SignalHandling``), SIGUSR1 asks for statistics on stderr.
final class FollowSignals: FollowControl {
    /// Set by SIGUSR1; cleared when the request is taken.
    nonisolated(unsafe) static var statisticsRequested: sig_atomic_t = 0

    /// Installs the handlers (SIGUSR1 without `SA_RESTART`, so a wait returns at once).
    init() {
        SignalHandling.install(handleHangup: true)  // also unblocks INT/TERM/HUP
        Self.statisticsRequested = 0  // initialised before the handler can run (see SignalHandling.install)
        SignalHandling.handle(SIGUSR1) { _ in FollowSignals.statisticsRequested = 1 }
    }

    var shouldStop: Bool { SignalHandling.shouldTerminate }

    func takeReopenRequest() -> Bool { SignalHandling.takeHangup() }

    func takeStatisticsRequest() -> Bool {
        guard Self.statisticsRequested != 0 else { return false }
        Self.statisticsRequested = 0
        return true
    }
}
