import DispatchStore
import Testing

/// 抢单 is first come, first served, however many volunteers tap at once.
@Suite struct ClaimRaceTests {
    @Test(arguments: StoreBackend.allCases)
    func ofFiftyConcurrentClaimersExactlyOneWinsAndTheOthersHearAlreadyTaken(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.ticket(in: .dispatched)
            let outcomes = await withTaskGroup(of: (String, Result<Ticket, any Error>).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let volunteer = ActorRef.volunteer("vol-\(index)")
                        do {
                            return (volunteer.id, .success(try await store.apply(.claim, to: ticket.id, by: volunteer)))
                        } catch {
                            return (volunteer.id, .failure(error))
                        }
                    }
                }
                var outcomes: [(String, Result<Ticket, any Error>)] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }

            let winners = outcomes.filter { if case .success = $0.1 { true } else { false } }.map(\.0)
            try #require(winners.count == 1, "winners: \(winners)")
            let winner = winners[0]
            for (volunteer, result) in outcomes where volunteer != winner {
                guard case .failure(let error) = result else { continue }
                #expect(error as? DispatchStoreError
                        == .alreadyTaken(ticket: ticket.id, state: .claimed, assignee: winner), "\(volunteer)")
            }

            let stored = try #require(try await store.ticket(ticket.id))
            #expect(stored.state == .claimed)
            #expect(stored.assignee == winner)
            let claims = try await store.events(of: ticket.id).filter { $0.action == .claim }
            #expect(claims.map(\.actorID) == [winner])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aUnitCannotAcceptWhatAVolunteerClaimed(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.ticket(in: .claimed)
            await #expect(throws: DispatchStoreError.alreadyTaken(
                ticket: ticket.id, state: .claimed, assignee: Cast.volunteer.id)
            ) {
                try await store.apply(.accept, to: ticket.id, by: Cast.unit)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anotherVolunteerCannotStartOrResolveAClaimedTicket(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ticket = try await store.ticket(in: .claimed)
            let other = ActorRef.volunteer("vol-other")
            // Once both succeeded, as any volunteer.
            await #expect(throws: DispatchStoreError.alreadyTaken(
                ticket: ticket.id, state: .claimed, assignee: Cast.volunteer.id)
            ) {
                try await store.apply(.start, to: ticket.id, by: other)
            }
            try await store.apply(.start, to: ticket.id, by: Cast.volunteer)
            await #expect(throws: DispatchStoreError.alreadyTaken(
                ticket: ticket.id, state: .inProgress, assignee: Cast.volunteer.id)
            ) {
                try await store.apply(.resolve(), to: ticket.id, by: other)
            }
            #expect(try await store.apply(.resolve(), to: ticket.id, by: Cast.volunteer).state == .resolved)
        }
    }
}
