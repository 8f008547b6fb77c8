#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide signal setup for the pipe and the sidecar.
///
/// - SIGPIPE is ignored, so a closed stdout shows up as `EPIPE` from `write(2)` and the command
///   ends quietly instead of being killed mid-line.
/// - SIGINT and SIGTERM set a flag without `SA_RESTART`, so a blocking `read(2)` returns `EINTR`;
///   the command then writes out the whole lines it already processed and exits with 128 + the
///   signal number (130, 143).
/// - SIGHUP: with `handleHangup` (the sidecar) it sets a reopen flag; without it (the pipe, e.g.
///   `kubectl logs -f | redact` when the SSH session closes) it ends the command like SIGTERM:
///   whole lines written, exit 129.
package enum SignalHandling {
    /// The terminating signal received, or 0.
    nonisolated(unsafe) static var terminationSignal: sig_atomic_t = 0
    /// Set by SIGHUP; cleared by ``takeHangup()``.
    nonisolated(unsafe) static var hangupReceived: sig_atomic_t = 0

    package static func install(handleHangup: Bool = false) {
        // Touch the flags before any handler can run: a static may be initialised lazily (through
        // `swift_once`, in debug builds), and a handler that ran the first initialisation while
        // the main thread was inside it would re-enter it and abort (the likely cause of one
        // SIGABRT, status 6, in `interruptWithEndOfInputExits130WithoutThePartialLine` on a loaded
        // machine, with the debug build).
        terminationSignal = 0
        hangupReceived = 0
        signal(SIGPIPE, SIG_IGN)
        // A parent may start us with these signals blocked (the mask is inherited through exec,
        // e.g. from a thread of a test runner); `handle` unblocks them so they are delivered.
        handle(SIGINT) { signal in SignalHandling.terminationSignal = signal }
        handle(SIGTERM) { signal in SignalHandling.terminationSignal = signal }
        if handleHangup {
            handle(SIGHUP) { _ in SignalHandling.hangupReceived = 1 }
        } else {
            handle(SIGHUP) { signal in SignalHandling.terminationSignal = signal }
        }
    }

    /// Unblocks `number` and installs `handler` for it without `SA_RESTART` (a blocking
    /// `read(2)` or `poll(2)` then returns `EINTR`), with an empty mask. The handler must be
    /// async-signal-safe: set a flag and return.
    package static func handle(_ number: Int32, _ handler: @escaping @convention(c) (Int32) -> Void) {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, number)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        action.sa_flags = 0  // no SA_RESTART: interrupt blocking reads
        sigemptyset(&action.sa_mask)
        sigaction(number, &action, nil)
    }

    /// Whether a SIGHUP arrived (with `handleHangup`) since the last call; clears the flag.
    package static func takeHangup() -> Bool {
        guard hangupReceived != 0 else { return false }
        hangupReceived = 0
        return true
    }

    /// Whether a terminating signal arrived.
    package static var shouldTerminate: Bool { terminationSignal != 0 }

    /// The exit status for the received signal (128 + number).
    package static var exitStatus: Int32 { 128 + Int32(terminationSignal) }
}
