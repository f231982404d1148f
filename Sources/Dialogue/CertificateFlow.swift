import DispatchStore
import Foundation
import Understanding

/// Certificate questions: answered from the knowledge base; a ticket only when asked for.
extension TurnProcessor {
    func answerCertificate(_ context: inout Context) {
        guard let definition = interpreter.catalog["certificate"] else { return }
        guard let id = context.slots.certificateKind, let kind = definition.knowledge.first(where: { $0.id == id }) else {
            context.say(definition.answers["unknown"]
                ?? "这个证明我还不清楚该去哪里开。回复“转人工”，我请社区工作人员帮您问清楚。")
            return
        }
        let key = kind.issuedHere ? "answer_issued_here" : "answer_not_issued"
        let template = definition.answers[key] ?? definition.answers["answer"] ?? "{name}：{note}\n需要准备：{bring}"
        let online = kind.online.isEmpty ? "暂时没有网上办理的办法" : kind.online
        context.say(Templates.fill(template, [
            "name": kind.name, "note": kind.note, "bring": kind.bring.joined(separator: "、"), "online": online,
        ], fallback: ""))
        if kind.issuedHere {
            // The answer asks whether to register it (登记) so staff can prepare it.
            context.state.certificateOffer = kind.id
        }
    }

    func createCertificateTicket(_ kindID: String, _ context: inout Context) async throws {
        guard let definition = interpreter.catalog["certificate"],
              let kind = definition.knowledge.first(where: { $0.id == kindID }) else { return }
        let route = definition.routing?.subcategories.first { $0.id == "issue_here" }?.route ?? definition.routing?.default
        let ticket = try await store.createTicket(TicketDraft(
            category: "certificate", subcategory: "issue_here", priority: TicketPriority(route?.priority),
            summary: "开具\(kind.name)", details: context.state.phonesGiven.isEmpty ? "" : "电话已在对话中提供",
            contactPhone: context.state.phonesGiven.last, conversationID: context.conversation.id,
            channel: context.turn.key.channel, sourceMessageID: "certificate:\(context.conversation.id):\(kindID):\(Int(context.turn.time.timeIntervalSince1970))",
            dispatchWithin: route.map { TimeInterval($0.dispatchWithin.seconds) },
            resolveWithin: route.map { TimeInterval($0.resolveWithin.seconds) }, submittedBy: context.resident))
        sayCreated(ticket, template: definition.answers["created"], route: route, defaultUnit: "社区居委会", &context)
    }
}
