/// libFuzzer's driver, called from each target's `<Module>_main`.
///
/// SwiftPM on Linux renames an executable's entry point to `<Module>_main`, so libFuzzer's own
/// `main` is never the one that runs. Each target therefore defines `@_cdecl("<Module>_main")`
/// and hands its `LLVMFuzzerTestOneInput` to this driver (see `Fuzz/README.md`).
@_silgen_name("LLVMFuzzerRunDriver")
public func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process arguments and `callback` as the test function.
/// - Returns: libFuzzer's exit status.
public func runFuzzer(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}

/// Stops the process with a finding when `condition` is false.
///
/// The message names the broken invariant; the fuzzer saves the input that broke it
/// (`crash-<sha1>`), which `make fuzz` counts as a finding. Used instead of `precondition` so the
/// check also holds in `-Ounchecked` builds and always prints its message.
@inline(__always)
public func fuzzRequire(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                        file: StaticString = #fileID, line: UInt = #line) {
    if !condition() {
        fatalError("fuzz invariant broken: \(message())", file: file, line: line)
    }
}
