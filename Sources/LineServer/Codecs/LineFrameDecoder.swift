import NIOCore

/// Why the inbound byte stream could not be cut into lines.
public enum LineFrameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A line, or the bytes buffered while waiting for a line end, exceeded `limit` bytes.
    /// The connection should answer that the message is too long and close: the decoder has
    /// stopped, and whatever the client sends next is discarded.
    case lineTooLong(limit: Int)

    /// A message for logs, in the staff's terms.
    public var description: String {
        switch self {
        case .lineTooLong(let limit):
            return "line longer than \(limit) bytes"
        }
    }
}

/// Cuts a byte stream into lines, whatever end of line the client's terminal sends, and bounds
/// how much it buffers.
///
/// A line ends with LF, CR LF, CR NUL (telnet's bare carriage return, sent by telnet and
/// TeraTerm) or a CR followed by anything else (PuTTY in some modes). Each message is one line
/// without its ending; empty lines are delivered too.
///
/// A CR ends its line at once, even as the last byte of a read: waiting for the next byte to see
/// whether LF or NUL follows would leave a client that ends lines with a bare CR without an
/// answer until it types again. Instead the decoder remembers the CR and drops an LF or NUL that
/// arrives right after it, in this read or the next, so CR LF split across reads is still one
/// line end.
///
/// NUL bytes inside a line are dropped: telnet uses them as padding and they have no place in a
/// message.
///
/// A line longer than `maximumLength` bytes (counted before NULs are dropped), or that many
/// bytes buffered without a line end, throws ``LineFrameError/lineTooLong(limit:)``. The check
/// runs on every read, so the decoder never holds more than `maximumLength` bytes plus one read;
/// after the error `ByteToMessageHandler` discards whatever else arrives.
///
/// At EOF, a last line without an ending is delivered if it is not empty.
public struct LineFrameDecoder: ByteToMessageDecoder {
    /// One line, without its ending and without NUL bytes.
    public typealias InboundOut = ByteBuffer

    /// The longest line accepted, in bytes.
    public let maximumLength: Int

    /// How many readable bytes an earlier `decode` already searched for a line end, so that a
    /// line trickling in byte by byte is scanned once rather than once per read.
    private var scannedLength = 0
    /// Whether the last line ended with a CR: an LF or NUL right after it completes that line end.
    private var lastLineEndedWithCR = false

    /// Creates a decoder.
    ///
    /// - Parameter maximumLength: The longest line accepted, in bytes; must not be negative.
    public init(maximumLength: Int = 4096) {
        precondition(maximumLength >= 0, "maximumLength must not be negative")
        self.maximumLength = maximumLength
    }

    /// Delivers the next complete line in `buffer`, if there is one.
    ///
    /// - Parameters:
    ///   - context: The handler's context, through which the line is delivered.
    ///   - buffer: The bytes received and not yet decoded.
    /// - Returns: `.continue` after delivering a line, `.needMoreData` when no line is complete.
    /// - Throws: ``LineFrameError/lineTooLong(limit:)``.
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if self.lastLineEndedWithCR {
            guard let first = buffer.readableBytesView.first else { return .needMoreData }
            self.lastLineEndedWithCR = false
            if first == ASCII.lineFeed || first == ASCII.nul {
                buffer.moveReaderIndex(forwardBy: 1)
                return .continue
            }
        }

        let bytes = buffer.readableBytesView
        let unscanned = bytes.index(bytes.startIndex, offsetBy: self.scannedLength)
        guard let end = bytes[unscanned...].firstIndex(where: { $0 == ASCII.lineFeed || $0 == ASCII.carriageReturn })
        else {
            guard bytes.count <= self.maximumLength else {
                throw LineFrameError.lineTooLong(limit: self.maximumLength)
            }
            self.scannedLength = bytes.count
            return .needMoreData
        }

        let length = bytes.distance(from: bytes.startIndex, to: end)
        guard length <= self.maximumLength else {
            throw LineFrameError.lineTooLong(limit: self.maximumLength)
        }
        self.lastLineEndedWithCR = bytes[end] == ASCII.carriageReturn
        self.scannedLength = 0
        let line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(Self.wrapInboundOut(Self.droppingNUL(line, allocator: context.channel.allocator)))
        return .continue
    }

    /// Delivers the remaining whole lines when the connection ends, and drops an unfinished one.
    ///
    /// A line counts once its end arrives (the resident pressed Enter). The end of a connection
    /// is no line end: it also comes when the server closes an idle connection or stops, and a
    /// resident's unsent 确认 was then confirmed for them, a ticket made and a reply recorded
    /// that nobody read (QA).
    ///
    /// - Parameters:
    ///   - context: The handler's context, through which the lines are delivered.
    ///   - buffer: The bytes received and not yet decoded.
    ///   - seenEOF: Whether the client closed; unfinished lines are dropped either way.
    /// - Returns: `.continue` while whole lines remain, then `.needMoreData`.
    /// - Throws: ``LineFrameError/lineTooLong(limit:)``.
    public mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        if try self.decode(context: context, buffer: &buffer) == .continue {
            return .continue
        }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        self.scannedLength = 0
        return .needMoreData
    }

    /// `line` without its NUL bytes; the same buffer, uncopied, when it has none.
    ///
    /// - Parameters:
    ///   - line: One line's bytes.
    ///   - allocator: Where a copy comes from when there are NULs to drop.
    /// - Returns: The bytes of `line` other than NUL.
    private static func droppingNUL(_ line: ByteBuffer, allocator: ByteBufferAllocator) -> ByteBuffer {
        guard line.readableBytesView.contains(ASCII.nul) else { return line }
        var kept = allocator.buffer(capacity: line.readableBytes)
        kept.writeBytes(line.readableBytesView.lazy.filter { $0 != ASCII.nul })
        return kept
    }
}

/// The ASCII bytes that end or pad a line.
private enum ASCII {
    /// LF, the usual end of line.
    static let lineFeed: UInt8 = 0x0A
    /// CR, alone or before LF or NUL.
    static let carriageReturn: UInt8 = 0x0D
    /// NUL, telnet's padding after a bare CR.
    static let nul: UInt8 = 0x00
}
