import DispatchStore
import Foundation
import Understanding

/// 进度查询: this resident's tickets, in plain Chinese, with the next step.
///
/// Only tickets filed in this conversation are shown. Neither a ticket number nor a phone
/// number proves who is asking: neighbours know each other's phones, and numbers are
/// sequential. A resident on a new line connection comes back to their conversation with its
/// session code (`/resume`); a chat-group member's conversation is their account in the group.
extension TurnProcessor {
    func answerStatus(_ context: inout Context) async throws {
        let definition = interpreter.catalog["status"]
        var visible = try await store.tickets(forConversation: context.conversation.id).sorted { $0.createdAt > $1.createdAt }
        let asked = context.slots.ticketIDs.compactMap { TicketNumber(parsing: $0.value) }
        if !asked.isEmpty { visible = visible.filter { asked.contains($0.id) } }
        guard !visible.isEmpty else {
            context.say(Templates.fill(asked.isEmpty
                ? (definition?.answers["none_here"] ?? "这个对话里还没有您登记的工单。")
                : (definition?.answers["none_found"] ?? "这个对话里没有查到这张工单，请核对工单号。"), answers.office))
            return
        }
        let listed = Array(visible.prefix(5))
        context.say(Templates.fill(definition?.answers["list_header"] ?? "帮您查到{count}张工单：", ["count": "\(visible.count)"]))
        for line in try await describe(listed) { context.say(line) }
    }

    /// `工单号：MH-000123 · 报修 · 已派单 —— 已派给3栋物业，等对方接单`, one line per ticket,
    /// with the last public word on it (a note, or what the unit did when it resolved it).
    func describe(_ tickets: [Ticket]) async throws -> [String] {
        // Residents read the directory's names (3栋物业), not the ids staff type (wuye-3).
        let names = Dictionary(try await store.units().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var lines: [String] = []
        for ticket in tickets {
            let category = interpreter.catalog[ticket.category]?.name ?? ticket.category
            var line = "工单号：\(ticket.id) · \(category) · \(ticket.state.residentName) —— \(nextStep(ticket, names))"
            if let latest = try await latestPublicWord(on: ticket) {
                line += latest.action == .resolve ? "\n处理情况：\(latest.text)" : "\n最新消息：\(latest.text)"
            }
            lines.append(line)
        }
        return lines
    }

    /// The resident's own words, to say which request a ticket is: the first clause, masked as
    /// in every reply (cut at 20 characters, it once ended inside a masked phone: 电话139**).
    func shortSummary(of ticket: Ticket) -> String {
        let masked = masker.mask(ticket.summary, addresses: false)
        let clause = masked.split(whereSeparator: { "，。,.;；!！?？".contains($0) }).first.map(String.init) ?? masked
        return clause.count > 20 ? clause.prefix(20) + "…" : clause
    }

    /// The last thing staff or the unit wrote for the resident: a public note (`minhu tickets
    /// note`, QA: it never reached them) or what was done when it was resolved (`resolve --note`).
    /// What was done is said only while it stands: reopened, the ticket is back in the queue.
    private func latestPublicWord(on ticket: Ticket) async throws -> (action: TicketAction, text: String)? {
        let done = [.resolved, .verified, .closed].contains(ticket.state)
        let event = try await store.events(of: ticket.id).last {
            ($0.action == .note || $0.action == .resolve && done) && $0.visibility == .public && !($0.reason ?? "").isEmpty
        }
        return event.map { ($0.action, $0.reason ?? "") }
    }

    private func nextStep(_ ticket: Ticket, _ names: [String: String]) -> String {
        let unit = ticket.unitID.map { names[$0] ?? $0 } ?? "处理单位"
        switch ticket.state {
        case .submitted: return "等社区派单，会尽快安排"
        case .dispatched: return "已派给\(unit)，等对方接单"
        case .accepted, .claimed: return "\(ticket.assignee.map { names[$0] ?? $0 } ?? unit)已接单，会尽快联系您"
        case .inProgress: return "正在处理中"
        case .resolved: return "已经处理完，请您评价（回复1到5分）"
        case .verified: return "社区已验收，欢迎您评价"
        case .closed: return ticket.rating.map { "已完成，您的评价：\($0)分" } ?? "已完成"
        case .cancelled: return "已取消"
        case .merged: return ticket.duplicateOf.map { "已并入工单号：\($0) 一起处理" } ?? "已与其他工单合并处理"
        }
    }
}
