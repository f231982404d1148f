/// Transcript lines in pages, fetched one page at a time with a keyset cursor.
///
/// A keyset cursor (the last id seen), not an offset, so each page costs the same however deep
/// the export is, and lines appended meanwhile are picked up rather than shifting the pages.
public struct TranscriptPages: AsyncSequence, Sendable {
    /// Each element is one non-empty page.
    public typealias Element = [TranscriptMessage]

    let store: any DispatchStore
    let conversationID: Int64?
    let pageSize: Int

    /// Fetches the next page on demand.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let pages: TranscriptPages
        var cursor: Int64?
        var finished = false

        /// The next page, or nil after the last.
        public mutating func next() async throws -> [TranscriptMessage]? {
            guard !finished else { return nil }
            let page = try await pages.store.transcriptPage(
                of: pages.conversationID, afterID: cursor, limit: pages.pageSize)
            finished = page.count < pages.pageSize
            guard let last = page.last else { return nil }
            cursor = last.id
            return page
        }
    }

    /// Starts at the first line.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: self)
    }
}
