import DispatchStore
import Foundation

/// 转人工: the conversation is flagged, and a callback ticket (category `human`) puts the
/// resident in the staff's queue with deadlines, like any request: QA found "稍后会有人回复您"
/// promised with no way for anyone to reply. One open callback per conversation.
extension TurnProcessor {
    func handOff(_ context: inout Context) async throws {
        try await store.setFlaggedForHuman(true, for: context.conversation.id)
        let mine = try await store.tickets(forConversation: context.conversation.id)
        if let open = mine.first(where: { $0.category == "human" && $0.state.awaitsResolution }) {
            context.say("已经请工作人员跟进了，工单号：\(open.id)。" + answers.officeContact)
            return
        }
        let definition = interpreter.catalog["human"]
        let route = definition?.routing?.default
        let phone = context.slots.phones.first?.value ?? context.state.phonesGiven.last
        let ticket = try await store.createTicket(TicketDraft(
            category: "human", priority: TicketPriority(route?.priority),
            summary: Self.summary(of: "居民要求人工联系：" + context.text), details: context.text,
            contactPhone: phone, conversationID: context.conversation.id, channel: context.turn.key.channel,
            sourceMessageID: "handoff:\(context.conversation.id):\(Int(context.turn.time.timeIntervalSince1970))",
            dispatchWithin: route.map { TimeInterval($0.dispatchWithin.seconds) },
            resolveWithin: route.map { TimeInterval($0.resolveWithin.seconds) }, submittedBy: context.resident))
        sayCreated(ticket, template: definition?.answers["created"], route: route, defaultUnit: "社区工作人员", &context)
        context.say(answers.officeContact)
        // In the middle of a form, the form asks for the phone itself.
        if phone == nil, context.state.form == nil {
            context.state.phoneWantedFor = ticket.id.sequence
            context.say("请留一个联系电话，工作人员好打给您。")
        }
    }
}
