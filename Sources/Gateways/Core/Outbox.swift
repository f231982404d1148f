import Logging

/// The bot's outgoing messages on one platform: one ordered queue per room, each sent no
/// faster than the platform's rate, over whatever link is up. Messages wait while the link is
/// down and go out, in order, once it is back.
actor Outbox {
    /// Called when the platform refuses a message (risk control and the like), so staff hear of it.
    typealias RefusalHandler = @Sendable (OutboundMessage, GatewaySendError) async -> Void

    private let minimumInterval: Duration
    private let capacityPerRoom: Int
    private let logger: Logger
    private var onRefusal: RefusalHandler = { _, _ in }
    private var link: (any GatewayLink)?
    private var linkWaiters: [CheckedContinuation<any GatewayLink, Never>] = []
    private var queues: [GatewayRoom: [OutboundMessage]] = [:]
    private var draining: Set<GatewayRoom> = []
    private var sent = 0

    init(minimumInterval: Duration, capacityPerRoom: Int = 1000, logger: Logger) {
        self.minimumInterval = minimumInterval
        self.capacityPerRoom = capacityPerRoom
        self.logger = logger
    }

    func setRefusalHandler(_ handler: @escaping RefusalHandler) { onRefusal = handler }

    /// The link to send over; nil while disconnected.
    func setLink(_ newLink: (any GatewayLink)?) {
        link = newLink
        guard let newLink else { return }
        for waiter in linkWaiters { waiter.resume(returning: newLink) }
        linkWaiters.removeAll()
    }

    /// Queues messages for their rooms, after everything already queued there.
    func enqueue(_ messages: [OutboundMessage]) {
        for message in messages {
            var queue = queues[message.room, default: []]
            if queue.count >= capacityPerRoom {
                // A room whose link has been down for long: the oldest replies are stale anyway
                // (they are in the transcript); keep the newest.
                queue.removeFirst()
                logger.warning("gateway outbox full, oldest message dropped", metadata: ["room": "\(message.room)"])
            }
            queue.append(message)
            queues[message.room] = queue
            if !draining.contains(message.room) {
                draining.insert(message.room)
                let room = message.room
                Task { await self.drain(room) }
            }
        }
    }

    /// Messages the platform accepted so far.
    var sentCount: Int { sent }

    private func drain(_ room: GatewayRoom) async {
        while let message = queues[room]?.first {
            let link = await currentLink()
            do {
                try await link.send(message)
                sent += 1
                queues[room]?.removeFirst()
            } catch let refusal as GatewaySendError {
                queues[room]?.removeFirst()
                logger.error("gateway message refused", metadata: ["room": "\(room)", "reason": "\(refusal)"])
                await onRefusal(message, refusal)
            } catch {
                // The link broke: keep the message and wait for the next link.
                if self.link === link { self.link = nil }
                continue
            }
            try? await Task.sleep(for: minimumInterval)
        }
        queues[room] = nil
        draining.remove(room)
    }

    private func currentLink() async -> any GatewayLink {
        if let link { return link }
        return await withCheckedContinuation { linkWaiters.append($0) }
    }
}
