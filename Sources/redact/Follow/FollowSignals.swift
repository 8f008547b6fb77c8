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
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGUSR1)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in FollowSignals.statisticsRequested = 1 }
        #else
        action.__sigaction_u.__sa_handler = { _ in FollowSignals.statisticsRequested = 1 }
        #endif
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        sigaction(SIGUSR1, &action, nil)
    }

    var shouldStop: Bool { SignalHandling.shouldTerminate }

    func takeReopenRequest() -> Bool { SignalHandling.takeHangup() }

    func takeStatisticsRequest() -> Bool {
        guard Self.statisticsRequested != 0 else { return false }
        Self.statisticsRequested = 0
        return true
    }
}
