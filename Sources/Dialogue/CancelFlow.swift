import DispatchStore

/// 取消 by the resident: "刚才那个工单取消吧" withdraws a ticket of this conversation that no
/// one has started work on, after the bot reads back which one and the resident confirms.
extension TurnProcessor {
    /// Whether the line asks to withdraw a ticket (not a form in progress: that is 算了/取消 alone).
    func asksToCancelTicket(_ context: Context) -> Bool {
        let text = context.reply.core
        if Self.cancelWords.contains(where: text.includes)
            && (!context.slots.ticketIDs.isEmpty || Self.ticketWords.contains(where: text.includes)) {
            return true
        }
        // A bare 取消 or 不要了 once this conversation has a ticket and no form is open: about the
        // ticket (QA: it was taken for chit-chat).
        return context.state.hasTickets && text.count <= 4 && context.reply.isCancel
    }

    /// Reads back the ticket to withdraw and asks for 确认, or says why there is none.
    func offerCancellation(_ context: inout Context) async throws {
        let mine = try await store.tickets(forConversation: context.conversation.id)
        let asked = context.slots.ticketIDs.compactMap { TicketNumber(parsing: $0.value) }
        // Only this conversation's tickets: a ticket number proves nothing about who asks.
        let candidates = mine.filter { asked.isEmpty || asked.contains($0.id) }
        guard let ticket = candidates.first(where: { Self.cancellable.contains($0.state) }) else {
            if let started = candidates.first {
                context.say("工单号：\(started.id) 现在是“\(started.state.residentName)”，已经不能在这里取消了。需要的话回复“转人工”，工作人员会跟进。")
            } else {
                context.say("这个对话里没有可以取消的工单。")
            }
            return
        }
        context.state.cancelOffer = ticket.id.sequence
        context.say("要取消工单号：\(ticket.id)（\(shortSummary(of: ticket))）吗？回复“确认”取消，回复“继续”就照常处理。")
    }

    /// Takes the answer to the read-back; false when the line is about something else.
    func handleCancelAnswer(_ context: inout Context, ticket sequence: Int64) async throws -> Bool {
        let number = TicketNumber(sequence)
        let text = context.reply.core
        // 不要了 and 撤销 answer "cancel it?" with yes, though elsewhere they cancel a form (QA:
        // 不要了 kept the ticket); 不取消 and 继续 say keep it, though they hold 取消.
        let keeps = Self.keepWords.contains(where: text.includes) || text == "不要"

        if !keeps, context.reply.isYes || Self.cancelWords.contains(where: text.includes) || ["不要了", "撤了"].contains(text) {
            do {
                try await store.apply(.cancel(reason: "居民在对话中取消"), to: number, by: context.resident)
                context.say("好的，工单号：\(number) 已取消。还有别的事随时找我。")
            } catch DispatchStoreError.illegalTransition(_, let state, _, _) {
                context.say("工单号：\(number) 刚刚变成了“\(state.residentName)”，已经不能取消了。需要的话回复“转人工”。")
            }
            return true
        }
        if keeps || context.reply.isNo || context.reply.isSkip || context.reply.isCancel {
            context.say("好的，工单号：\(number) 继续处理。")
            return true
        }
        return false
    }

    /// States in which no one has started the work yet (the workflow's cancel).
    private static let cancellable: Set<TicketState> = [.submitted, .dispatched, .accepted, .claimed]
    private static let cancelWords = ["取消", "撤销", "撤回", "不用来了", "不用修了", "不用派人"]
    /// 不要 to "要取消…吗？" means don't (a review caught it cancelling).
    private static let keepWords = ["继续", "不取消", "别取消", "不要取消", "不用取消", "不需要取消", "没必要取消", "不撤", "照常",
                                    "留着"]
    private static let ticketWords = ["工单", "单子", "报修", "投诉", "那个", "刚才", "修了", "来了", "派人"]
}
