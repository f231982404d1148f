import DispatchStore
import DispatchStorePostgres
import Foundation
import MinhuTestSupport
import Testing

/// Every backend the shared suite runs against.
///
/// The PostgreSQL case needs a server (`MINHU_TEST_POSTGRES_URL`; see ``TestPostgres``) and
/// gives each test a new schema of its own, so tests run in parallel without seeing each other.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqliteInMemory
    case sqliteOnDisk
    case postgres

    var testDescription: String {
        switch self {
        case .sqliteInMemory: "SQLite in memory"
        case .sqliteOnDisk: "SQLite on disk"
        case .postgres: "PostgreSQL"
        }
    }

    /// Runs `body` with a new, empty store of this backend, and removes what it left on disk.
    @discardableResult
    func withStore<T>(_ body: (any DispatchStore) async throws -> T) async throws -> T {
        switch self {
        case .sqliteInMemory:
            return try await body(SQLiteDispatchStore.inMemory())
        case .sqliteOnDisk:
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            return try await body(SQLiteDispatchStore(path: folder.path("store.sqlite")))
        case .postgres:
            return try await TestPostgres.withStore { store in try await body(store) }
        }
    }
}

/// A folder under the system's temporary directory, for one test.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("minhu-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The cast of every test: one actor of each kind.
enum Cast {
    static let resident = ActorRef.resident("resident-zhang")
    static let staff = ActorRef.staff("staff-wang")
    static let unit = ActorRef.unit("wuye-3")
    static let volunteer = ActorRef.volunteer("vol-li")
    static let system = ActorRef.system()

    static func actor(_ kind: ActorKind) -> ActorRef {
        switch kind {
        case .resident: resident
        case .staff: staff
        case .unit: unit
        case .volunteer: volunteer
        case .system: system
        }
    }
}

extension TicketDraft {
    /// A repair request as the bot would file it.
    static func lightRepair(
        source: String? = nil, channel: String = "line", phone: String? = "13800138000",
        summary: String = "3栋2单元楼道灯不亮", details: String = "五楼楼道灯坏了好几天了",
        category: String = "repair", conversationID: Int64? = nil,
        dispatchWithin: TimeInterval? = nil, resolveWithin: TimeInterval? = nil
    ) -> TicketDraft {
        TicketDraft(
            category: category, summary: summary, details: details, address: "3栋2单元502",
            contactPhone: phone, conversationID: conversationID, channel: channel, sourceMessageID: source,
            dispatchWithin: dispatchWithin, resolveWithin: resolveWithin, submittedBy: Cast.resident)
    }
}

extension DispatchStore {
    /// A new ticket driven to `state` along the usual path, by the usual actors.
    func ticket(in state: TicketState) async throws -> Ticket {
        var ticket = try await createTicket(.lightRepair())
        for (command, actor) in Self.path(to: state) {
            if case .merge = command {
                let original = try await createTicket(.lightRepair(summary: "the original"))
                ticket = try await apply(.merge(into: original.id), to: ticket.id, by: actor)
            } else {
                ticket = try await apply(command, to: ticket.id, by: actor)
            }
        }
        #expect(ticket.state == state)
        return ticket
    }

    private static func path(to state: TicketState) -> [(TicketCommand, ActorRef)] {
        let dispatch = (TicketCommand.dispatch(unitID: "wuye-3"), Cast.staff)
        let accept = (TicketCommand.accept, Cast.unit)
        let start = (TicketCommand.start, Cast.unit)
        let resolve = (TicketCommand.resolve(note: "换了灯泡"), Cast.unit)
        let verify = (TicketCommand.verify, Cast.staff)
        switch state {
        case .submitted: return []
        case .dispatched: return [dispatch]
        case .accepted: return [dispatch, accept]
        case .claimed: return [dispatch, (.claim, Cast.volunteer)]
        case .inProgress: return [dispatch, accept, start]
        case .resolved: return [dispatch, accept, start, resolve]
        case .verified: return [dispatch, accept, start, resolve, verify]
        case .closed: return [dispatch, accept, start, resolve, verify, (.close(rating: 5), Cast.resident)]
        case .cancelled: return [(.cancel(reason: "自己修好了"), Cast.resident)]
        case .merged: return [(.merge(into: TicketNumber(1)), Cast.staff)]
        }
    }
}

/// A valid command for each workflow action, so that only state and actor decide legality.
func sampleCommand(for action: TicketAction, original: TicketNumber) -> TicketCommand? {
    switch action {
    case .dispatch: .dispatch(unitID: "chengguan")
    case .accept: .accept
    case .claim: .claim
    case .start: .start
    case .resolve: .resolve(note: "已处理")
    case .verify: .verify
    case .close: .close(rating: 4, comment: "满意")
    case .sendBack: .sendBack(reason: "不归物业管")
    case .reopen: .reopen(reason: "灯又不亮了")
    case .cancel: .cancel(reason: "不需要了")
    case .merge: .merge(into: original)
    case .submit, .note: nil
    }
}
