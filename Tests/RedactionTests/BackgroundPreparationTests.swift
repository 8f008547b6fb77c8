import Foundation
import Testing
@testable import Redaction

/// The stage gate between the start-up thread that prepares the built-in packs and its readers:
/// a reader sleeps until its stage is reached, never waits when nothing was started, and a stage
/// never goes back.
@Suite struct BackgroundPreparationTests {
    @Test func withoutAStartedPreparationAReaderDoesNotWait() {
        let progress = BackgroundPreparation()
        #expect(!progress.isStarted)
        #expect(!progress.wait(for: .scannerBuilt), "nothing started: the reader does the work itself")
    }

    @Test func aReaderSleepsUntilItsStageIsRecordedByAnotherThread() {
        let progress = BackgroundPreparation()
        progress.record(.started)
        #expect(progress.isStarted)
        let order = OrderLog()
        let preparer = Thread {
            Thread.sleep(forTimeInterval: 0.05)
            order.append("decoded")
            progress.record(.packsDecoded)
            Thread.sleep(forTimeInterval: 0.05)
            order.append("scanner")
            progress.record(.scannerBuilt)
        }
        preparer.start()
        #expect(progress.wait(for: .packsDecoded))
        #expect(order.entries.first == "decoded", "woken only once the packs were recorded decoded")
        #expect(progress.wait(for: .scannerBuilt))
        #expect(order.entries == ["decoded", "scanner"], "woken only once the scanner was recorded built")
    }

    @Test func aStageNeverGoesBack() {
        let progress = BackgroundPreparation()
        progress.record(.scannerBuilt)
        progress.record(.started)  // the starting thread, after a fast preparing thread
        #expect(progress.wait(for: .scannerBuilt), "returns at once: the stage reached stays")
    }
}

/// Entries appended from two threads, in the order they happened.
private final class OrderLog: @unchecked Sendable {
    // SAFETY: `items` is only read and written holding `lock`.
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ entry: String) { lock.withLock { items.append(entry) } }
    var entries: [String] { lock.withLock { items } }
}
