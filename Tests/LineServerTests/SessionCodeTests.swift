import Testing
@testable import LineServer

/// The code a resident types to continue a conversation on a new connection.
@Suite struct SessionCodeTests {
    @Test func newCodesHaveEightCharactersWithoutLookAlikes() {
        let codes = (0..<200).map { _ in SessionCode.random() }
        #expect(codes.allSatisfy { $0.count == 8 && $0.allSatisfy(SessionCode.alphabet.contains) })
        #expect(codes.allSatisfy { !$0.contains("0") && !$0.contains("O") && !$0.contains("1") && !$0.contains("I") })
        #expect(Set(codes).count == codes.count)
    }

    @Test(arguments: [
        ("/resume 682VRBPZ", "682VRBPZ"), ("/resume 682vrbpz", "682VRBPZ"), ("/继续  682VRBPZ", "682VRBPZ"),
        ("  /RESUME 682VRBPZ ", "682VRBPZ"),
    ])
    func aResumeLineGivesItsCode(line: String, code: String) {
        #expect(SessionCode.resumed(in: line) == code)
    }

    @Test(arguments: ["/resume", "/resume 682VRBP", "/resume 682VRBPZ9", "/resume 682VRBP0", "resume 682VRBPZ", "/resume 682 VRBPZ"])
    func anythingElseIsNotAResume(line: String) {
        #expect(SessionCode.resumed(in: line) == nil)
    }
}
