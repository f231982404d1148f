import DispatchStore
import Foundation
import Understanding

/// 评单: when a ticket of this conversation is resolved, ask for 1–5; the answer closes it.
extension TurnProcessor {
    /// Asks about the first resolved, unrated ticket not asked about yet.
    func askForRatings(_ context: inout Context) async throws {
        guard context.state.hasTickets, context.state.form == nil, context.state.ratingTicket == nil else { return }
        // Only the conversation's finished, unrated tickets: this runs after every turn.
        let tickets = try await store.tickets(matching: TicketFilter(
            states: [.resolved, .verified], conversationID: context.conversation.id, limit: 20))
        guard let ticket = tickets.last(where: {
            $0.rating == nil && !context.state.ratingAsked.contains($0.id.sequence)
        }) else { return }
        context.state.ratingAsked.append(ticket.id.sequence)
        context.state.ratingTicket = ticket.id.sequence
        // The resident's own words, to say which request this is: the first clause, masked as in
        // every reply (cut at 20 characters, it once ended inside a masked phone: 电话139**).
        let masked = masker.mask(ticket.summary, addresses: false)
        let clause = masked.split(whereSeparator: { "，。,.;；!！?？".contains($0) }).first.map(String.init) ?? masked
        let summary = clause.count > 20 ? clause.prefix(20) + "…" : clause
        context.say("您的工单号：\(ticket.id)（\(summary)）已经处理好了。请为这次服务打个分：回复1到5（5分最满意），也可以说说意见。")
    }

    /// What to tell a connected resident outside of a turn: a line about `ticket` if given,
    /// then any rating question due. Recorded in the transcript.
    func notify(about ticket: Ticket?, key: ConversationKey, now: Date) async throws -> Reply {
        let conversation = try await store.openConversation(channel: key.channel, room: key.room, user: key.user)
        var context = Context(turn: Turn(key: key, text: "", time: now), conversation: conversation,
                              interpretation: interpreter.interpret("", now: now),
                              state: states.state(of: conversation))
        if let ticket, ticket.conversationID == conversation.id {
            for line in try await describe([ticket]) { context.say("工单进度更新：" + line) }
            context.state.hasTickets = true
        }
        try await askForRatings(&context)
        guard !context.lines.isEmpty else { return Reply(lines: [], endsConversation: false, conversationID: conversation.id) }
        return try await record(context, after: nil)
    }

    /// Takes the answer to a rating question; false when the line is not a rating (then the
    /// question stays open for later and the line is handled as usual).
    func handleRating(_ context: inout Context) async throws -> Bool {
        guard let sequence = context.state.ratingTicket else { return false }
        guard let rating = context.slots.rating else {
            if context.reply.isCancel || context.reply.isSkip {
                context.state.ratingTicket = nil
                context.say("好的，不评价也没关系。还有别的事随时找我。")
                return true
            }
            return false
        }
        context.state.ratingTicket = nil
        let number = TicketNumber(sequence)
        let comment = context.reply.core.count > 2 ? context.text : nil
        do {
            try await store.apply(.close(rating: rating, comment: comment), to: number, by: context.resident)
            context.say("谢谢您的评价（\(rating)分）！工单号：\(number) 已完成。")
            if rating <= 2 { context.say("很抱歉这次没让您满意。如需重新处理，请回复“转人工”，工作人员会跟进。") }
        } catch DispatchStoreError.illegalTransition(_, let state, _, _) {
            context.say("工单号：\(number) 现在是“\(state.chineseName)”，暂时还不能评价。")
        }
        return true
    }
}
