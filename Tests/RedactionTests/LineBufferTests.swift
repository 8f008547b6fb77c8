import Testing
@testable import Redaction

/// ``LineBuffer``: reads land in free space, consumed bytes are reclaimed by compaction, the
/// allocation grows up to its maximum and never past it, and the unconsumed bytes survive every
/// move.
@Suite struct LineBufferTests {
    /// Writes `bytes` (at most one read) into the buffer's free space.
    static func read(_ bytes: [UInt8], into buffer: inout LineBuffer) {
        let free = buffer.freeSpaceForRead()
        let count = min(free.count, bytes.count)
        bytes.withUnsafeBytes { free.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        buffer.commitRead(count)
    }

    /// What a test checks of a buffer (a copyable snapshot: `#expect` cannot take `~Copyable` values).
    struct Snapshot: Equatable {
        var start: Int
        var end: Int
        var capacity: Int
        var bytes: [UInt8]
    }

    static func snapshot(_ buffer: borrowing LineBuffer) -> Snapshot {
        Snapshot(start: buffer.start, end: buffer.end, capacity: buffer.capacity, bytes: Array(buffer.unconsumed))
    }

    @Test func startsEmptyWithTheInitialCapacity() {
        let buffer = LineBuffer(readSize: 16, maximumCapacity: 1024, initialCapacity: 64)
        #expect(Self.snapshot(buffer) == Snapshot(start: 0, end: 0, capacity: 64, bytes: []))
    }

    @Test(arguments: [(readSize: 16, maximum: 1024, expected: 1024),
                      (readSize: 8192, maximum: 1 << 20, expected: 16384),
                      (readSize: 100, maximum: 100, expected: 100)])
    func defaultCapacityIsTwoReadsOrFourKiBClampedToTheMaximum(readSize: Int, maximum: Int, expected: Int) {
        let buffer = LineBuffer(readSize: readSize, maximumCapacity: maximum)
        let capacity = buffer.capacity
        #expect(capacity == expected)
    }

    @Test func freeSpaceIsOneReadAtMost() {
        var buffer = LineBuffer(readSize: 16, maximumCapacity: 1024, initialCapacity: 64)
        let free = buffer.freeSpaceForRead().count
        buffer.commitRead(0)
        #expect(free == 16)
        #expect(Self.snapshot(buffer) == Snapshot(start: 0, end: 0, capacity: 64, bytes: []))
    }

    @Test func consumingEverythingResetsToTheFrontAtTheNextRead() {
        var buffer = LineBuffer(readSize: 8, maximumCapacity: 64, initialCapacity: 32)
        Self.read(Array("abcdefgh".utf8), into: &buffer)
        buffer.consume(8)
        #expect(Self.snapshot(buffer) == Snapshot(start: 8, end: 8, capacity: 32, bytes: []))
        _ = buffer.freeSpaceForRead()
        buffer.commitRead(0)
        #expect(Self.snapshot(buffer) == Snapshot(start: 0, end: 0, capacity: 32, bytes: []))
    }

    @Test func compactionMovesThePartialLineToTheFront() {
        var buffer = LineBuffer(readSize: 8, maximumCapacity: 64, initialCapacity: 16)
        Self.read(Array("line one".utf8), into: &buffer)  // 8 bytes, 8 free: no move yet
        Self.read(Array("\npartial".utf8), into: &buffer) // the buffer is full
        buffer.consume(9)                                 // "line one\n" processed
        #expect(Self.snapshot(buffer) == Snapshot(start: 9, end: 16, capacity: 16, bytes: Array("partial".utf8)))
        Self.read(Array(" end\n".utf8), into: &buffer)    // no room at the end: compaction, no growth
        #expect(Self.snapshot(buffer) == Snapshot(start: 0, end: 12, capacity: 16, bytes: Array("partial end\n".utf8)))
    }

    @Test func growsByDoublingAndKeepsTheBytes() {
        var buffer = LineBuffer(readSize: 8, maximumCapacity: 1024, initialCapacity: 16)
        var written: [UInt8] = []
        var capacities: [Int] = []
        for index in 0..<10 {
            let chunk = (0..<8).map { UInt8(ascii: "a") + UInt8((index + $0) % 26) }
            Self.read(chunk, into: &buffer)
            written += chunk
            capacities.append(buffer.capacity)
        }
        #expect(Self.snapshot(buffer) == Snapshot(start: 0, end: 80, capacity: 128, bytes: written))
        #expect(capacities == [16, 16, 32, 32, 64, 64, 64, 64, 128, 128])
    }

    @Test func growthLeavesRoomForAWholeRead() {
        // 24 of 30 bytes held: a 6-byte read fits without growth, then the next one needs it.
        var buffer = LineBuffer(readSize: 24, maximumCapacity: 1024, initialCapacity: 30)
        let bytes = Array("0123456789abcdefghijklmnopqrst".utf8)
        Self.read(Array(bytes[..<24]), into: &buffer)
        Self.read(Array(bytes[24...]), into: &buffer)
        let free = buffer.freeSpaceForRead().count
        buffer.commitRead(0)
        #expect(free == 24)
        #expect(Self.snapshot(buffer) == Snapshot(start: 0, end: 30, capacity: 60, bytes: bytes))
    }

    @Test func neverGrowsPastTheMaximum() {
        var buffer = LineBuffer(readSize: 8, maximumCapacity: 40, initialCapacity: 16)
        var written: [UInt8] = []
        var capacities: Set<Int> = []
        while true {
            let free = buffer.freeSpaceForRead()
            capacities.insert(buffer.capacity)
            if free.isEmpty {
                buffer.commitRead(0)
                break
            }
            let chunk = [UInt8](repeating: UInt8(ascii: "x") + UInt8(written.count % 3), count: free.count)
            chunk.withUnsafeBytes { free.copyMemory(from: $0) }
            buffer.commitRead(chunk.count)
            written += chunk
        }
        #expect(capacities == [16, 32, 40])
        #expect(Self.snapshot(buffer) == Snapshot(start: 0, end: 40, capacity: 40, bytes: written))
        // Consuming a little makes room again, by compaction alone.
        buffer.consume(5)
        let free = buffer.freeSpaceForRead().count
        buffer.commitRead(0)
        #expect(free == 5)
        #expect(Self.snapshot(buffer) == Snapshot(start: 0, end: 35, capacity: 40, bytes: Array(written[5...])))
    }

    @Test func lastByteIsTheLastUnconsumedByte() {
        var buffer = LineBuffer(readSize: 8, maximumCapacity: 64)
        Self.read(Array("ab\r".utf8), into: &buffer)
        var last = [buffer.lastByte]
        buffer.consume(2)
        last.append(buffer.lastByte)
        Self.read(Array("\n".utf8), into: &buffer)
        last.append(buffer.lastByte)
        #expect(last == [0x0D, 0x0D, 0x0A])
    }

    @Test func clearForgetsUnconsumedBytesButKeepsTheAllocation() {
        var buffer = LineBuffer(readSize: 8, maximumCapacity: 1024, initialCapacity: 16)
        for _ in 0..<4 { Self.read(Array("12345678".utf8), into: &buffer) }
        buffer.consume(3)
        buffer.clear()
        #expect(Self.snapshot(buffer) == Snapshot(start: 0, end: 0, capacity: 32, bytes: []))
    }
}
