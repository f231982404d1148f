import Foundation

/// A text file named on the command line, read from a path or a pipe (`<(grep …)`), with
/// errors a person can act on rather than Foundation's error dump.
enum TextFile {
    /// The file's text.
    static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("cannot read \(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CLIError("cannot read \(path): it is a folder") }
        // A FileHandle reads until the end; String(contentsOf:) refuses pipes on Linux.
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIError("cannot read \(path): permission denied")
        }
        defer { try? handle.close() }
        guard let text = String(data: try handle.readToEnd() ?? Data(), encoding: .utf8) else {
            throw CLIError("cannot read \(path): it is not UTF-8 text")
        }
        return text
    }
}
