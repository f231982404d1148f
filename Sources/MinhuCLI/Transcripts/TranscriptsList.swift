import ArgumentParser
import DispatchStore
import Foundation
import Understanding

extension Minhu.Transcripts {
    /// `minhu transcripts list`: conversations, most recently active first.
    struct List: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List conversations, most recently active first.",
            discussion: """
                Examples:
                  minhu transcripts list --flagged            # residents who asked for a person
                  minhu transcripts list --intent complaint --since 1d
                  minhu transcripts list --search 电梯 --json
                """
        )

        /// The store.
        @OptionGroup var database: DatabaseOptions

        /// Only conversations active since then.
        @Option(help: ArgumentHelp("Only conversations active since: 2026-11-27, '2026-11-27 10:00', or 30m, 2h, 7d ago.", valueName: "time"))
        var since: SinceArgument?

        /// Only this channel.
        @Option(help: ArgumentHelp("Only this channel (line, irc, onebot …).", valueName: "channel"))
        var channel: String?

        /// Only flagged conversations.
        @Flag(help: "Only conversations where the resident asked for a person (转人工) or the bot gave up.")
        var flagged = false

        /// Only conversations with a line of this intent.
        @Option(help: ArgumentHelp("Only conversations with a resident line classified as this intent.", valueName: "intent"))
        var intent: String?

        /// Only conversations with a line containing this text.
        @Option(help: ArgumentHelp("Only conversations with a line containing this text.", valueName: "text"))
        var search: String?

        /// How many.
        @Option(help: "At most this many conversations (0 for all).")
        var limit = 100

        /// JSON instead of a table.
        @Flag(help: "Print a JSON array of conversations with their ticket numbers.")
        var json = false

        /// A search of what residents said is a look at it: masked unless revealed.
        @OptionGroup var privacy: PrivacyOptions

        /// Refuses a negative limit.
        func validate() throws {
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        }

        /// Prints the conversations and the tickets each opened.
        func run() async throws {
            let store = try database.openStore()
            let masker = PersonalDataMasker()
            // Finding who wrote a phone or ID number is looking it up (QA): only with a reveal.
            if let search, !privacy.revealPII, masker.mask(search) != search {
                throw ValidationError("searching for a phone, ID or address number needs --reveal-pii --actor NAME (recorded in the audit log)")
            }
            let filtersHealth = search != nil && !privacy.revealPII
            let conversations = try await store.conversations(matching: ConversationFilter(
                since: since?.date, channel: channel, isFlaggedForHuman: flagged ? true : nil, intent: intent,
                text: search, limit: limit == 0 || filtersHealth ? nil : limit))
            var rows: [ConversationRecord] = []
            for conversation in conversations {
                let tickets = try await store.tickets(forConversation: conversation.id)
                // Without a reveal a search does not say which health conversations hold a word:
                // their lines are hidden in `transcripts show` too.
                if filtersHealth, case .healthHidden = Masking.masked(masker).about(
                    lines: try await store.transcript(of: conversation.id), tickets: tickets) { continue }
                rows.append(ConversationRecord(conversation, tickets: tickets.map(\.id).sorted()))
                if filtersHealth, limit > 0, rows.count == limit { break }
            }
            if let search {
                // Records the reveal, if this was one.
                _ = try await privacy.masking(in: store, subject: "search \(search): conversations " + rows.map { "#\($0.id)" }.joined(separator: ","),
                                              what: "transcript")
            }
            if json {
                try StaffJSON.print(rows)
                return
            }
            var table = TextTable(["编号 ID", "开始 Started", "最近 Active", "渠道 Channel", "群 Room", "居民 User", "转人工 Flagged", "工单 Tickets"])
            for row in rows {
                table.append([
                    "#\(row.id)", StaffTime.short(row.createdAt), StaffTime.short(row.updatedAt), row.channel,
                    row.room.isEmpty ? "—" : row.room.truncated(toWidth: 20), row.user.truncated(toWidth: 20),
                    row.isFlaggedForHuman ? "是 yes" : "", row.tickets.joined(separator: " "),
                ])
            }
            print(table.rendered())
        }
    }
}

/// A conversation as `transcripts list --json` prints it.
struct ConversationRecord: Encodable {
    /// Printed as `id`.
    let id: Int64
    /// Printed as `channel`.
    let channel: String
    /// Printed as `room`.
    let room: String
    /// Printed as `user`.
    let user: String
    /// Printed as `is_flagged_for_human`.
    let isFlaggedForHuman: Bool
    /// Printed as `created_at`.
    let createdAt: Date
    /// Printed as `updated_at`.
    let updatedAt: Date
    /// Printed as `tickets`.
    let tickets: [String]

    /// The record of `conversation` and the numbers of the tickets it opened.
    init(_ conversation: Conversation, tickets: [TicketNumber]) {
        id = conversation.id
        channel = conversation.channel
        room = conversation.room
        user = conversation.user
        isFlaggedForHuman = conversation.isFlaggedForHuman
        createdAt = conversation.createdAt
        updatedAt = conversation.updatedAt
        self.tickets = tickets.map(\.description)
    }

    /// snake_case keys, as the store's own records use.
    enum CodingKeys: String, CodingKey {
        case id, channel, room, user
        case isFlaggedForHuman = "is_flagged_for_human"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case tickets
    }
}
