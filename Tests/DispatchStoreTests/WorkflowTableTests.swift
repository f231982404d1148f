import DispatchStore
import Testing

/// Spot checks of the workflow table itself, so that a wrong row cannot hide behind
/// table-driven tests that only compare the store with the table.
@Suite struct WorkflowTableTests {
    @Test func theFiveStepsRunFromSubmittedToClosed() throws {
        let steps: [(TicketAction, TicketState, TicketState, ActorKind)] = [
            (.dispatch, .submitted, .dispatched, .staff),
            (.accept, .dispatched, .accepted, .unit),
            (.claim, .dispatched, .claimed, .volunteer),
            (.start, .accepted, .inProgress, .unit),
            (.start, .claimed, .inProgress, .volunteer),
            (.resolve, .inProgress, .resolved, .unit),
            (.verify, .resolved, .verified, .staff),
            (.close, .verified, .closed, .resident),
        ]
        for (action, from, to, actor) in steps {
            let row = try #require(Workflow.transition(for: action))
            #expect(row.from.contains(from), "\(action) from \(from)")
            #expect(row.to == to, "\(action) leads to \(to)")
            #expect(row.actors.contains(actor), "\(actor) may \(action)")
        }
    }

    @Test func onlyVolunteersClaimAndOnlyUnitsAccept() throws {
        #expect(try #require(Workflow.transition(for: .claim)).actors == [.volunteer])
        #expect(try #require(Workflow.transition(for: .accept)).actors == [.unit])
    }

    @Test func onlyStaffVerify() throws {
        #expect(try #require(Workflow.transition(for: .verify)).actors == [.staff])
    }

    @Test func returningNeedsAReasonAndGoesBackToSubmitted() throws {
        let row = try #require(Workflow.transition(for: .sendBack))
        #expect(row.from == [.dispatched])
        #expect(row.to == .submitted)
        #expect(row.requiresReason)
    }

    @Test func reopeningNeedsAReasonAndGoesBackToDispatched() throws {
        let row = try #require(Workflow.transition(for: .reopen))
        #expect(row.from == [.resolved, .verified, .closed])
        #expect(row.to == .dispatched)
        #expect(row.requiresReason)
        #expect(row.actors.contains(.resident))
    }

    @Test func residentsCancelOnlyBeforeWorkStarts() throws {
        let row = try #require(Workflow.transition(for: .cancel))
        #expect(row.from == [.submitted, .dispatched, .accepted, .claimed])
        #expect(row.actors.contains(.resident))
        #expect(!Workflow.allowedActions(from: .inProgress).contains(.cancel))
    }

    @Test func finishedTicketsAllowOnlyReopening() {
        #expect(Workflow.allowedActions(from: .closed) == [.reopen])
        #expect(Workflow.allowedActions(from: .cancelled).isEmpty)
        #expect(Workflow.allowedActions(from: .merged).isEmpty)
    }

    @Test func everyActionButSubmitAndNoteHasExactlyOneRow() {
        for action in TicketAction.allCases {
            let rows = Workflow.transitions.filter { $0.action == action }
            #expect(rows.count == (action == .submit || action == .note ? 0 : 1), "\(action)")
        }
    }

    @Test func everyStateButCancelledAndMergedCanBeLeft() {
        for state in TicketState.allCases {
            #expect(Workflow.allowedActions(from: state).isEmpty == (state == .cancelled || state == .merged), "\(state)")
        }
    }

    @Test func statesCarryTheirChineseNames() {
        let names = TicketState.allCases.map(\.chineseName)
        #expect(names == [
            "已提交", "已派单", "已接单", "已抢单", "处理中", "已办结（待验收）", "已验收", "已完成", "已取消", "已合并",
        ])
    }

    @Test func aVolunteerWhoClaimsATakenTicketHearsItIsAlreadyTaken() {
        #expect(throws: DispatchStoreError.alreadyTaken(ticket: TicketNumber(7), state: .claimed, assignee: "vol-a")) {
            try Workflow.check(.claim, on: TicketNumber(7), in: .claimed, by: .volunteer, assignee: "vol-a")
        }
    }

    @Test func anIllegalActionListsWhatIsPossibleInstead() {
        #expect(throws: DispatchStoreError.illegalTransition(
            ticket: TicketNumber(7), state: .submitted, action: .verify, allowed: [.dispatch, .cancel, .merge])
        ) {
            try Workflow.check(.verify, on: TicketNumber(7), in: .submitted, by: .staff)
        }
    }

    @Test func theErrorTextNamesStateAndPossibleActionsInChinese() {
        let error = DispatchStoreError.illegalTransition(
            ticket: TicketNumber(7), state: .submitted, action: .verify, allowed: [.dispatch])
        #expect(error.description.contains("MH-000007"))
        #expect(error.description.contains("已提交"))
        #expect(error.description.contains("派单"))
    }

    @Test func aBlankReasonIsNoReason() {
        #expect(throws: DispatchStoreError.reasonRequired(.reopen)) {
            try Workflow.check(.reopen(reason: "  "), on: TicketNumber(1), in: .closed, by: .resident)
        }
    }

    @Test(arguments: [0, 6, -1])
    func ratingsOutsideOneToFiveAreRejected(rating: Int) {
        #expect(throws: DispatchStoreError.invalidRating(rating)) {
            try Workflow.check(.close(rating: rating), on: TicketNumber(1), in: .verified, by: .resident)
        }
    }
}
