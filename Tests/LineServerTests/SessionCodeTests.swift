import Testing
@testable import LineServer

/// The code a resident types to continue a conversation on a new connection.
@Suite struct SessionCodeTests {
    @Test func newCodesHaveTwelveCharactersWithoutLookAlikes() {
        let codes = (0..<200).map { _ in SessionCode.random() }
        #expect(codes.allSatisfy { $0.count == 12 && $0.allSatisfy(SessionCode.alphabet.contains) })
        #expect(codes.allSatisfy { !$0.contains("0") && !$0.contains("O") && !$0.contains("1") && !$0.contains("I") })
        #expect(Set(codes).count == codes.count)
        #expect(SessionCode.display("HKR4DP3RX7QZ") == "HKR4-DP3R-X7QZ")
    }

    @Test(arguments: [
        ("/resume HKR4-DP3R-X7QZ", "HKR4DP3RX7QZ"), ("/resume hkr4dp3rx7qz", "HKR4DP3RX7QZ"),
        ("/继续  HKR4DP3RX7QZ", "HKR4DP3RX7QZ"), ("  /RESUME HKR4 DP3R X7QZ ", "HKR4DP3RX7QZ"),
    ])
    func aResumeLineGivesItsCode(line: String, code: String) {
        #expect(SessionCode.resumed(in: line) == code)
    }

    @Test(arguments: ["/resume", "/resume HKR4DP3RX7Q", "/resume HKR4DP3RX7QZ9", "/resume HKR4DP3RX7Q0",
                      "resume HKR4DP3RX7QZ", "/resume 682VRBPZ"])
    func anythingElseIsNotAResume(line: String) {
        #expect(SessionCode.resumed(in: line) == nil)
    }

    /// Staff listings show the conversation's user: it must not be the code that resumes it.
    @Test func theStoreHoldsAHashOfTheCodeNotTheCode() {
        let user = SessionCode.conversationUser(for: "HKR4DP3RX7QZ")
        #expect(user == SessionCode.conversationUser(for: "HKR4DP3RX7QZ"))
        #expect(user != SessionCode.conversationUser(for: "HKR4DP3RX7QY"))
        #expect(!user.contains("HKR4") && user.hasPrefix("s:") && user.count == 26)
        #expect(SessionCode.resumed(in: "/resume \(user)") == nil)
    }
}
