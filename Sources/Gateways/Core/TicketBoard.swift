import Dialogue
import DispatchStore
import Foundation
import Logging
import Understanding

/// Tickets as a gateway shows them: updates pushed to the residents who opened them from this
/// platform, new and overdue tickets posted to staff rooms, dispatched tickets posted to
/// volunteer rooms, and 抢单 claims settled by the store's compare-and-set.
struct TicketBoard: Sendable {
    /// Queues lines for a room, split to the platform's size.
    typealias Send = @Sendable (_ lines: [String], _ room: GatewayRoom, _ mention: OutboundMessage.Mention?) async -> Void

    let platform: String
    let policy: RoomPolicy
    let store: any DispatchStore
    let engine: ConversationEngine
    let categoryNames: [String: String]
    private let masker = PersonalDataMasker()

    init(platform: String, policy: RoomPolicy, store: any DispatchStore, engine: ConversationEngine, catalog: IntentCatalog) {
        self.platform = platform
        self.policy = policy
        self.store = store
        self.engine = engine
        categoryNames = Dictionary(catalog.intents.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// What the board remembers between two looks at the store.
    private struct Memory {
        var toldResident: [TicketNumber: Date] = [:]
        var postedNew: Set<TicketNumber> = []
        var postedDispatch: [TicketNumber: Date] = [:]
        var conversations: [Int64: Conversation?] = [:]

        mutating func trim() {
            if toldResident.count + postedDispatch.count + postedNew.count + conversations.count > 100_000 { self = Memory() }
        }
    }

    /// Follows the store's changed tickets (new ones included: this polls, on every backend)
    /// and, once a minute, the overdue ones, sending what each room should hear, until cancelled.
    func watch(interval: Duration = .seconds(1), send: @escaping Send, logger: Logger) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var memory = Memory()
                let changes = TicketUpdates.polling(store, every: interval) { error in
                    logger.warning("gateway ticket check failed", metadata: ["error": "\(error)"])
                }
                do {
                    for try await batch in changes {
                        for ticket in batch {
                            do {
                                try await tellResident(ticket, &memory, send: send)
                            } catch {
                                logger.warning("ticket update not delivered", metadata: ["ticket": "\(ticket.id)", "error": "\(error)"])
                            }
                            await post(ticket, &memory, send: send)
                        }
                        memory.trim()
                    }
                } catch {}
            }
            group.addTask { await watchOverdue(send: send, logger: logger) }
            await group.waitForAll()
        }
    }

    /// Posts each overdue ticket to the staff rooms once (per run of the service).
    private func watchOverdue(send: Send, logger: Logger) async {
        var posted: Set<TicketNumber> = []
        while !Task.isCancelled {
            do {
                for ticket in try await store.overdueTickets(at: Date(), limit: 200).reversed()
                where posted.insert(ticket.id).inserted {
                    await sendToRooms(.staff, ["【超时】" + describe(ticket) + " 状态：\(ticket.state.chineseName)"], send: send)
                }
                try await Task.sleep(for: .seconds(60))
            } catch {
                if Task.isCancelled { return }
                logger.warning("gateway overdue check failed", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(60))
            }
        }
    }

    /// Pushes a change to the resident who opened the ticket, if they did so on this platform.
    private func tellResident(_ ticket: Ticket, _ memory: inout Memory, send: Send) async throws {
        guard ticket.isNewsForResident, let conversationID = ticket.conversationID,
              memory.toldResident[ticket.id] != ticket.updatedAt else { return }
        let conversation: Conversation?
        if let cached = memory.conversations[conversationID] {
            conversation = cached
        } else {
            conversation = try await store.conversation(conversationID)
            memory.conversations[conversationID] = conversation
        }
        guard let conversation, conversation.channel == platform else { return }
        memory.toldResident[ticket.id] = ticket.updatedAt
        let key = ConversationKey(channel: conversation.channel, room: conversation.room, user: conversation.user)
        let lines = try await engine.update(about: ticket, for: key)
        guard !lines.isEmpty else { return }
        let room = GatewayRoom(conversationRoom: conversation.room, user: conversation.user)
        let mention = room.isDirect ? nil : OutboundMessage.Mention(user: conversation.user, displayName: conversation.user)
        await send(lines, room, mention)
    }

    /// Posts new tickets to staff rooms and dispatched ones to volunteer rooms, once each.
    private func post(_ ticket: Ticket, _ memory: inout Memory, send: Send) async {
        if ticket.state == .submitted, memory.postedNew.insert(ticket.id).inserted {
            await sendToRooms(.staff, ["【新工单】" + describe(ticket)], send: send)
        }
        if ticket.state == .dispatched, memory.postedDispatch[ticket.id] != ticket.updatedAt {
            memory.postedDispatch[ticket.id] = ticket.updatedAt
            await sendToRooms(.volunteers, ["【可抢单】" + describe(ticket) + " 回复“抢单 \(ticket.id)”接单。"], send: send)
        }
    }

    private func sendToRooms(_ role: RoomRole, _ lines: [String], send: Send) async {
        for room in policy.rooms(withRole: role) { await send(lines, room, nil) }
    }

    /// One line about a ticket for a group: personal data masked, since everyone in the room reads it.
    func describe(_ ticket: Ticket) -> String {
        var parts = ["工单号：\(ticket.id)", categoryNames[ticket.category] ?? ticket.category]
        if let subcategory = ticket.subcategory { parts[1] += "·\(subcategory)" }
        if ticket.isEmergency { parts.append("紧急") }
        if let address = ticket.address { parts.append("地址：" + masker.mask(address)) }
        parts.append(masker.mask(ticket.summary))
        return parts.joined(separator: " ")
    }

    // MARK: 抢单

    /// A volunteer's claim: exactly one wins and gets the address and phone in a private
    /// message; the room hears who won, and later claimers that it is taken.
    func claim(_ number: TicketNumber, by message: InboundMessage, send: Send) async {
        let volunteer = ActorRef.volunteer("\(platform):\(message.user)")
        let mention = OutboundMessage.Mention(user: message.user, displayName: message.displayName)
        let reply: String
        do {
            let ticket = try await store.apply(.claim, to: number, by: volunteer)
            reply = "抢单成功！工单号：\(ticket.id) 归你了，地址和电话已私信发给你。"
            let details = ["工单号：\(ticket.id) \(ticket.summary)", ticket.address.map { "地址：\($0)" },
                           ticket.contactPhone.map { "居民电话：\($0)" }, "请尽快联系居民，办完后告诉社区。"]
            await send([details.compactMap { $0 }.joined(separator: "\n")], .direct(user: message.user), nil)
        } catch DispatchStoreError.alreadyTaken(_, _, let assignee) {
            let who = assignee.map { $0.split(separator: ":").last.map(String.init) ?? $0 } ?? "别人"
            reply = "工单 \(number) 已经被 \(who) 抢走了，下次再来～"
        } catch DispatchStoreError.ticketNotFound {
            reply = "没有找到工单 \(number)，请核对工单号。"
        } catch DispatchStoreError.illegalTransition(_, let state, _, _) {
            reply = "工单 \(number) 现在是“\(state.chineseName)”，不能抢单。"
        } catch {
            reply = "抢单没有成功，系统暂时出了点问题，请稍后再试。"
        }
        await send([reply], message.room, message.room.isDirect ? nil : mention)
    }

    // MARK: Refusals

    /// Staff hear about a message the platform refused (risk control …), and the resident's
    /// conversation is flagged so it shows in `minhu transcripts list --flagged`.
    func reportRefusal(_ message: OutboundMessage, _ refusal: GatewaySendError, send: Send) async {
        let resident: String? = switch message.room {
        case .direct(let user): user
        case .group: message.mention?.user
        }
        if let resident, let conversation = try? await store.openConversation(
            channel: platform, room: message.room.conversationRoom, user: resident) {
            try? await store.setFlaggedForHuman(true, for: conversation.id)
        }
        let reason = if case .riskControl = refusal { "被平台风控拦截" } else { "被平台拒绝（\(refusal)）" }
        // A refusal in a staff room itself is only logged: posting there again would loop.
        guard !policy.rooms(withRole: .staff).contains(message.room) else { return }
        await sendToRooms(.staff, ["【未送达】发往 \(message.room) 的消息\(reason)，请人工跟进：" + masker.mask(message.text)], send: send)
    }
}
