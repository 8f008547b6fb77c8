import SystemPackage

extension FilePath {
    /// The directory part (`.` for a bare name, `/` for a file in the root).
    var directory: FilePath {
        let parent = removingLastComponent()
        return parent.isEmpty ? "." : parent
    }

    /// The last component as text (empty for `/`).
    var baseName: String { lastComponent?.string ?? "" }

    /// `directory/name`, or just `name` in `.` (the form glob expansion produces).
    static func entry(_ name: String, in directory: FilePath) -> FilePath {
        directory == "." ? FilePath(name) : directory.appending(name)
    }
}
