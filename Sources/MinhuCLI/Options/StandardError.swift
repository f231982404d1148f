import Foundation

/// Writes a line to standard error (notes and warnings that must not mix with output).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
