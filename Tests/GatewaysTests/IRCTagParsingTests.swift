import Testing
@testable import Gateways

/// Message tags as a hostile or broken server may send them (found by the irc fuzz target:
/// `@=` crashed the parser, taking the whole gateway down).
@Suite struct IRCTagParsingTests {
    @Test(arguments: ["@= PING :x", "@=;=; PING :x", "@=value;a=b PING :x", "@;;; PING :x"])
    func aTagWithoutAKeyIsSkippedAndTheLineStillParses(line: String) throws {
        let message = try #require(IRCMessage(parsing: line))
        #expect(message.command == "PING")
        #expect(message.parameters == ["x"])
        #expect(message.tags[""] == nil)
    }

    @Test func aTagWithAnEmptyValueKeepsItsKey() throws {
        let message = try #require(IRCMessage(parsing: "@a=;b PRIVMSG #c :hi"))
        #expect(message.tags == ["a": "", "b": ""])
    }
}
