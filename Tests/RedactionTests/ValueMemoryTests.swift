import Testing
@testable import Redaction

/// The value memory's policy: echoes bounded and least recently used first out, known values
/// (configured and announced) kept apart, every change reported so streams search again.
@Suite struct ValueMemoryTests {
    static let rules = TestSupport.ruleSet([TestSupport.passwordRule])

    static func remember(_ memory: ValueMemory, _ value: String) -> Bool {
        Array(value.utf8).withUnsafeBytes { memory.remember($0) }
    }

    /// The values the memory finds in `text`, with whether each is known.
    static func found(_ memory: ValueMemory, in text: String) -> [String: Bool] {
        let scratch = LiteralScratch()
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { memory.scanValues($0, scratch) })
        var result: [String: Bool] = [:]
        for index in 0..<scratch.count where ValueOverlay.isValueHit(scratch.ids[index]) {
            let end = Int(scratch.ends[index])
            let start = end - ValueOverlay.length(ofHit: scratch.ids[index])
            result[String(decoding: bytes[start..<end], as: UTF8.self)] = ValueOverlay.isTagged(scratch.ids[index])
        }
        return result
    }

    @Test(arguments: [1, 2, 5, 64])
    func echoesAreBoundedByTheCapacity(_ capacity: Int) {
        let memory = ValueMemory(for: Self.rules, echoCapacity: capacity)
        var all: [String] = []
        for index in 0..<(capacity * 3) {
            let value = "secret-value-\(index)"
            all.append(value)
            #expect(Self.remember(memory, value))
            #expect(memory.counts.echoes == min(index + 1, capacity))
        }
        let found = Self.found(memory, in: all.joined(separator: " "))
        #expect(Set(found.keys) == Set(all.suffix(capacity)))
        #expect(found.values.allSatisfy { !$0 })
    }

    @Test func rememberingAgainOrTouchingKeepsAValue() {
        let memory = ValueMemory(for: Self.rules, echoCapacity: 2)
        #expect(Self.remember(memory, "alpha-secret"))
        #expect(Self.remember(memory, "bravo-secret"))
        #expect(!Self.remember(memory, "alpha-secret"))  // present: moved to the front, no change
        #expect(Self.remember(memory, "charlie-secret"))  // evicts bravo
        #expect(Set(Self.found(memory, in: "alpha-secret bravo-secret charlie-secret").keys) == ["alpha-secret", "charlie-secret"])
        Array("alpha-secret".utf8).withUnsafeBytes { memory.touch($0) }
        #expect(Self.remember(memory, "delta-secret"))  // evicts charlie (alpha was touched)
        #expect(Set(Self.found(memory, in: "alpha-secret charlie-secret delta-secret").keys) == ["alpha-secret", "delta-secret"])
    }

    @Test func echoesOffRememberNothing() {
        let memory = ValueMemory(for: Self.rules, echoCapacity: 0)
        #expect(!Self.remember(memory, "alpha-secret"))
        #expect(memory.isEmpty)
    }

    @Test func valuesOutsideTheLengthBoundsAreNotRemembered() {
        let memory = ValueMemory(for: Self.rules)
        #expect(!Self.remember(memory, "abc"))
        #expect(!Self.remember(memory, String(repeating: "x", count: ValueMemory.maximumEchoLength + 1)))
        #expect(memory.isEmpty)
    }

    /// Known values are never evicted by echoes; an echo that becomes known is reported as known.
    @Test func knownValuesStayAndWinOverEchoes() throws {
        let known = try KnownValueList(["known-alpha"])
        let memory = ValueMemory(for: Self.rules, echoCapacity: 1, knownValues: known)
        #expect(Self.remember(memory, "echo-bravo"))
        #expect(!Self.remember(memory, "known-alpha"))  // already known: stays known
        #expect(Self.remember(memory, "echo-charlie"))
        #expect(Self.found(memory, in: "known-alpha echo-bravo echo-charlie") == ["known-alpha": true, "echo-charlie": false])
        #expect(Array("echo-charlie".utf8).withUnsafeBytes { memory.announce($0) })  // its hits now say known
        #expect(Self.found(memory, in: "echo-charlie") == ["echo-charlie": true])
        #expect(memory.counts == (configured: 1, announced: 1, echoes: 0))
    }

    /// A replaced list drops the values no longer in it, except those also announced.
    @Test func replacingTheListKeepsAnnouncedValues() throws {
        let known = try KnownValueList(["known-alpha", "known-bravo"])
        let memory = ValueMemory(for: Self.rules, knownValues: known)
        #expect(Array("known-bravo".utf8).withUnsafeBytes { memory.announce($0) } == false)  // present already
        try known.replace(with: [Array("known-charlie".utf8)])
        #expect(!memory.isEmpty)
        #expect(memory.synchronize())
        #expect(!memory.synchronize())  // nothing new
        #expect(Self.found(memory, in: "known-alpha known-bravo known-charlie") == ["known-bravo": true, "known-charlie": true])
    }

    @Test func announcedValuesAreBounded() {
        let memory = ValueMemory(for: Self.rules, echoCapacity: 0)
        for index in 0..<(ValueMemory.announcedCapacity + 10) {
            _ = Array("announced-\(index)-x".utf8).withUnsafeBytes { memory.announce($0) }
        }
        #expect(memory.counts.announced == ValueMemory.announcedCapacity)
        #expect(Self.found(memory, in: "announced-0-x announced-1033-x").keys.sorted() == ["announced-1033-x"])
    }

    /// The refresh hook runs while streams process input, at most once per interval.
    @Test func theRefreshHookIsRateLimited() throws {
        let known = try KnownValueList(["known-alpha"])
        let calls = CallCounter()
        known.setRefresh(interval: 3600) { _ in calls.increment() }
        let memory = ValueMemory(for: Self.rules, knownValues: known)
        for _ in 0..<10 { memory.synchronize() }
        #expect(calls.count == 0)  // the interval starts when the hook is set
        let eager = try KnownValueList(["known-alpha"])
        eager.setRefresh(interval: 0) { list in
            calls.increment()
            try? list.replace(with: [Array("known-\(calls.count)x".utf8)])
        }
        let second = ValueMemory(for: Self.rules, knownValues: eager)
        #expect(calls.count == 1)
        #expect(second.synchronize())
        #expect(calls.count == 2)
        #expect(Set(Self.found(second, in: "known-1x known-2x").keys) == ["known-2x"])
    }

    /// Many threads scanning while others add and evict values (run under TSan in CI).
    @Test func concurrentUseIsSafe() async {
        let memory = ValueMemory(for: Self.rules, echoCapacity: 16)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let scratch = LiteralScratch()
                    for index in 0..<300 {
                        let value = "task-\(task)-value-\(index)"
                        if task % 2 == 0 {
                            _ = Array(value.utf8).withUnsafeBytes { memory.remember($0) }
                        } else {
                            let text = Array("password=x task-\(task - 1)-value-\(index) end".utf8)
                            _ = text.withUnsafeBytes { memory.scan($0, scratch) }
                        }
                    }
                }
            }
        }
        #expect(memory.counts.echoes == 16)
    }
}

/// A thread-safe counter for hooks called from the code under test.
final class CallCounter: @unchecked Sendable {
    private let lock = ReadWriteLock()
    private var value = 0
    var count: Int { lock.withReadLock { value } }
    func increment() { lock.withWriteLock { value += 1 } }
}
