import NIOCore

/// Splits a server's byte stream into lines (LF, with or without CR). A line longer than the
/// limit (8,191 bytes of tags plus 512 of message, by the IRCv3 rules) is dropped whole rather
/// than buffered without end.
struct IRCLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    static let maximumLength = 8191 + 512
    private var discarding = false

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLength {
                buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
                discarding = true
            }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if discarding {
            discarding = false
            return .continue
        }
        if line.readableBytesView.last == UInt8(ascii: "\r") { line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1)! }
        if !line.readableBytesView.isEmpty { context.fireChannelRead(Self.wrapInboundOut(line)) }
        return .continue
    }
}
