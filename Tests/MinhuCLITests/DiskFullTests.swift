import DispatchStore
import Foundation
import MinhuTestSupport
import Testing

/// `minhu serve` on a disk that fills up under it: a resident is never told a ticket number
/// that was not committed, is told plainly that the line was not handled, and the service goes
/// on by itself once there is space again.
@Suite(.serialized) struct DiskFullTests {
    @Test func aFullDiskNeverYieldsATicketNumberAndTheServiceRecoversWhenSpaceReturns() async throws {
        guard let disk = try SmallDisk.mount(megabytes: 16) else { return }
        defer { disk.unmount() }
        let path = disk.path("minhu.sqlite")
        let node = try await ServeNode.start(db: path)
        defer { node.stop() }
        let resident = try await LineTestClient(port: node.port)
        _ = try await resident.readReply()
        var told = [try #require(try await Self.fileTicket(resident, flat: 501).number)]

        try disk.fill()
        // The next writes fail as soon as the database needs a page the disk does not have.
        var refusals: [String] = []
        for flat in 502..<540 where refusals.isEmpty {
            let attempt = try await Self.fileTicket(resident, flat: flat)
            if let number = attempt.number { told.append(number) }
            refusals = attempt.replies.filter { $0.contains("出了点问题") }
        }
        let refusal = try #require(refusals.first, "the full disk was never noticed")
        #expect(refusal.contains("请稍后再发一次"))
        #expect(!refusal.contains("工单号"))

        disk.empty()
        // Space is back: the same connection files its ticket, without a restart.
        let recovered = try await Self.fileTicket(resident, flat: 601)
        told.append(try #require(recovered.number, "no ticket after the disk recovered: \(recovered.replies)"))
        node.stop()

        let store = try SQLiteDispatchStore(path: path)
        #expect(try await store.integrityCheck() == ["ok"])
        let stored = Set(try await store.tickets(matching: TicketFilter(limit: nil)).map(\.id))
        #expect(told.filter { !stored.contains($0) }.isEmpty, "told \(told), stored \(stored)")
    }

    @Test func aReadOnlyDiskNeverYieldsATicketNumberAndTheServiceRecoversWhenItIsWritable() async throws {
        guard let disk = try SmallDisk.mount(megabytes: 16) else { return }
        defer { disk.unmount() }
        let path = disk.path("minhu.sqlite")
        // The server crashed (its WAL files stay behind, so SQLite can open the file read-only),
        // the disk turned read-only, and the server is started again. (Linux refuses to remount
        // read-only under files open for writing, so a disk cannot turn read-only under a running
        // server here; a full disk under it is the test above.)
        try await ServeNode.start(db: path).kill()
        try disk.remount(readOnly: true)
        let node = try await ServeNode.start(db: path)
        defer { node.stop() }
        let resident = try await LineTestClient(port: node.port)
        _ = try await resident.readReply()

        let refused = try await Self.fileTicket(resident, flat: 501)
        #expect(refused.number == nil, "\(refused.replies)")
        #expect(refused.replies.last?.contains("请稍后再发一次") == true, "\(refused.replies)")

        try disk.remount(readOnly: false)
        // The store reopens the file a few seconds after a refused write; the resident just tries again.
        var number: TicketNumber?
        for flat in 502..<520 where number == nil {
            number = try await Self.fileTicket(resident, flat: flat).number
            if number == nil { try await Task.sleep(for: .seconds(1)) }
        }
        let told = try #require(number, "no ticket after the disk became writable")
        node.stop()
        let store = try SQLiteDispatchStore(path: path)
        #expect(try await store.ticket(told) != nil)
        #expect(try await store.integrityCheck() == ["ok"])
    }

    /// A repair request and its confirmation; the ticket number if the bot gave one.
    private static func fileTicket(_ resident: LineTestClient, flat: Int) async throws
        -> (number: TicketNumber?, replies: [String])
    {
        try await resident.send("3栋2单元\(flat)室楼道灯坏了，电话13912345678")
        let request = try await resident.readReply()
        guard request.contains("确认") else { return (nil, [request]) }
        try await resident.send("确认")
        let confirmation = try await resident.readReply()
        return (ticketNumber(in: confirmation), [request, confirmation])
    }
}
