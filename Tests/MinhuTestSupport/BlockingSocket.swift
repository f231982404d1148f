import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain blocking TCP connection to 127.0.0.1, for tests that must control exactly when
/// bytes are sent and see exactly how the server ends the connection (an orderly end or a
/// reset), which an event-driven client hides.
///
/// Sending and receiving block a thread of their own, never one of Swift's cooperative pool:
/// with two cores that pool has two threads, and a test blocking one of them starved a server
/// running in the same process (a read timed out under the full suite's load).
public struct BlockingSocket: Sendable {
    public let descriptor: Int32

    /// Connects to 127.0.0.1:`port`; reads time out after `readTimeout` seconds.
    public init(port: Int, readTimeout: Int = 15) throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            _ = Glibc.close(socket)
            throw CouldNotConnect(port: port)
        }
        var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        descriptor = socket
    }

    /// Sends `text` as UTF-8; returns whether the kernel took all of it.
    @discardableResult
    public func send(_ text: String) async -> Bool {
        let bytes = Array(text.utf8)
        let descriptor = self.descriptor
        return await Self.onOwnThread {
            bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
        }
    }

    /// Everything received until the server ends the connection, and the error that ended it
    /// (nil for an orderly end; ECONNRESET for a reset; EAGAIN when the read timed out).
    public func receiveUntilClosed() async -> (text: String, error: Int32?) {
        let descriptor = self.descriptor
        return await Self.onOwnThread { Self.receiveUntilClosed(descriptor) }
    }

    private static func receiveUntilClosed(_ descriptor: Int32) -> (text: String, error: Int32?) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return (String(decoding: received, as: UTF8.self), nil) }
            if count < 0 { return (String(decoding: received, as: UTF8.self), errno) }
            received += buffer[0..<count]
        }
    }

    public func close() {
        _ = Glibc.close(descriptor)
    }

    /// Runs blocking `work` on a new thread and waits for it without holding a pool thread.
    private static func onOwnThread<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }

    public struct CouldNotConnect: Error {
        public let port: Int
    }
}
