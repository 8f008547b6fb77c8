import Redaction

/// A pool of engine scratch space, so each thread that logs borrows its own.
///
/// ## Thread safety
/// A pthread mutex (see ``LockedValue``) is held only to pop or push one slot, never while matching. A slot is used by one
/// thread at a time: the borrower that took it, until it gives it back.
final class ScratchPool: Sendable {
    /// One borrower's working memory: PCRE2 match data and spans, and an output buffer.
    // SAFETY: a Slot is not thread-safe, but the pool hands each slot to exactly one borrower,
    // which uses it on its own thread and gives it back before another borrower can take it; the
    // pool's lock orders the hand-over.
    final class Slot: @unchecked Sendable {
        let scratch: ScanScratch
        var output: [UInt8] = []

        init(scratch: ScanScratch) {
            self.scratch = scratch
            output.reserveCapacity(512)
        }
    }

    /// Idle slots kept at most (more concurrent borrowers make new slots that are freed on return).
    static let maximumIdle = 64
    /// An output buffer grown past this is freed on return, so one huge message does not pin memory.
    static let maximumRetainedOutput = 64 * 1024

    private let ruleSet: CompiledRuleSet
    private let idle: LockedValue<[Slot]>

    init(ruleSet: CompiledRuleSet) {
        self.ruleSet = ruleSet
        var slots: [Slot] = []
        slots.reserveCapacity(ScratchPool.maximumIdle)
        idle = LockedValue(slots)
    }

    /// Takes an idle slot, or makes one (the only allocation, once per concurrent borrower).
    func take() -> Slot {
        if let slot = idle.withLock({ $0.popLast() }) { return slot }
        return Slot(scratch: ruleSet.makeScratch())
    }

    /// Returns a slot taken with ``take()``. The caller must not use it afterwards.
    func give(_ slot: Slot) {
        slot.output.removeAll(keepingCapacity: slot.output.capacity <= ScratchPool.maximumRetainedOutput)
        let kept = idle.withLock { slots -> Bool in
            guard slots.count < ScratchPool.maximumIdle else { return false }
            slots.append(slot)
            return true
        }
        _ = kept  // a slot not kept is freed here, outside the lock
    }
}
