import NIOCore
import NIOEmbedded
import Testing

@testable import LineServer

/// The inbound codecs of a resident's connection — telnet stripping, line framing, text
/// decoding — driven synchronously on an `EmbeddedChannel`: no sockets, no sleeps.
@Suite struct CodecTests {
    // MARK: - Line endings

    /// The four ways a terminal ends a line: LF, CR LF, CR NUL, bare CR.
    static let lineEndings: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D, 0x00], [0x0D]]

    @Test(arguments: lineEndings)
    func everyLineEndingEndsALine(ending: [UInt8]) throws {
        let channel = try makeChannel()
        try channel.send(utf8("我家楼道灯坏了") + ending + utf8("在3号楼") + ending + utf8("谢谢") + ending)
        #expect(try channel.receivedText() == ["我家楼道灯坏了", "在3号楼", "谢谢"])
    }

    @Test func bareCRDeliversItsLineWithoutWaitingForTheNextByte() throws {
        let channel = try makeChannel()
        try channel.send(utf8("报修\r"))
        #expect(try channel.receivedText() == ["报修"])
    }

    @Test(arguments: [[UInt8(0x0A)], [UInt8(0x00)]])
    func crSplitFromItsLFOrNULAcrossReadsEndsOnlyOneLine(follower: [UInt8]) throws {
        let channel = try makeChannel()
        try channel.send(utf8("你好\r"))
        try channel.send(follower + utf8("再见\r"))
        try channel.send(follower)
        try channel.send(utf8("好的\n"))
        #expect(try channel.receivedText() == ["你好", "再见", "好的"])
    }

    @Test func crFollowedByAnotherCharacterStartsTheNextLineWithIt() throws {
        let channel = try makeChannel()
        try channel.send(utf8("甲\r"))
        try channel.send(utf8("乙\r丙\n"))
        #expect(try channel.receivedText() == ["甲", "乙", "丙"])
    }

    @Test func emptyLinesAreDeliveredAsEmpty() throws {
        let channel = try makeChannel()
        try channel.send(utf8("\n\r\n甲\r\r\n"))
        #expect(try channel.receivedText() == ["", "", "甲", ""])
    }

    @Test func lineSplitIntoSingleBytesIsDeliveredWholeOnceItEnds() throws {
        let channel = try makeChannel()
        let line = utf8("我要开低保证明")
        for byte in line {
            try channel.send([byte])
            #expect(try channel.receivedLines().isEmpty)
        }
        try channel.send([0x0D, 0x0A])
        #expect(try channel.receivedLines() == [line])
    }

    @Test func lineSplitAcrossReadsAtEveryOffsetIsDeliveredWhole() throws {
        let input = utf8("第一行\r\n第二行\r\0第三行\n")
        for offset in 0...input.count {
            let channel = try makeChannel()
            try channel.send(Array(input[..<offset]))
            try channel.send(Array(input[offset...]))
            #expect(try channel.receivedText() == ["第一行", "第二行", "第三行"], "split at \(offset)")
        }
    }

    @Test func nulBytesInsideALineAreDropped() throws {
        let channel = try makeChannel()
        try channel.send([0x00, 0x61, 0x00, 0x00, 0x62, 0x00, 0x0A])
        #expect(try channel.receivedLines() == [[0x61, 0x62]])
    }

    /// Typed without Enter, then the connection ended (the server closed it for idleness or
    /// stopped): the line was never sent, so it is not acted on.
    @Test func anUnfinishedLastLineIsDroppedWhenTheConnectionEnds() throws {
        let channel = try makeChannel()
        try channel.send(utf8("第一行\n确认"))
        #expect(try channel.receivedText() == ["第一行"])
        _ = try channel.finish()
        #expect(try channel.receivedText().isEmpty)
    }

    @Test func leftoverOfOnlyNULBytesIsNotDeliveredAtEOF() throws {
        let channel = try makeChannel()
        try channel.send([0x61, 0x0D, 0x00, 0x00])
        #expect(try channel.receivedLines() == [[0x61]])
        _ = try channel.finish()
        #expect(try channel.receivedLines().isEmpty)
    }

    // MARK: - Length limit

    @Test func lineOfExactlyTheMaximumLengthIsAccepted() throws {
        let channel = try makeChannel(maximumLength: 4096)
        let line = [UInt8](repeating: 0x61, count: 4096)
        try channel.send(line + [0x0D])
        try channel.send([0x0A])
        #expect(try channel.receivedLines() == [line])
    }

    @Test func lineOneByteOverTheMaximumLengthThrowsLineTooLong() throws {
        let channel = try makeChannel(maximumLength: 4096)
        #expect(throws: LineFrameError.lineTooLong(limit: 4096)) {
            try channel.send([UInt8](repeating: 0x61, count: 4097) + [0x0A])
        }
        #expect(try channel.receivedLines().isEmpty)
    }

    @Test func bytesBeyondTheMaximumWithoutALineEndThrowBeforeTheLineEnds() throws {
        let channel = try makeChannel(maximumLength: 4096)
        try channel.send([UInt8](repeating: 0x61, count: 4096))
        #expect(throws: LineFrameError.lineTooLong(limit: 4096)) {
            try channel.send([0x61])
        }
    }

    @Test func megabyteWithoutNewlineFailsAsSoonAsTheLimitIsPassedAndIsNotBuffered() throws {
        let channel = try makeChannel(maximumLength: 4096)
        let chunk = [UInt8](repeating: 0x61, count: 1024)
        var failedAtChunk: Int?
        var discardedChunks = 0
        for index in 0..<1024 {  // 1 MiB in all
            do {
                try channel.send(chunk)
            } catch LineFrameError.lineTooLong(let limit) {
                #expect(limit == 4096)
                #expect(failedAtChunk == nil)
                failedAtChunk = index
            } catch ByteToMessageDecoderError.dataReceivedInErrorState {
                // After the error the handler drops each read instead of appending it.
                discardedChunks += 1
            }
        }
        #expect(failedAtChunk == 4, "5 KiB is the first total over 4 KiB")
        #expect(discardedChunks == 1024 - 5)
        #expect(try channel.receivedLines().isEmpty)
    }

    @Test func megabyteInOneReadThrowsLineTooLong() throws {
        let channel = try makeChannel(maximumLength: 4096)
        #expect(throws: LineFrameError.lineTooLong(limit: 4096)) {
            try channel.send([UInt8](repeating: 0x61, count: 1 << 20))
        }
    }

    // MARK: - Telnet

    @Test func telnetRequestsAreAnsweredWithRefusals() throws {
        let channel = try makeChannel()
        try channel.send([iac, telnetDo, echo, iac, will, naws])
        #expect(try channel.writtenBytes() == [iac, wont, echo, iac, dont, naws])
        #expect(try channel.receivedLines().isEmpty)
    }

    @Test func wontAndDontAreNotAnswered() throws {
        let channel = try makeChannel()
        try channel.send([iac, wont, echo, iac, dont, sga])
        #expect(try channel.writtenBytes() == [])
    }

    @Test func repeatedRequestForTheSameOptionIsRefusedOnlyOnce() throws {
        let channel = try makeChannel()
        try channel.send([iac, telnetDo, echo, iac, telnetDo, echo, iac, will, echo])
        try channel.send([iac, telnetDo, echo, iac, will, echo])
        #expect(try channel.writtenBytes() == [iac, wont, echo, iac, dont, echo])
    }

    @Test func doubledIACIsTheDataByte255() throws {
        let channel = try makeChannel()
        try channel.send([0x61, iac, iac, 0x62, 0x0A])
        #expect(try channel.receivedLines() == [[0x61, 0xFF, 0x62]])
    }

    @Test func twoByteCommandsAreSkipped() throws {
        let nop: UInt8 = 241, interruptProcess: UInt8 = 244, areYouThere: UInt8 = 246, goAhead: UInt8 = 249
        let channel = try makeChannel()
        try channel.send([0x61, iac, nop, 0x62, iac, areYouThere, iac, goAhead, 0x63, iac, interruptProcess, 0x0A])
        #expect(try channel.receivedLines() == [[0x61, 0x62, 0x63]])
        #expect(try channel.writtenBytes() == [])
    }

    @Test func loneIACAtTheEndOfAReadWaitsForTheNextRead() throws {
        let channel = try makeChannel()
        try channel.send([0x61, iac])
        try channel.send([iac, 0x62, iac])
        try channel.send([telnetDo])
        try channel.send([echo, 0x63, 0x0A])
        #expect(try channel.receivedLines() == [[0x61, 0xFF, 0x62, 0x63]])
        #expect(try channel.writtenBytes() == [iac, wont, echo])
    }

    @Test func subnegotiationContentNeverReachesTheLines() throws {
        let channel = try makeChannel()
        try channel.send([iac, sb, ttype, 0] + utf8("假的一行\r\n") + [iac, se] + utf8("真的一行\n"))
        #expect(try channel.receivedText() == ["真的一行"])
    }

    @Test func textWithoutTelnetCommandsPassesThroughUnchanged() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(TelnetHandler())
        let bytes = utf8("普通文本 plain text\r\n") + [0xC4, 0xE3]
        try channel.send(bytes)
        #expect(try channel.readInbound(as: ByteBuffer.self).map { Array($0.readableBytesView) } == bytes)
    }

    /// What PuTTY sends in telnet mode when a server asks for its window size, speed, terminal
    /// type and environment, followed by three lines typed by a resident, with a window resize
    /// arriving mid-line. The second NAWS carries a width of 255, escaped as `IAC IAC` inside
    /// the block.
    static let puttyCapture: [UInt8] =
        [iac, will, naws, iac, will, tspeed, iac, will, ttype, iac, will, newEnviron]
        + [iac, telnetDo, echo, iac, will, sga, iac, telnetDo, sga]
        + [iac, sb, naws, 0, 80, 0, 24, iac, se]
        + [iac, sb, tspeed, 0] + utf8("38400,38400") + [iac, se]
        + [iac, sb, ttype, 0] + utf8("XTERM") + [iac, se]
        + [iac, sb, newEnviron, 0, 0] + utf8("USER") + [1] + utf8("resident") + [iac, se]
        + [iac, dont, echo]
        + utf8("我家楼道灯坏了\r\n")
        + utf8("报修\r\0")
        + utf8("查询") + [iac, sb, naws, 0, iac, iac, 0, 40, iac, se] + utf8("进度\r\n")

    /// The refusals the server owes PuTTY for `puttyCapture`, in order.
    static let puttyRefusals: [UInt8] =
        [iac, dont, naws, iac, dont, tspeed, iac, dont, ttype, iac, dont, newEnviron]
        + [iac, wont, echo, iac, dont, sga, iac, wont, sga]

    @Test func puttyNegotiationSplitAtEveryByteOffsetYieldsExactlyTheTypedLines() throws {
        let capture = Self.puttyCapture
        for offset in 0...capture.count {
            let channel = try makeChannel()
            try channel.send(Array(capture[..<offset]))
            try channel.send(Array(capture[offset...]))
            #expect(try channel.receivedText() == ["我家楼道灯坏了", "报修", "查询进度"], "split at \(offset)")
            #expect(try channel.writtenBytes() == Self.puttyRefusals, "split at \(offset)")
        }
    }

    @Test func puttyNegotiationSentOneByteAtATimeYieldsExactlyTheTypedLines() throws {
        let channel = try makeChannel()
        for byte in Self.puttyCapture {
            try channel.send([byte])
        }
        #expect(try channel.receivedText() == ["我家楼道灯坏了", "报修", "查询进度"])
        #expect(try channel.writtenBytes() == Self.puttyRefusals)
    }

    // MARK: - Text decoding

    @Test func utf8LineIsDecodedAsItsText() {
        #expect(LineText.decode(ByteBuffer(bytes: utf8("居委会在哪里？"))) == .text("居委会在哪里？"))
    }

    @Test func gbkBytesAreDecodedAsChinese() {
        #expect(LineText.decode(ByteBuffer(bytes: [0xC4, 0xE3, 0xBA, 0xC3])) == .text("你好", encoding: .gb18030))
    }

    @Test func overlongUTF8NULIsReadAsTheGBKCharacterItAlsoEncodes() {
        // C0 80 is not UTF-8 (an overlong NUL) but is the GBK pair for 纮: never a NUL.
        #expect(LineText.decode(ByteBuffer(bytes: [0xC0, 0x80])) == .text("\u{7EAE}", encoding: .gb18030))
    }

    @Test func encodedSurrogateIsUndecodable() {
        #expect(LineText.decode(ByteBuffer(bytes: [0xED, 0xA0, 0x80])) == .undecodable)
    }

    @Test func loneFFIsUndecodable() {
        #expect(LineText.decode(ByteBuffer(bytes: [0xFF])) == .undecodable)
        #expect(LineText.decode(ByteBuffer(bytes: utf8("你好") + [0xFF])) == .undecodable)
    }

    @Test func noByteSequenceDecodesToAReplacementCharacter() {
        for first in UInt8(0x80)...0xFF {
            for second in UInt8(0x00)...0xFF {
                if case .text(let text, _) = LineText.decode(ByteBuffer(bytes: [first, second])) {
                    #expect(!text.unicodeScalars.contains("\u{FFFD}"), "bytes \(first) \(second)")
                }
            }
        }
    }

    @Test func controlCharactersOtherThanTabAreRemoved() {
        let line = utf8("\u{1B}[31m红色\u{1B}[0m\t警告\u{07}\u{08}\u{7F}\u{9B}2J")
        #expect(LineText.decode(ByteBuffer(bytes: line)) == .text("[31m红色[0m\t警告2J"))
    }

    @Test func controlCharactersAreRemovedFromGBKTextToo() {
        #expect(LineText.decode(ByteBuffer(bytes: [0x1B, 0xC4, 0xE3, 0x07, 0xBA, 0xC3])) == .text("你好", encoding: .gb18030))
    }

    @Test func textIsTrimmedOfWhitespaceIncludingTheIdeographicSpace() {
        let line = utf8("\u{3000} \t报修 水管\t \u{3000}")
        #expect(LineText.decode(ByteBuffer(bytes: line)) == .text("报修 水管"))
    }

    @Test func lineOfOnlyControlsAndSpacesDecodesToEmptyText() {
        #expect(LineText.decode(ByteBuffer(bytes: [0x20, 0x1B, 0x09, 0x7F])) == .text(""))
    }
}

// MARK: - Helpers

/// Telnet bytes used by the tests, spelled out rather than taken from the code under test.
private let iac: UInt8 = 255, dont: UInt8 = 254, telnetDo: UInt8 = 253, wont: UInt8 = 252, will: UInt8 = 251
/// Subnegotiation brackets.
private let sb: UInt8 = 250, se: UInt8 = 240
/// Option codes PuTTY negotiates.
private let echo: UInt8 = 1, sga: UInt8 = 3, ttype: UInt8 = 24, naws: UInt8 = 31, tspeed: UInt8 = 32,
    newEnviron: UInt8 = 39

/// The UTF-8 bytes of `text`.
private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

/// A channel with a connection's inbound codecs, telnet stripping then line framing.
private func makeChannel(maximumLength: Int = 4096) throws -> EmbeddedChannel {
    let channel = EmbeddedChannel()
    try channel.pipeline.syncOperations.addHandler(TelnetHandler())
    try channel.pipeline.syncOperations.addHandler(
        ByteToMessageHandler(LineFrameDecoder(maximumLength: maximumLength))
    )
    return channel
}

extension EmbeddedChannel {
    /// Delivers `bytes` as one read from the client.
    fileprivate func send(_ bytes: [UInt8]) throws {
        try self.writeInbound(ByteBuffer(bytes: bytes))
    }

    /// The lines delivered so far, as bytes.
    fileprivate func receivedLines() throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        while let line = try self.readInbound(as: ByteBuffer.self) {
            lines.append(Array(line.readableBytesView))
        }
        return lines
    }

    /// The lines delivered so far, decoded; an undecodable line shows as "<undecodable>".
    fileprivate func receivedText() throws -> [String] {
        try self.receivedLines().map { bytes in
            switch LineText.decode(ByteBuffer(bytes: bytes)) {
            case .text(let text, _): return text
            case .undecodable: return "<undecodable>"
            }
        }
    }

    /// All bytes written back to the client so far.
    fileprivate func writtenBytes() throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let buffer = try self.readOutbound(as: ByteBuffer.self) {
            bytes += buffer.readableBytesView
        }
        return bytes
    }
}
