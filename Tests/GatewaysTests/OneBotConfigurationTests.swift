import Foundation
import Testing
@testable import Gateways

@Suite struct OneBotConfigurationTests {
    private func load(_ yaml: String) throws -> GatewaysFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("onebot-\(UUID().uuidString).yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try GatewaysFile.load(from: url)
    }

    @Test func aReverseConnectionReadsWithDefaultsForWhatIsLeftOut() throws {
        let file = try load("""
            onebot:
              - mode: reverse
                listen_port: 6701
                access_token_env: MINHU_ONEBOT_TOKEN
                heartbeat_interval: 15
                rooms:
                  - { id: "123456789", mention_required: false }
                  - { id: "987654321", role: staff }
            """)
        let onebot = try #require(file.onebot.first)
        #expect(onebot.mode == .reverse && onebot.listenHost == "127.0.0.1" && onebot.listenPort == 6701)
        #expect(onebot.accessTokenEnvironmentVariable == "MINHU_ONEBOT_TOKEN")
        #expect(onebot.heartbeatInterval == 15 && onebot.actionTimeout == 10 && onebot.sendInterval == 1)
        #expect(onebot.rooms.map(\.role) == [.residents, .staff])
        let adapter = OneBotAdapter(configuration: onebot, accessToken: nil, logger: .init(label: "test"))
        #expect(adapter.deadLinkTimeout == .seconds(45) && adapter.minimumSendInterval == .seconds(1))
    }

    @Test func forwardModeNeedsAURLAndTheTokenVariableMustBeSet() throws {
        #expect(throws: GatewayConfigurationError.self) { try load("onebot:\n  - mode: forward\n") }
        let file = try load("onebot:\n  - { mode: forward, url: \"ws://127.0.0.1:3001\", access_token_env: NOT_SET_HERE }\n")
        let configuration = try #require(file.onebot.first)
        #expect(throws: GatewayConfigurationError.self) {
            _ = try OneBotAdapter(configuration: configuration, secrets: SecretResolver(environment: [:]),
                                  logger: .init(label: "test"))
        }
    }
}
