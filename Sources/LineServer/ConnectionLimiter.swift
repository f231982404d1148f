import Synchronization

/// Counts open connections per address and in total; a connection is admitted only under
/// both limits.
final class ConnectionLimiter: Sendable {
    enum Verdict: Equatable {
        case admitted
        case tooManyFromAddress
        case serverFull
    }

    private struct Counts {
        var total = 0
        var byAddress: [String: Int] = [:]
    }

    private let counts = Mutex(Counts())
    private let perAddress: Int
    private let total: Int

    init(perAddress: Int, total: Int) {
        self.perAddress = perAddress
        self.total = total
    }

    /// Admits a connection from `address` (and counts it) or says why not.
    func admit(_ address: String) -> Verdict {
        counts.withLock { counts in
            if counts.total >= total { return .serverFull }
            if counts.byAddress[address, default: 0] >= perAddress { return .tooManyFromAddress }
            counts.total += 1
            counts.byAddress[address, default: 0] += 1
            return .admitted
        }
    }

    /// Forgets an admitted connection.
    func release(_ address: String) {
        counts.withLock { counts in
            counts.total -= 1
            let remaining = counts.byAddress[address, default: 1] - 1
            counts.byAddress[address] = remaining > 0 ? remaining : nil
        }
    }

    /// Connections open now.
    var openConnections: Int { counts.withLock { $0.total } }
}
