import DispatchStore
import Foundation
import MinhuTestSupport
import Testing

/// The crash drill, `minhu bench crash`: residents file tickets over the line protocol while
/// `minhu serve` is killed with SIGKILL and restarted. The drill itself fails (exit 1) when a
/// told ticket number is missing or the database is damaged; these tests run it on both stores
/// and count the tickets themselves too. The README's figure comes from 20 rounds in release.
@Suite(.serialized) struct CrashSafetyTests {
    @Test func killingTheServerUnderLoadLosesNoToldTicketOnSQLite() async throws {
        let database = try ScenarioDatabase()
        defer { database.remove() }
        let told = try Self.drill(database.db)
        #expect(try await database.store.integrityCheck() == ["ok"])
        #expect(try await database.store.tickets(matching: TicketFilter(limit: nil)).count >= told)
    }

    @Test func killingANodeUnderLoadLosesNoToldTicketOnPostgres() async throws {
        try await TestPostgres.withStore { store in
            _ = try await store.units()
            let told = try Self.drill(["--db", try TestPostgres.url(schema: store.configuration.schema)])
            #expect(try await store.tickets(matching: TicketFilter(limit: nil)).count >= told)
        }
    }

    /// Runs three rounds of the drill on `database`; returns how many ticket numbers it told.
    private static func drill(_ database: [String]) throws -> Int {
        let output = try runMinhu(["bench", "crash", "--rounds", "3"] + database + intentsOption)
        #expect(output.exitCode == 0, "\(output.stdout)\n\(output.stderr)")
        let summary = try #require(output.stdout.firstMatch(of: /3 SIGKILLs, (\d+) ticket numbers told, 0 lost/),
                                   "\(output.stdout)\n\(output.stderr)")
        let told = try #require(Int(summary.1))
        #expect(told >= 15, "\(output.stdout)")
        return told
    }
}
