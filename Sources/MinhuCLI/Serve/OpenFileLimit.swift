import Foundation
import Logging

/// How many connections `minhu serve` can hold in its open-file limit.
enum OpenFileLimit {
    /// File descriptors kept back for the store, the metrics port, gateways and the runtime: a
    /// quarter of the limit, at most 256.
    static func reservedDescriptors(of limit: Int) -> Int { min(256, limit / 4) }

    /// The connection limit the process can hold: the open-file limit is raised to its hard
    /// maximum, and connections stay below it. Running out of descriptors crashed the process in
    /// the thread pool (a QA session), cutting every resident off; a refusal with a message does not.
    static func connections(asked: Int, logger: Logger) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return asked }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        let files = Int(clamping: limit.rlim_cur)
        let possible = max(files - reservedDescriptors(of: files), 1)
        guard asked > possible else { return asked }
        logger.notice("--max-connections lowered to fit the open-file limit (ulimit -n)", metadata: [
            "asked": "\(asked)", "limit": "\(possible)", "open_files": "\(limit.rlim_cur)"])
        return possible
    }
}
