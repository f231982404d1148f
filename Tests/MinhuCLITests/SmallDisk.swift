import Foundation
import MinhuTestSupport
import Testing

/// A real, tiny file system (tmpfs) that a test can fill up and empty again, to see what the
/// service does when its disk is full.
///
/// Mounting needs root. Without it the test is skipped locally, saying how to run it; under CI
/// (`MINHU_CI` or `CI` set, as `.ci/run` does) it fails instead, so CI never passes untested.
final class SmallDisk {
    /// Where the file system is mounted.
    let folder: URL
    private var filler: URL { folder.appendingPathComponent("filler") }

    private init(folder: URL) {
        self.folder = folder
    }

    /// Mounts a tmpfs of `megabytes`, or returns nil (after recording a CI failure or printing
    /// how to run the test) when this machine does not allow it.
    static func mount(megabytes: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> SmallDisk? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("minhu-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let status = run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder.path])
        guard status == 0 else {
            try? FileManager.default.removeItem(at: folder)
            let message = "could not mount a small tmpfs (mount exit \(status)); the full-disk test needs root, as under .ci/run"
            if TestEnvironment.isCI {
                Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            } else {
                FileHandle.standardError.write(Data("note: full-disk test skipped: \(message)\n".utf8))
            }
            return nil
        }
        return SmallDisk(folder: folder)
    }

    /// A path on the disk.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes a filler file until the file system has no space left.
    func fill() throws {
        _ = FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = try FileHandle(forWritingTo: filler)
        defer { try? handle.close() }
        let block = Data(count: 64 * 1024)
        let small = Data(count: 512)
        // Big blocks, then small ones, until not even a small one fits.
        while (try? handle.write(contentsOf: block)) != nil {}
        while (try? handle.write(contentsOf: small)) != nil {}
    }

    /// Deletes the filler: the space is back.
    func empty() {
        try? FileManager.default.removeItem(at: filler)
    }

    /// Makes the file system read-only or writable again. Read-only needs every file on it
    /// closed for writing (Linux refuses otherwise); writable again always works.
    func remount(readOnly: Bool) throws {
        let status = Self.run("/bin/mount", ["-o", readOnly ? "remount,ro" : "remount,rw", folder.path])
        guard status == 0 else { throw RemountFailed(status: status) }
    }

    struct RemountFailed: Error {
        let status: Int32
    }

    /// Unmounts and removes the mount point.
    func unmount() {
        _ = Self.run("/bin/umount", ["-l", folder.path])
        try? FileManager.default.removeItem(at: folder)
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
