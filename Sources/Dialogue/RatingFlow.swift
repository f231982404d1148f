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
        context.say("您的工单号：\(ticket.id)（\(shortSummary(of: ticket))）已经处理好了。请为这次服务打个分：回复1到5（5分最满意），也可以说说意见。")
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
        // "不满意，灯还是不亮": the work is not done, so the ticket goes back, not to the archive.
        if Self.notFixedWords.contains(where: context.text.includes) {
            context.state.ratingTicket = nil
            let number = TicketNumber(sequence)
            do {
                try await store.apply(.reopen(reason: context.text), to: number, by: context.resident)
                // Resolved again later, it is rated again (QA: the question never came back).
                context.state.ratingAsked.removeAll { $0 == sequence }
                context.say("很抱歉还没弄好。工单号：\(number) 已经重新派回去处理，有进展会告诉您。")
            } catch DispatchStoreError.illegalTransition(_, let state, _, _) {
                context.say("工单号：\(number) 现在是“\(state.residentName)”，我请工作人员跟进。")
                try await store.setFlaggedForHuman(true, for: context.conversation.id)
            }
            return true
        }
        guard let rating = context.slots.rating else {
            if context.reply.isCancel || context.reply.isSkip {
                context.state.ratingTicket = nil
                context.say("好的，不评价也没关系。还有别的事随时找我。")
                return true
            }
            // 10分, 0: a score, but not one of 1 to 5.
            let core = context.reply.core
            if core.contains(where: \.isNumber), core.allSatisfy({ $0.isNumber || $0 == "分" }) {
                context.say("请回复1到5之间的数字，5分最满意，1分最不满意。")
                return true
            }
            // 嗯, 好的: a nod to the question, not a score (QA: told there was nothing to confirm).
            if core.count <= 3, context.reply.isYes {
                context.say("请回复1到5之间的数字打个分，5分最满意，1分最不满意。")
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
            context.say("工单号：\(number) 现在是“\(state.residentName)”，暂时还不能评价。")
        }
        return true
    }

    /// Words that say the problem is still there.
    static let notFixedWords = ["还是不", "还是坏", "还是没", "没修好", "没有修好", "冇修好", "没解决", "没有解决", "冇解决",
                                "没弄好", "没搞好", "冇搞好", "又坏了", "还没好", "依然", "照样", "一样坏"]
}
