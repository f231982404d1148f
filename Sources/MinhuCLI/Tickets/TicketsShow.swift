import ArgumentParser
import DispatchStore
import Foundation

extension Minhu.Tickets {
    /// `minhu tickets show ID`: every field, the whole history, and the chat around the ticket's creation.
    struct Show: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a ticket: every field, its history, and the conversation around its creation.",
            discussion: """
                Examples:
                  minhu tickets show MH-000123
                  minhu tickets show 123 --json
                  minhu tickets show 123 --reveal-pii --actor wangfang
                """
        )

        /// The store (`--db`).
        @OptionGroup var database: DatabaseOptions

        /// The ticket.
        @Argument(help: ArgumentHelp("The ticket: MH-000123, mh123 or 123.", valueName: "id"))
        var ticket: TicketArgument

        /// Print the ticket, its events and its transcript lines as one JSON object.
        @Flag(help: "Print the ticket, its events and its transcript lines as one JSON object.")
        var json = false

        /// Masked output, or an audited reveal (`--reveal-pii --actor`).
        @OptionGroup var privacy: PrivacyOptions

        /// Runs the command.
        func run() async throws {
            let store = try database.openStore()
            guard let ticket = try await store.ticket(ticket.number) else {
                throw CLIError("ticket \(self.ticket) not found")
            }
            let events = try await store.events(of: ticket.id)
            var conversation: [TranscriptMessage] = []
            if let conversationID = ticket.conversationID { conversation = try await store.transcript(of: conversationID) }
            let (transcript, earlier) = ChatTranscript.leadingTo(ticket, in: conversation)
            let units = try await store.units()
            let masking = try await privacy.masking(in: store, subject: ticket.id.description,
                                                    what: "phone,address,health,transcript")
            // The chat is hidden whole if the conversation was about health anywhere, not only here.
            let chatMasking = masking.about(lines: conversation, tickets: [ticket])
            let now = Date()
            if json {
                try StaffJSON.print(TicketDetailRecord(
                    ticket: TicketRecord(ticket, masking: masking, now: now),
                    events: events.map { TicketEventRecord($0, masking: masking.about(ticket)) },
                    transcript: transcript.map { TranscriptRecord($0, masking: chatMasking) }))
                return
            }
            print(Self.fields(ticket, units: units, masking: masking, now: now))
            print("")
            print("历史 History")
            print(Self.history(events, masking: masking.about(ticket)))
            if let conversationID = ticket.conversationID {
                print("")
                print("对话 Conversation #\(conversationID)（创建前后 around creation）")
                if earlier > 0 {
                    print("  （前面还有 \(earlier) 行 \(earlier) earlier lines: minhu transcripts show \(conversationID)）")
                }
                print(transcript.isEmpty ? "  (no lines)" : ChatTranscript.render(transcript, masking: chatMasking, indent: "  "))
            }
        }

        /// Every field of the ticket as `label  value` lines.
        static func fields(_ ticket: Ticket, units: [ServiceUnit], masking: Masking, now: Date) -> String {
            let masking = masking.about(ticket)
            func unitLabel(_ id: String) -> String {
                units.first { $0.id == id }.map { "\(id) (\($0.name))" } ?? id
            }
            func due(_ date: Date?, _ kind: Ticket.Overdue) -> String? {
                date.map { StaffTime.full($0) + (ticket.overdue(at: now) == kind ? "  超时 overdue" : "") }
            }
            let fields: [(String, String?)] = [
                ("编号 Ticket", ticket.id.description),
                ("状态 State", ticket.state.bilingualName),
                ("类别 Category", ticket.categoryLabel),
                ("优先级 Priority", ticket.priority.rawValue + (ticket.isEmergency ? "  紧急 emergency" : "")),
                ("摘要 Summary", masking.text(ticket.summary)),
                ("详情 Details", ticket.details.isEmpty ? nil : masking.text(ticket.details)),
                ("地址 Address", ticket.address.map(masking.address)),
                ("电话 Phone", ticket.contactPhone.map(masking.phone)),
                ("渠道 Channel", ticket.channel),
                ("对话 Conversation", ticket.conversationID.map { "#\($0)" }),
                ("单位 Unit", ticket.unitID.map(unitLabel)),
                ("承办 Assignee", ticket.assignee),
                ("派单时限 Dispatch due", due(ticket.dispatchDueAt, .dispatch)),
                ("办结时限 Resolve due", due(ticket.resolveDueAt, .resolve)),
                ("重办 Reopened", ticket.reopenCount > 0 ? "\(ticket.reopenCount)" : nil),
                ("合并到 Merged into", ticket.duplicateOf?.description),
                ("评分 Rating", ticket.rating.map { "\($0)/5" + (ticket.ratingComment.map { "  \(masking.text($0))" } ?? "") }),
                ("创建 Created", StaffTime.full(ticket.createdAt)),
                ("更新 Updated", StaffTime.full(ticket.updatedAt)),
            ]
            let present = fields.compactMap { label, value in value.map { (label, $0) } }
            let width = present.map(\.0.displayWidth).max() ?? 0
            let indent = String(repeating: " ", count: width + 2)
            return present.map { label, value in
                label.padded(toWidth: width) + "  " + value.replacingOccurrences(of: "\n", with: "\n" + indent)
            }.joined(separator: "\n")
        }

        /// The history as a table: sequence, time, who, action, transition, details.
        static func history(_ events: [TicketEvent], masking: Masking) -> String {
            var table = TextTable(["#", "时间 When", "谁 Who", "动作 Action", "状态 State", "说明 Details"])
            table.rightAligned = [0]
            for event in events {
                table.append([
                    "\(event.sequence)", StaffTime.full(event.at), event.actor.description, event.action.bilingualName,
                    // In full: the last column, and `show` promises every field (a note cut at 60
                    // columns lost its end and its internal mark).
                    event.transitionLabel, event.detailsLabel(masking: masking),
                ])
            }
            return table.rendered(indent: "  ")
        }
    }
}

/// `tickets show --json`: the ticket, its history and the transcript lines that led to it.
struct TicketDetailRecord: Encodable {
    /// Printed as `ticket`.
    let ticket: TicketRecord
    /// Printed as `events`.
    let events: [TicketEventRecord]
    /// Printed as `transcript`.
    let transcript: [TranscriptRecord]
}
