import ArgumentParser
import DispatchStore
import Foundation

extension Minhu.Transcripts {
    /// `minhu transcripts show CONVERSATION`: one conversation as a chat, with the tickets it opened.
    struct Show: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a conversation as a chat: time, who, text, and the intent the bot saw.",
            discussion: """
                Examples:
                  minhu transcripts show 12
                  minhu transcripts show 12 --reveal-pii --actor wangfang
                """
        )

        /// The store.
        @OptionGroup var database: DatabaseOptions

        /// The conversation.
        @Argument(help: ArgumentHelp("The conversation id (from `transcripts list`; a leading # is fine).", valueName: "conversation"))
        var conversation: String

        /// JSON instead of a chat.
        @Flag(help: "Print the conversation, its lines and its tickets as one JSON object.")
        var json = false

        /// Reveal with audit.
        @OptionGroup var privacy: PrivacyOptions

        /// Refuses what is not a conversation id.
        func validate() throws {
            guard conversationID != nil else { throw ValidationError("'\(conversation)' is not a conversation id") }
        }

        /// `12` or `#12`.
        private var conversationID: Int64? {
            Int64(conversation.hasPrefix("#") ? String(conversation.dropFirst()) : conversation)
        }

        /// Prints the chat and the tickets.
        func run() async throws {
            let store = try database.openStore()
            guard let id = conversationID, let conversation = try await store.conversation(id) else {
                throw CLIError("conversation \(self.conversation) not found")
            }
            let messages = try await store.transcript(of: id)
            let tickets = try await store.tickets(forConversation: id).sorted { $0.id < $1.id }
            let masking = try await privacy.masking(in: store, subject: "conversation \(id)", what: "transcript")
            let linesMasking = masking.about(lines: messages, tickets: tickets)
            if json {
                try StaffJSON.print(ConversationDetailRecord(
                    conversation: ConversationRecord(conversation, tickets: tickets.map(\.id)),
                    lines: messages.map { TranscriptRecord($0, masking: linesMasking) },
                    ticketDetails: tickets.map { TicketRecord($0, masking: masking, now: Date()) }))
                return
            }
            var header = "对话 Conversation #\(id)  \(conversation.channel)"
            if !conversation.room.isEmpty { header += "  \(conversation.room)" }
            header += "  \(conversation.user)  开始 \(StaffTime.full(conversation.createdAt))"
            if conversation.isFlaggedForHuman { header += "  转人工 flagged" }
            print(header)
            print(messages.isEmpty ? "(no lines)" : ChatTranscript.render(messages, masking: linesMasking))
            print("")
            guard !tickets.isEmpty else {
                print("工单 Tickets: none")
                return
            }
            print("工单 Tickets")
            var table = TextTable(["编号 ID", "状态 State", "类别 Category", "摘要 Summary", "单位 Unit"])
            for ticket in tickets {
                table.append([ticket.id.description, ticket.state.bilingualName, ticket.categoryLabel,
                              masking.about(ticket).text(ticket.summary).truncated(toWidth: 30), ticket.unitID ?? "—"])
            }
            print(table.rendered(indent: "  "))
        }
    }
}

/// `transcripts show --json`.
struct ConversationDetailRecord: Encodable {
    /// Printed as `conversation`.
    let conversation: ConversationRecord
    /// Printed as `lines`.
    let lines: [TranscriptRecord]
    /// Printed as `ticket_details`.
    let ticketDetails: [TicketRecord]

    /// snake_case keys, as the store's own records use.
    enum CodingKeys: String, CodingKey {
        case conversation, lines
        case ticketDetails = "tickets"
    }
}
