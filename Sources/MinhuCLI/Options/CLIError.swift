/// A failure the command-line user can act on; printed as `Error: <message>` without usage.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
