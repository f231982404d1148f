import DispatchStore
import Testing

@Suite struct TicketNumberTests {
    @Test func printsWithPrefixAndSixDigits() {
        #expect(TicketNumber(123).description == "MH-000123")
        #expect(TicketNumber(1_234_567).description == "MH-1234567")
    }

    @Test(arguments: ["MH-000123", "mh123", "MH-123", "000123", "123", "ＭＨ－０００１２３", "１２３", " mh 123 ", "#123", "Mh_0123",
                      "MH—000123", "工单号：MH-000123", "工单MH-000123", "工单号 123"])
    func forgivingParsingFindsTheSameTicket(text: String) {
        #expect(TicketNumber(parsing: text) == TicketNumber(123))
    }

    @Test(arguments: ["", "MH-", "MH-0", "MH-12a", "AB-123", "-5", "12 3x", "MH-99999999999999999999"])
    func textThatIsNoTicketNumberIsRejected(text: String) {
        #expect(TicketNumber(parsing: text) == nil)
    }

    @Test func printingAndParsingRoundTrip() {
        for sequence: Int64 in [1, 9, 999_999, 1_000_000] {
            #expect(TicketNumber(parsing: TicketNumber(sequence).description) == TicketNumber(sequence))
        }
    }
}
