import Foundation

/// The dispatch store: tickets and their workflow, their history, conversations and transcripts.
///
/// Every backend (SQLite here, PostgreSQL later) passes the same test suite. Writes return only
/// after a durable commit, and every state change writes its event in the same transaction.
///
/// ```swift
/// let store = try SQLiteDispatchStore(path: "minhu.sqlite")
/// let ticket = try await store.createTicket(TicketDraft(
///     category: "repair", summary: "3栋2单元楼道灯不亮", channel: "line", submittedBy: .resident("u42")))
/// try await store.apply(.dispatch(unitID: "wuye-3"), to: ticket.id, by: .staff("wangfang"))
/// ```
public protocol DispatchStore: Sendable {
    // MARK: Tickets

    /// Creates a ticket and its creation event; returns the existing ticket if the draft's
    /// channel and source message id were seen before.
    func createTicket(_ draft: TicketDraft) async throws -> Ticket

    /// The ticket with this number, or nil.
    func ticket(_ number: TicketNumber) async throws -> Ticket?

    /// Moves a ticket along the workflow and records the event, or throws and writes nothing.
    ///
    /// - Parameters:
    ///   - command: The step and what it needs.
    ///   - number: The ticket.
    ///   - actor: Who takes the step; the workflow table says which kinds may.
    /// - Returns: The ticket after the step.
    /// - Throws: ``DispatchStoreError/illegalTransition(ticket:state:action:allowed:)``,
    ///   ``DispatchStoreError/alreadyTaken(ticket:state:assignee:)`` and the other cases of
    ///   ``DispatchStoreError``.
    @discardableResult
    func apply(_ command: TicketCommand, to number: TicketNumber, by actor: ActorRef) async throws -> Ticket

    /// Adds a note to a ticket's history without changing its state.
    @discardableResult
    func addNote(_ text: String, to number: TicketNumber, by actor: ActorRef, visibility: EventVisibility)
        async throws -> TicketEvent

    /// Tickets matching a filter, newest first.
    func tickets(matching filter: TicketFilter) async throws -> [Ticket]

    /// A ticket's history, oldest first.
    func events(of number: TicketNumber) async throws -> [TicketEvent]

    /// Counts and timings over the tickets created since a time (all tickets if nil).
    func stats(since: Date?) async throws -> DispatchStats

    /// Tickets changed after their creation (派单, 接单, 办结 …), for pushing to residents.
    ///
    /// The default asks the store every `interval` (``TicketUpdates/polling(_:every:since:onFailure:)``);
    /// a backend that can be told of commits (PostgreSQL's LISTEN/NOTIFY) reports them at once,
    /// whichever process made them.
    ///
    /// - Parameters:
    ///   - interval: How often a polling backend asks; a notifying backend may ignore it.
    ///   - onFailure: Called with each failure the feed survives (a failed poll, a lost listener).
    func ticketUpdates(every interval: Duration, onFailure: @escaping @Sendable (any Error) -> Void) -> TicketUpdates

    // MARK: Conversations and transcripts

    /// The most recent conversation with these keys, created if there is none.
    func openConversation(channel: String, room: String, user: String) async throws -> Conversation

    /// The conversation with this id, or nil.
    func conversation(_ id: Int64) async throws -> Conversation?

    /// Stores the conversation engine's state for a conversation (nil clears it).
    func saveDialogueState(_ state: Data?, for conversationID: Int64) async throws

    /// Flags a conversation for staff review (转人工), or clears the flag.
    func setFlaggedForHuman(_ flagged: Bool, for conversationID: Int64) async throws

    /// Conversations matching a filter, most recently active first.
    func conversations(matching filter: ConversationFilter) async throws -> [Conversation]

    /// Appends a line to a conversation's transcript and returns it as stored.
    @discardableResult
    func appendMessage(_ line: TranscriptLine) async throws -> TranscriptMessage

    /// Appends a turn's transcript lines and saves the dialogue state, all or nothing.
    func recordTurn(_ lines: [TranscriptLine], dialogueState: Data?, for conversationID: Int64) async throws

    /// One page of transcript lines in id order, after a cursor.
    ///
    /// - Parameters:
    ///   - conversationID: One conversation, or nil for every conversation (exports).
    ///   - afterID: The id of the last line of the previous page; nil for the first page.
    ///   - limit: The page size.
    func transcriptPage(of conversationID: Int64?, afterID: Int64?, limit: Int) async throws -> [TranscriptMessage]

    // MARK: Directory

    /// Adds a unit or volunteer to the directory, or replaces the entry with the same id.
    func saveUnit(_ unit: ServiceUnit) async throws

    /// The whole directory, by id.
    func units() async throws -> [ServiceUnit]

    // MARK: Audit

    /// Records that a staff member revealed personal data; returns the entry with its id.
    @discardableResult
    func recordReveal(_ reveal: PersonalDataReveal) async throws -> PersonalDataReveal

    /// Recorded reveals since a time (all if nil), newest first.
    func reveals(since: Date?, limit: Int?) async throws -> [PersonalDataReveal]

    // MARK: Lifetime

    /// Closes the store's connections when the service stops; later operations fail (or, on
    /// SQLite, open the file again). SQLite folds its write-ahead log back into the file.
    func close() async
}

extension DispatchStore {
    /// Polls for changed tickets every `interval`: the default for backends that cannot be told.
    public func ticketUpdates(
        every interval: Duration, onFailure: @escaping @Sendable (any Error) -> Void
    ) -> TicketUpdates {
        TicketUpdates.polling(self, every: interval, onFailure: onFailure)
    }

    /// Tickets overdue at `now`, newest first.
    public func overdueTickets(at now: Date = Date(), limit: Int? = nil) async throws -> [Ticket] {
        try await tickets(matching: TicketFilter(overdueAt: now, limit: limit))
    }

    /// The tickets opened from a conversation, newest first.
    public func tickets(forConversation conversationID: Int64) async throws -> [Ticket] {
        try await tickets(matching: TicketFilter(conversationID: conversationID, limit: nil))
    }

    /// The tickets with a contact phone, newest first (进度查询 by phone).
    public func tickets(forPhone phone: String) async throws -> [Ticket] {
        try await tickets(matching: TicketFilter(contactPhone: phone, limit: nil))
    }

    /// A conversation's whole transcript, in order.
    public func transcript(of conversationID: Int64) async throws -> [TranscriptMessage] {
        var all: [TranscriptMessage] = []
        for try await page in transcriptPages(of: conversationID) { all += page }
        return all
    }

    /// Transcript lines page by page, so an export of any size holds one page in memory at a time.
    public func transcriptPages(of conversationID: Int64?, pageSize: Int = 1000) -> TranscriptPages {
        TranscriptPages(store: self, conversationID: conversationID, pageSize: pageSize)
    }

    /// The directory entries that serve a category.
    public func units(serving category: String) async throws -> [ServiceUnit] {
        try await units().filter { $0.categories.contains(category) }
    }
}
