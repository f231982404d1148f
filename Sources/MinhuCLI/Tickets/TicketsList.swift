import ArgumentParser
import DispatchStore
import Foundation
import Understanding

extension Minhu.Tickets {
    /// `minhu tickets list`: the tickets matching filters, newest first.
    struct List: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List tickets, newest first.",
            discussion: """
                Examples:
                  minhu tickets list --state submitted --overdue
                  minhu tickets list --category repair --since 7d --json
                  minhu tickets list --unit wuye-3 -q
                Phones and address numbers in summaries are masked unless --reveal-pii is given;
                --search then finds only text the listing shows.
                """
        )

        /// The store (`--db`).
        @OptionGroup var database: DatabaseOptions

        /// Only these states.
        @Option(name: .customLong("state"), parsing: .singleValue, help: ArgumentHelp(
            "Only this state (repeatable): submitted, dispatched, accepted, claimed, in_progress, resolved, verified, closed, cancelled, merged, or the Chinese name.",
            valueName: "state"))
        var states: [TicketStateArgument] = []

        /// Only this category (repair, health, complaint, certificate …).
        @Option(help: ArgumentHelp("Only this category (repair, health, complaint, certificate …).", valueName: "intent"))
        var category: String?

        /// Only tickets dispatched to this unit id.
        @Option(help: ArgumentHelp("Only tickets dispatched to this unit id.", valueName: "unit"))
        var unit: String?

        /// Only tickets past their dispatch or resolve deadline now.
        @Flag(help: "Only tickets past their dispatch or resolve deadline now.")
        var overdue = false

        /// Only tickets created since: 2026-11-27, '2026-11-27 10:00', or 30m, 2h, 7d ago.
        @Option(help: ArgumentHelp("Only tickets created since: 2026-11-27, '2026-11-27 10:00', or 30m, 2h, 7d ago.", valueName: "time"))
        var since: SinceArgument?

        /// Only tickets whose summary or details contain this text.
        @Option(help: ArgumentHelp("Only tickets whose summary or details contain this text.", valueName: "text"))
        var search: String?

        /// At most this many tickets (0 for all).
        @Option(help: "At most this many tickets (0 for all).")
        var limit = 100

        /// Print a JSON array of tickets.
        @Flag(help: "Print a JSON array of tickets.")
        var json = false

        /// Print CSV with a header row.
        @Flag(help: "Print CSV with a header row.")
        var csv = false

        /// Print ticket numbers only, one per line.
        @Flag(name: .shortAndLong, help: "Print ticket numbers only, one per line.")
        var quiet = false

        /// Masked output, or an audited reveal (`--reveal-pii --actor`).
        @OptionGroup var privacy: PrivacyOptions

        func validate() throws {
            guard [json, csv, quiet].filter({ $0 }).count <= 1 else {
                throw ValidationError("choose one of --json, --csv and -q")
            }
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
            // A misspelt category listed nothing, silently (QA).
            if let category, !CategoryList.known.contains(category.lowercased()) {
                throw ValidationError("--category: unknown category \(category) (known: \(CategoryList.known.joined(separator: ", ")))")
            }
        }

        /// Runs the command.
        func run() async throws {
            let store = try database.openStore()
            let now = Date()
            // A search without a reveal finds only what the listing shows: matching the stored
            // text, it would confirm a phone or ID number, or a health complaint shown as hidden
            // (QA). So it runs over all matches, masked, before the limit.
            let filtersMaskedText = search != nil && !privacy.revealPII
            var tickets = try await store.tickets(matching: TicketFilter(
                states: Set(states.map(\.state)), category: category?.lowercased(), unitID: unit,
                overdueAt: overdue ? now : nil, since: since?.date, text: search,
                limit: limit == 0 || filtersMaskedText ? nil : limit))
            if filtersMaskedText, let search {
                let masking = Masking.masked(PersonalDataMasker())
                tickets = tickets.filter { ticket in
                    [ticket.summary, ticket.details].contains { masking.about(ticket).text($0).contains(search) }
                }
                if limit > 0 { tickets = Array(tickets.prefix(limit)) }
            }
            // Recorded before anything prints, -q too: a search of stored text reveals what it matched.
            let masking = try await privacy.masking(
                in: store, subject: (search.map { "search \($0): " } ?? "") + tickets.map(\.id.description).joined(separator: ","),
                what: tickets.contains { $0.category == Masking.healthCategory } ? "phone,address,health" : "phone,address")
            if quiet {
                for ticket in tickets { print(ticket.id) }
                return
            }
            if json {
                try StaffJSON.print(tickets.map { TicketRecord($0, masking: masking, now: now) })
            } else if csv {
                print(TicketCSV.header)
                for ticket in tickets { print(TicketCSV.record(ticket, masking: masking, now: now)) }
            } else {
                print(Self.table(tickets, masking: masking, now: now))
            }
        }

        /// The aligned table: number, age, state, category (紧急 first for an emergency or an
        /// urgent ticket, which would otherwise look like any other row), short summary, unit, due.
        static func table(_ tickets: [Ticket], masking: Masking, now: Date) -> String {
            var table = TextTable(["编号 ID", "时长 Age", "状态 State", "类别 Category", "摘要 Summary", "单位 Unit", "时限 Due"])
            for ticket in tickets {
                let urgent = ticket.isEmergency || ticket.priority == .urgent
                table.append([
                    ticket.id.description, StaffTime.age(of: ticket.createdAt, now: now), ticket.state.bilingualName,
                    (urgent ? "紧急 " : "") + ticket.categoryLabel, masking.about(ticket).text(ticket.summary).truncated(toWidth: 24),
                    ticket.unitID ?? "—",
                    ticket.dueLabel(now: now),
                ])
            }
            return table.rendered()
        }
    }
}

/// Tickets as CSV, for spreadsheets.
enum TicketCSV {
    /// The header row.
    static let header = CSV.record([
        "id", "state", "state_name", "category", "subcategory", "priority", "summary", "address", "contact_phone",
        "unit_id", "assignee", "dispatch_due_at", "resolve_due_at", "overdue", "rating", "created_at", "updated_at",
    ])

    /// One ticket's row.
    static func record(_ ticket: Ticket, masking: Masking, now: Date) -> String {
        CSV.record([
            ticket.id.description, ticket.state.rawValue, ticket.state.chineseName, ticket.category,
            ticket.subcategory ?? "", ticket.priority.rawValue, masking.about(ticket).text(ticket.summary),
            ticket.address.map(masking.address) ?? "", ticket.contactPhone.map(masking.phone) ?? "",
            ticket.unitID ?? "", ticket.assignee ?? "", ticket.dispatchDueAt.map(StaffTime.iso) ?? "",
            ticket.resolveDueAt.map(StaffTime.iso) ?? "", ticket.overdue(at: now)?.rawValue ?? "",
            ticket.rating.map(String.init) ?? "", StaffTime.iso(ticket.createdAt), StaffTime.iso(ticket.updatedAt),
        ])
    }
}
