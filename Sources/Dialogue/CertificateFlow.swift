import DispatchStore
import Foundation
import Understanding

/// Certificate questions: answered from the knowledge base; a ticket only when asked for.
extension TurnProcessor {
    /// Answers about the certificate the line names, or about `topic` (a follow-up question).
    func answerCertificate(_ context: inout Context, topic: String? = nil) {
        guard let definition = interpreter.catalog["certificate"] else { return }
        guard let id = context.slots.certificateKind ?? topic, let kind = definition.knowledge.first(where: { $0.id == id }) else {
            if Self.namesNoCertificate(context.reply.core) {
                context.say("请问您要开什么证明？比如居住证明、无犯罪记录证明、低保证明。说出名字，我告诉您去哪里办、要带什么。")
                return
            }
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
        context.state.certificateTopic = kind.id
        // The answer offers to register it (登记): staff prepare a certificate issued here, or
        // call about one that is not.
        context.state.certificateOffer = kind.id
    }

    /// Whether a line asks for a certificate without saying which (我要开证明, 开个证明).
    static func namesNoCertificate(_ core: String) -> Bool {
        let rest = ReplyWords.remainder(of: core, without: [
            "请问", "我要", "我想", "想要", "帮我", "麻烦", "怎么", "能不能", "可以", "一下", "一个", "个", "开", "办", "证明",
            "吗", "呢", "啊",
        ])
        return rest.isEmpty && core.includes("证明")
    }

    /// Words of a short question that follows up on the certificate just explained
    /// (开好了要怎么办理？在哪里开？要带什么？网上能办吗？).
    static let followUpWords = ["怎么办", "怎么开", "怎么弄", "怎么申请", "怎么搞", "么样办", "么样开", "在哪", "哪里",
                                "去哪", "要带", "带什么", "带么事", "需要什么", "什么材料", "要什么", "网上", "线上",
                                "手机上", "多久", "几天", "要钱", "收费", "多少钱"]

    /// Whether `context`'s line is such a follow-up: short, naming no certificate, and not
    /// clearly something else (网格员在哪 asks for a person, 我的工单到哪了 for a status).
    func isCertificateFollowUp(_ context: Context) -> Bool {
        let prediction = context.prediction
        // 网上能查吗 sounds like a status question, but with no ticket in it, it asks about the certificate.
        let aboutTickets = !context.slots.ticketIDs.isEmpty || Self.ticketWords.contains(where: context.text.includes)
        return context.text.count <= 12 && context.slots.certificateKind == nil
            && (!prediction.isConfident || ["certificate", "out_of_scope", "greeting"].contains(prediction.intent)
                || (prediction.intent == "status" && !aboutTickets))
            && Self.followUpWords.contains { context.text.contains($0) }
    }

    private static let ticketWords = ["工单", "单子", "进度", "报修", "投诉", "师傅", "处理"]

    /// Whether the line takes up the offer to register: any yes for a certificate issued here
    /// (the answer asked 需要我先帮您登记吗？), but only 登记 or 需要 for one that is not, where
    /// 好的，谢谢 thanks for the answer rather than asks to be called.
    func acceptsCertificateOffer(_ kindID: String, _ context: Context) -> Bool {
        let issuedHere = interpreter.catalog["certificate"]?.knowledge.first { $0.id == kindID }?.issuedHere ?? false
        if issuedHere { return context.reply.isYes }
        let core = context.reply.core
        return !core.includes("不") && (core.includes("登记") || core.includes("需要") || core == "要")
    }

    func createCertificateTicket(_ kindID: String, _ context: inout Context) async throws {
        guard let definition = interpreter.catalog["certificate"],
              let kind = definition.knowledge.first(where: { $0.id == kindID }) else { return }
        // Not issued here any more: a resident who still needs help is called back and helped.
        let subcategory = kind.issuedHere ? "issue_here" : "clarify"
        let route = definition.routing?.subcategories.first { $0.id == subcategory }?.route ?? definition.routing?.default
        let ticket = try await store.createTicket(TicketDraft(
            category: "certificate", subcategory: subcategory, priority: TicketPriority(route?.priority),
            summary: kind.issuedHere ? "开具\(kind.name)" : "咨询\(kind.name)（社区已不出具，请联系居民）",
            details: context.state.phonesGiven.isEmpty ? "" : "电话已在对话中提供",
            contactPhone: context.state.phonesGiven.last, conversationID: context.conversation.id,
            channel: context.turn.key.channel, sourceMessageID: "certificate:\(context.conversation.id):\(kindID):\(Int(context.turn.time.timeIntervalSince1970))",
            dispatchWithin: route.map { TimeInterval($0.dispatchWithin.seconds) },
            resolveWithin: route.map { TimeInterval($0.resolveWithin.seconds) }, submittedBy: context.resident))
        sayCreated(ticket, template: definition.answers["created"], route: route, defaultUnit: "社区居委会", &context)
        if ticket.contactPhone == nil {
            // Staff call when it is ready (QA found these tickets with no way to reach anyone).
            context.state.phoneWantedFor = ticket.id.sequence
            context.say("请留一个联系电话，工作人员好联系您。")
        }
    }
}
