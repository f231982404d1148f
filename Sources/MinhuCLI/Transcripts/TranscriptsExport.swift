import ArgumentParser
import DispatchStore
import Foundation

extension Minhu.Transcripts {
    /// `minhu transcripts export`: every transcript line, streamed page by page.
    struct Export: AsyncParsableCommand {
        /// The command's name, help and subcommands.
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export every transcript line as JSON Lines or CSV, streamed (any size, constant memory).",
            discussion: """
                Lines are read a page at a time in id order, so exporting millions of lines \
                holds one page in memory and does not hold up a running `minhu serve`. A progress \
                bar is drawn on standard error when it is a terminal. Phones, ID numbers and \
                address numbers are masked unless --reveal-pii is given with --actor.
                Examples:
                  minhu transcripts export --format jsonl > transcripts.jsonl
                  minhu transcripts export --format csv --since 2026-11-01 > november.csv
                """
        )

        /// The output formats.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            /// One JSON object per line.
            case jsonl
            /// A header row, then one row per line.
            case csv
        }

        /// The store.
        @OptionGroup var database: DatabaseOptions

        /// The format.
        @Option(help: "jsonl (one JSON object per line) or csv.")
        var format: Format = .jsonl

        /// Only lines since then.
        @Option(help: ArgumentHelp("Only lines said since: 2026-11-27, '2026-11-27 10:00', or 30m, 2h, 7d ago.", valueName: "time"))
        var since: SinceArgument?

        /// Lines per page.
        @Option(help: "Lines read per page (memory use grows with it).")
        var pageSize = 1000

        /// Reveal with audit.
        @OptionGroup var privacy: PrivacyOptions

        /// Refuses pages that could never advance.
        func validate() throws {
            guard pageSize > 0 else { throw ValidationError("--page-size must be positive") }
        }

        /// Streams the export.
        func run() async throws {
            let store = try database.openStore()
            let masking = try await privacy.masking(in: store, subject: "transcripts export", what: "transcript")
            let healthConversations = try await Self.healthConversations(in: store)
            let progress = ProgressBar(label: "导出 export", total: 0)
            if progress.isVisible { progress.update(total: Int(try await Self.lastMessageID(in: store))) }
            if format == .csv { print(TranscriptRecord.csvHeader) }
            var read = 0
            for try await page in store.transcriptPages(of: nil, pageSize: pageSize) {
                var chunk = ""
                for message in page where since.map({ message.at >= $0.date }) ?? true {
                    let record = TranscriptRecord(
                        message, masking: masking.hidingHealth(healthConversations.contains(message.conversationID)))
                    chunk += (format == .csv ? record.csvRecord : try StaffJSON.line(record)) + "\n"
                }
                print(chunk, terminator: "")
                read += page.count
                progress.update(done: read)
            }
            progress.finish(done: read)
        }

        /// The conversations whose lines are hidden whole unless revealed (see
        /// ``Masking/about(lines:tickets:)``): a line classified `health`, or a health ticket.
        static func healthConversations(in store: any DispatchStore) async throws -> Set<Int64> {
            let talked = try await store.conversations(matching: ConversationFilter(intent: Masking.healthCategory, limit: nil))
            let ticketed = try await store.tickets(matching: TicketFilter(category: Masking.healthCategory, limit: nil))
            return Set(talked.map(\.id)).union(ticketed.compactMap(\.conversationID))
        }

        /// The id of the last transcript line, found with a few keyset probes, since the store
        /// has no count: ids are dense (the next is always MAX+1), so it is the number of lines.
        static func lastMessageID(in store: any DispatchStore) async throws -> Int64 {
            func exists(after id: Int64) async throws -> Bool {
                try await !store.transcriptPage(of: nil, afterID: id, limit: 1).isEmpty
            }
            guard try await exists(after: 0) else { return 0 }
            // Invariant: some line has an id above `low`, none above `high`.
            var low: Int64 = 0
            var high: Int64 = 1024
            while try await exists(after: high) {
                low = high
                high *= 2
            }
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if try await exists(after: middle) { low = middle } else { high = middle }
            }
            return high
        }
    }
}
