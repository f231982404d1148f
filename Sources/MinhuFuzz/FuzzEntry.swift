import Foundation
import FuzzTargets

/// Writes `message` and a line end to standard error.
private func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

#if FUZZING
// Built with `-Xswiftc -DFUZZING --sanitize=fuzzer`: libFuzzer owns `main` and calls this for
// every input. The target comes from `MINHU_FUZZ_TARGET` (see README, "Fuzzing").

/// The target this process fuzzes, chosen once from the environment.
nonisolated(unsafe) private var selectedTarget: FuzzTarget?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    guard let name = getenv("MINHU_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        printError("set MINHU_FUZZ_TARGET to one of: \(names)")
        exit(2)
    }
    target.prepare()
    selectedTarget = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selectedTarget!.run(input)
    return 0
}
#else
/// Without libFuzzer, `minhu-fuzz TARGET FILE…` replays inputs through a target, the way a
/// crash found by the fuzzer is checked after a fix.
@main
struct ReplayInputs {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            printError("usage: minhu-fuzz \(names) FILE…")
            exit(2)
        }
        target.prepare()
        for path in arguments.dropFirst() {
            guard let input = FileManager.default.contents(atPath: path) else {
                printError("cannot read \(path)")
                exit(1)
            }
            target.run(Array(input))
        }
        print("replayed \(arguments.count - 1) input(s) through \(name)")
    }
}
#endif
