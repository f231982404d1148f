import NIOCore

extension NIOAsyncChannel {
    /// Wraps a connection a server has just accepted so that it closes itself if it is never
    /// served.
    ///
    /// A connection accepted in the instant a server stops can be dropped before the accept loop
    /// takes it (swift-nio#2637, still open). Wrapped with `wrappingChannelSynchronously:`, a
    /// dropped channel traps ("Deinited NIOAsyncWriter without calling finish()"): SIGTERM under
    /// load crashed `minhu serve` instead of stopping it, before the database was closed (CI).
    /// The older initializer closes a dropped channel instead. NIO deprecated it in favour of
    /// explicit teardown, which every connection that is served still gets (`executeThenClose`),
    /// so its one deprecation warning is kept here, on purpose.
    static func accepted(_ channel: any Channel, configuration: Configuration = .init()) throws -> NIOAsyncChannel {
        try NIOAsyncChannel(synchronouslyWrapping: channel, configuration: configuration)
    }
}
