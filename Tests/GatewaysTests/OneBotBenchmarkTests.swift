import Foundation
import Testing
@testable import Gateways

/// Figures for the closing note, run by hand: `MINHU_ONEBOT_BENCH=1 swift test --filter OneBotBenchmark`
/// (add `-c release` for release figures). They measure, they do not judge: each only checks
/// that every message made it through.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["MINHU_ONEBOT_BENCH"] != nil))
struct OneBotBenchmarkTests {
    typealias Spec = OneBotEventTests

    /// The gateway alone: event in over the socket → parsed → handed to the core → a reply
    /// action out over the socket → answered → the send returns. The core is a stub that
    /// replies at once, so what is measured is the adapter's own cost per message.
    @Test func gatewayRoundTrip() async throws {
        try await withReverseOneBotAdapter { adapter, port in
            let recorder = OneBotEventRecorder()
            let (peer, link) = try await linkFakeClient(adapter, port: port, recorder: recorder)
            // Each reply in its own task, like the core's per-room queues: many actions in flight.
            let replier = Task {
                while let message = await recorder.messages.next(timeout: .seconds(30)) {
                    Task {
                        try await link.send(OutboundMessage(room: message.room,
                                                            mention: .init(user: message.user, displayName: ""),
                                                            text: "收到：" + message.text))
                    }
                }
            }
            // Latency: one message at a time.
            let rounds = 500
            var latencies: [Duration] = []
            for index in 0..<rounds {
                let started = ContinuousClock.now
                try await peer.send(Spec.groupEvent([Spec.at("10001000"), Spec.text("楼道灯坏了 \(index)")], messageID: index))
                let action = try #require(await peer.nextAction())
                latencies.append(ContinuousClock.now - started)
                try await peer.respond(to: action, data: ["message_id": index])
            }
            latencies.sort()
            // Throughput: many in flight at once.
            let burst = 2000
            let started = ContinuousClock.now
            let sender = Task {
                for index in 0..<burst {
                    try await peer.send(Spec.groupEvent([Spec.at("10001000"), Spec.text("第\(index)条")], messageID: 10_000 + index))
                }
            }
            for _ in 0..<burst {
                let action = try #require(await peer.nextAction())
                try await peer.respond(to: action, data: ["message_id": 1])
            }
            let elapsed = ContinuousClock.now - started
            try await sender.value
            print("onebot gateway: latency p50 \(latencies[rounds / 2]) p99 \(latencies[rounds * 99 / 100]); "
                + "\(burst) messages in \(elapsed) = \(Int(Double(burst) / elapsed.seconds)) messages/s")
            replier.cancel()
            await link.close()
        }
    }

    /// The whole bridge: private messages through `GatewayService` and the conversation engine.
    @Test func serviceThroughput() async throws {
        _ = await trainedInterpreter()
        try await OneBotServiceFixture.withService { port, _, service in
            let peer = try await FakeOneBotPeer.connect(port: port, token: "s3cret")
            let count = 300
            let started = ContinuousClock.now
            for index in 0..<count {
                try await peer.send(Spec.json(["time": 1, "self_id": 10001000, "post_type": "message",
                                               "message_type": "private", "sub_type": "friend", "message_id": index,
                                               "user_id": 30_000_000 + index, "sender": ["nickname": "居民\(index)"],
                                               "message": [Spec.text("你好")]]))
            }
            var replies = 0
            while await service.sentCount() < count || replies < count {
                guard let action = await peer.nextAction(timeout: .seconds(30)) else { break }
                replies += 1
                try await peer.respond(to: action, data: ["message_id": replies])
            }
            let elapsed = ContinuousClock.now - started
            #expect(await service.sentCount() >= count)
            print("onebot service: \(count) private messages answered (\(replies) reply messages) in \(elapsed) = "
                + "\(Int(Double(count) / elapsed.seconds)) messages/s")
            await peer.close()
        }
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
