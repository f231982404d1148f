import LineServer
import NIOCore
import NIOEmbedded

/// Drives `TelnetHandler` → `LineFrameDecoder` → `LineText` on an `EmbeddedChannel`, with the
/// input cut into reads at offsets the input itself chooses, so split telnet commands and line
/// ends are explored too.
enum LineCodecFuzzing {
    /// A small limit, so that the too-long path is reached by short inputs.
    static let maximumLength = 64

    static func run(_ input: [UInt8]) {
        guard let cuts = input.first else { return }
        let bytes = input.dropFirst()
        let channel = EmbeddedChannel()
        do {
            try channel.pipeline.syncOperations.addHandler(TelnetHandler())
            try channel.pipeline.syncOperations.addHandler(
                ByteToMessageHandler(LineFrameDecoder(maximumLength: maximumLength))
            )
        } catch {
            preconditionFailure("cannot build the pipeline: \(error)")
        }

        // The first byte picks read sizes: 1…8 bytes, cycling through its bits.
        var start = bytes.startIndex
        var round = 0
        var tooLong = false
        while start < bytes.endIndex, !tooLong {
            let size = Int((cuts >> (round % 8)) & 0x07) + 1
            let end = min(start + size, bytes.endIndex)
            do {
                try channel.writeInbound(ByteBuffer(bytes: bytes[start..<end]))
            } catch LineFrameError.lineTooLong {
                tooLong = true
            } catch {
                preconditionFailure("unexpected error from the codecs: \(error)")
            }
            check(channel)
            start = end
            round += 1
        }
        // EOF: the last line without an ending is delivered.
        check(channel)
        channel.close(promise: nil)
        channel.embeddedEventLoop.run()
        do {
            try channel.throwIfErrorCaught()
        } catch LineFrameError.lineTooLong {
        } catch where tooLong {
            // After a line that was too long the decoder refuses everything, as it should.
        } catch {
            preconditionFailure("unexpected error at EOF: \(error)")
        }
        check(channel)
    }

    /// Reads every line delivered so far and checks what the next handlers may rely on.
    private static func check(_ channel: EmbeddedChannel) {
        while let line = try? channel.readInbound(as: ByteBuffer.self) {
            let bytes = line.readableBytesView
            precondition(bytes.count <= maximumLength, "a line longer than the limit was delivered")
            precondition(!bytes.contains(0x0A) && !bytes.contains(0x0D), "a line end was delivered inside a line")
            precondition(!bytes.contains(0x00), "a NUL was delivered inside a line")
            if case .text(let text, _) = LineText.decode(line) {
                for scalar in text.unicodeScalars where scalar.value != 0x09 {
                    precondition(!(0x00...0x1F).contains(scalar.value) && !(0x7F...0x9F).contains(scalar.value),
                                 "a control character survived decoding")
                }
                precondition(text.first.map { !$0.isWhitespace } ?? true, "decoded text is not trimmed")
                precondition(text.last.map { !$0.isWhitespace } ?? true, "decoded text is not trimmed")
            }
        }
        // Refusals are IAC + verb + option triples.
        while let reply = try? channel.readOutbound(as: ByteBuffer.self) {
            precondition(reply.readableBytes % 3 == 0, "a telnet reply is not made of whole commands")
        }
    }
}
