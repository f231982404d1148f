import Foundation
import NIOHTTP1

/// The shared secret of a OneBot connection (鉴权): sent as `Authorization: Bearer <token>`, or
/// as `?access_token=<token>` by clients that cannot set headers.
struct OneBotAccessToken: Sendable {
    private let expected: [UInt8]

    init(_ token: String) {
        expected = Array(token.utf8)
    }

    /// Whether a connection request carries the token, by header or by query. Compared in
    /// constant time, so response timing does not reveal how much of a guess was right.
    func accepts(_ head: HTTPRequestHead) -> Bool {
        guard let offered = Self.offeredToken(in: head) else { return false }
        return matches(offered)
    }

    /// Compares every byte of the expected token whatever the offered one is, so the time
    /// taken depends only on the expected length.
    func matches(_ offered: String) -> Bool {
        let offered = Array(offered.utf8)
        var difference: UInt8 = offered.count == expected.count ? 0 : 1
        for index in expected.indices {
            difference |= expected[index] ^ (index < offered.count ? offered[index] : 0)
        }
        return difference == 0
    }

    /// The token a request offers: the `Authorization` header's bearer token, else the
    /// `access_token` query parameter.
    static func offeredToken(in head: HTTPRequestHead) -> String? {
        if let authorization = head.headers.first(name: "Authorization") {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            // OneBot implementations also send `Token <token>`; both schemes mean the same.
            if parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) {
                return String(parts[1]).trimmingCharacters(in: .whitespaces)
            }
        }
        return URLComponents(string: head.uri)?.queryItems?.first { $0.name == "access_token" }?.value
    }
}
