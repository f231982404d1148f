import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `minhu bench …`: throughput figures, meant for release builds.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput (build with -c release for real figures).",
        subcommands: [BenchSegmentCommand.self, BenchClassifyCommand.self, BenchStoreCommand.self,
                      BenchTurnsCommand.self, BenchChatCommand.self, BenchCrashCommand.self, BenchAbuseCommand.self]
    )
}

/// Warns when figures come from a debug build, which is several times slower.
func warnIfDebugBuild() {
    #if DEBUG
    printError("note: this is a debug build; for real figures run `swift run -c release minhu bench …`")
    #endif
}

/// CPU seconds this process has used so far (user + system, every thread).
///
/// Wall-clock figures swing with whatever else the machine runs; CPU time per item swings
/// much less, so the benchmarks print both.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// CPU seconds another process has used so far (user + system, from /proc), or nil when it
/// cannot be read (no such process, or no /proc).
func processCPUSeconds(pid: Int32) -> Double? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return nil }
    // The fields after the command name, which may hold spaces: state is the 3rd field of the
    // line, user and system time (in clock ticks) the 14th and 15th.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// The CPU time the calling thread has used, in nanoseconds: for a measurement that runs on
/// one thread, steadier still than the process's.
func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
