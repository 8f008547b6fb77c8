internal import CRedactScan

/// Exact values (secrets seen before, secrets known in advance) searched in the same pass as a
/// ``LiteralScanner``'s keywords: the C kernel's value overlay, which extends the scanner's
/// filter with the values' anchors (see `redact_scan.h`).
///
/// Values compare exactly (case-sensitive) and are at least ``minimumLength`` bytes long. A hit
/// of a value in a ``LiteralScratch`` carries the value's length and tag in its id, so it is read
/// without the overlay (``isValueHit(_:)``, ``length(ofHit:)``, ``isTagged(_:)``).
///
/// ## Ownership and thread safety
/// Owns the C overlay (freed in deinit) and keeps its scanner alive. Not thread-safe: adding or
/// removing a value while a scan uses the overlay is a data race; ``ValueMemory`` serialises them.
final class ValueOverlay {
    /// Shortest value accepted.
    static let minimumLength = Int(REDACT_VALUE_MIN_LENGTH)
    /// Longest value accepted (its length must fit in a hit id).
    static let maximumLength = Int(REDACT_VALUE_LENGTH_MASK)

    let scanner: LiteralScanner
    // SAFETY: created in init (never nil after it), mutated only through the methods below (the
    // caller serialises them with scans), freed in deinit.
    let pointer: OpaquePointer

    /// An empty overlay for `scanner`. Returns nil when out of memory.
    init?(scanner: LiteralScanner) {
        guard let pointer = redact_value_overlay_create(scanner.set) else { return nil }
        self.scanner = scanner
        self.pointer = pointer
    }

    deinit { redact_value_overlay_free(pointer) }

    /// Number of values present.
    var count: Int { Int(redact_value_overlay_count(pointer)) }

    /// The outcome of ``add(_:tagged:)``.
    enum Addition: Equatable {
        /// Added now, with this handle.
        case added(Int32)
        /// An equal value was present, with this handle (its tag is unchanged).
        case present(Int32)
        /// Too short or too long, or out of memory.
        case refused
    }

    /// Adds a copy of `value`. Time linear in its length (plus an amortised table rebuild).
    func add(_ value: UnsafeRawBufferPointer, tagged: Bool) -> Addition {
        guard value.count >= Self.minimumLength, value.count <= Self.maximumLength, let base = value.baseAddress else {
            return .refused
        }
        var added: Int32 = 0
        let handle = redact_value_overlay_add(pointer, base.assumingMemoryBound(to: UInt8.self), UInt32(value.count),
                                              tagged ? 1 : 0, &added)
        guard handle >= 0 else { return .refused }
        return added != 0 ? .added(Int32(handle)) : .present(Int32(handle))
    }

    /// The handle of the value equal to `value`, if present.
    func find(_ value: UnsafeRawBufferPointer) -> Int32? {
        guard value.count >= Self.minimumLength, value.count <= Self.maximumLength, let base = value.baseAddress else {
            return nil
        }
        let handle = redact_value_overlay_find(pointer, base.assumingMemoryBound(to: UInt8.self), UInt32(value.count))
        return handle >= 0 ? Int32(handle) : nil
    }

    /// Removes the value with `handle` (ignored when not present). Its handle may be reused.
    func remove(_ handle: Int32) {
        redact_value_overlay_remove(pointer, UInt32(bitPattern: handle))
    }

    /// Finds every occurrence of the values alone in `bytes` (the keywords are not reported).
    /// - Returns: false when the search could not run.
    func scan(_ bytes: UnsafeRawBufferPointer, _ scratch: LiteralScratch) -> Bool {
        scratch.collect(keywords: nil, values: pointer, in: bytes)
    }

    /// Whether a hit id (``LiteralScratch/ids``) is a value's rather than a keyword's.
    @inline(__always)
    static func isValueHit(_ id: UInt32) -> Bool { id & REDACT_VALUE_HIT != 0 }

    /// The length of the value of a value hit.
    @inline(__always)
    static func length(ofHit id: UInt32) -> Int { Int(id & REDACT_VALUE_LENGTH_MASK) }

    /// Whether the value of a value hit was added with `tagged: true`.
    @inline(__always)
    static func isTagged(_ id: UInt32) -> Bool { id & REDACT_VALUE_TAG != 0 }
}
