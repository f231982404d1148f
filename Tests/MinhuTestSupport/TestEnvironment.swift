import Foundation

/// Where the tests run.
public enum TestEnvironment {
    /// Whether this is a CI run (`MINHU_CI` or `CI` set to something other than 0/false/no;
    /// `.ci/run` sets `MINHU_CI=1`). Tests that need a server or root then fail when they cannot
    /// have it, instead of skipping: a CI run never passes untested.
    public static var isCI: Bool {
        let environment = ProcessInfo.processInfo.environment
        return [environment["MINHU_CI"], environment["CI"]].contains { value in
            guard let value else { return false }
            return !["", "0", "false", "no"].contains(value.lowercased())
        }
    }
}
