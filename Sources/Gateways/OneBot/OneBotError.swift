/// What can go wrong on a OneBot link, said so that whoever runs the bot can act on it.
public enum OneBotError: Error, Equatable, CustomStringConvertible {
    /// The forward-mode `url` is not a `ws://host[:port][/path]` address (`wss://` needs TLS,
    /// which this adapter does not do: put it behind a local proxy or use reverse mode).
    case invalidURL(String)
    /// The client answered the WebSocket upgrade with this HTTP status (401/403: wrong token).
    case refused(status: Int)
    /// The connection closed before the WebSocket was up.
    case closedBeforeUpgrade
    /// The client neither sent `X-Self-ID` nor answered `get_login_info`.
    case unknownSelfID
    /// The connection closed while an action waited for its answer; the core sends the
    /// message again over the next link.
    case linkClosed

    public var description: String {
        switch self {
        case .invalidURL(let url): "not a ws:// address: \(url)"
        case .refused(let status): "the OneBot client refused the connection (HTTP \(status))"
        case .closedBeforeUpgrade: "the OneBot client closed the connection before the WebSocket was up"
        case .unknownSelfID: "the OneBot client did not say which QQ number it is (X-Self-ID, get_login_info)"
        case .linkClosed: "the OneBot connection closed"
        }
    }
}
