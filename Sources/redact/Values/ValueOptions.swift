import ArgumentParser
import Redaction
import RedactionPipelines

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Echoes and known values: `--mask-values-from FILE`, `--mask-env NAME`, `--echo-values N`,
/// `--no-echo`, shared by the pipe, `follow` and `mmexternal`.
///
/// Values are never printed: errors and warnings name the file and line, or the variable.
struct ValueOptions: ParsableArguments {
    /// The most echo values a stream may keep (memory stays bounded by it).
    static let echoValuesRange = 0...1_000_000

    @Option(name: .customLong("mask-values-from"),
            help: ArgumentHelp("Mask every value listed in this file (one exact value per line, 4+ bytes) wherever it occurs; the file is re-read when it changes.",
                               valueName: "file"),
            completion: .file())
    var valuesFile: String?

    @Option(name: .customLong("mask-env"),
            help: ArgumentHelp("Mask the value of this environment variable wherever it occurs (repeatable; 4+ bytes; a multi-line value line by line).",
                               valueName: "name"))
    var environmentNames: [String] = []

    @Option(name: .customLong("echo-values"),
            help: ArgumentHelp("How many distinct masked secrets each stream remembers, to mask their other occurrences (echoes) later in the stream.",
                               valueName: "count"))
    var echoValues = ValueMemory.defaultEchoCapacity

    @Flag(name: .customLong("no-echo"), help: "Do not mask other occurrences of secrets masked earlier (same as --echo-values 0).")
    var noEcho = false

    func validate() throws {
        guard Self.echoValuesRange.contains(echoValues) else {
            throw ValidationError("--echo-values must be between 0 and \(Self.echoValuesRange.upperBound)")
        }
    }

    /// Sets echoes and loads the known values into `configuration` (a list that follows the values
    /// file as it changes, checked at most once per second while input is processed).
    /// - Throws: ``CLIError`` for an unreadable values file, an unset variable, or a value shorter
    ///   than 4 bytes (naming the file and line or the variable, never the value).
    func apply(to configuration: inout RedactionConfiguration) throws {
        configuration.echoCapacity = noEcho ? 0 : echoValues
        guard valuesFile != nil || !environmentNames.isEmpty else { return }
        var fixed: [[UInt8]] = []
        for name in environmentNames {
            guard let raw = getenv(name) else { throw CLIError("--mask-env \(name): the variable is not set") }
            fixed += try Self.environmentValues(Array(String(cString: raw).utf8), name: name)
        }
        var fileValues: [[UInt8]] = []
        var file: KnownValuesFile?
        if let valuesFile {
            let source = KnownValuesFile(path: valuesFile)
            fileValues = try source.load()
            file = source
        }
        let list: KnownValueList
        do { list = try KnownValueList(bytes: fixed + fileValues) } catch {
            // Both sources were checked value by value; this is only a safety net.
            throw CLIError("a known value is \(error.reason)")
        }
        if let file {
            let environment = fixed
            list.setRefresh(interval: 1) { list in
                guard let values = file.reloadIfChanged() else { return }
                try? list.replace(with: environment + values)
            }
        }
        configuration.knownValues = list
    }

    /// The value of a variable as known values: the whole value, or each line of a multi-line one
    /// (lines shorter than 4 bytes skipped: they would mask too much).
    static func environmentValues(_ value: [UInt8], name: String) throws -> [[UInt8]] {
        let lines = value.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }).map(Array.init)
        let minimum = KnownValueList.minimumLength
        if lines.count <= 1 {
            guard let only = lines.first, only.count >= minimum else {
                throw CLIError("--mask-env \(name): the value is shorter than \(minimum) bytes (refused: it would mask too much)")
            }
            guard only.count <= KnownValueList.maximumLength else {
                throw CLIError("--mask-env \(name): the value is longer than \(KnownValueList.maximumLength) bytes")
            }
            return [only]
        }
        let kept = lines.filter { $0.count >= minimum && $0.count <= KnownValueList.maximumLength }
        guard !kept.isEmpty else {
            throw CLIError("--mask-env \(name): no line of the value has \(minimum) bytes or more")
        }
        return kept
    }
}
