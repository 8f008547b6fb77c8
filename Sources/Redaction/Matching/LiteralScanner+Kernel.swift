internal import CRedactScan

extension LiteralScanner {
    /// The keyword kernel's search loop. Every kernel reports the same occurrences; they differ
    /// only in speed (the differential tests run both on the same input).
    enum Kernel: Sendable {
        /// The vector loop when the CPU has it (AVX2 on x86-64), else the scalar one.
        case automatic
        /// The portable scalar loop.
        case scalar

        var cValue: redact_scan_kernel {
            switch self {
            case .automatic: REDACT_KERNEL_AUTO
            case .scalar: REDACT_KERNEL_SCALAR
            }
        }

        /// Whether this CPU runs the vector loop (so the differential tests compare two loops).
        static var hasVectorLoop: Bool { redact_scan_has_vector_kernel() != 0 }
    }
}
