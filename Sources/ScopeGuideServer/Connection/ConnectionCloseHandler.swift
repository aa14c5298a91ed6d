import NIOCore
import NIOHTTP1

/// Closes the connection after answering a request that does not ask to keep it alive: HTTP/1.0
/// without `Connection: keep-alive`, or HTTP/1.1 with `Connection: close` in any letter case.
///
/// Hummingbird reads the request as version-less `HTTPTypes` and only recognises the exact header
/// value `close`, so an HTTP/1.0 client (which waits for the server to close to see the end of
/// the answer) was left with an open connection. This handler sits before Hummingbird's codec,
/// where the request's version is still known: it marks such a request `Connection: close`, says
/// so on the response, and closes once the response is written.
final class ConnectionCloseHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Whether the request being answered asked for the connection to close.
    private var closesAfterResponse = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), !head.isKeepAlive else {
            context.fireChannelRead(data)
            return
        }
        closesAfterResponse = true
        // Hummingbird stops reading further requests when it sees exactly this value.
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard closesAfterResponse else {
            context.write(data, promise: promise)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(var head):
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            context.writeAndFlush(data, promise: promise)
            context.close(promise: nil)
        }
    }
}

@available(*, unavailable)
extension ConnectionCloseHandler: Sendable {}
