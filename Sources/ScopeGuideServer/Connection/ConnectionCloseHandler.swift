import NIOCore
import NIOHTTP1

/// Closes the connection after answering a request that does not ask to keep it alive: HTTP/1.0
/// without `Connection: keep-alive`, or HTTP/1.1 with `Connection: close` in any letter case.
///
/// Hummingbird reads the request as version-less `HTTPTypes` and only recognises the exact header
/// value `close`, so an HTTP/1.0 client (which waits for the server to close to see the end of
/// the answer) was left with an open connection. This handler sits before Hummingbird's codec,
/// where the request's version is still known: it marks such a request `Connection: close`, says
/// so on that request's response, and closes once that response is written.
///
/// Requests may be pipelined: a client can send several in one write, so the decoder passes on
/// the next request's head while an earlier one is still being answered. Hence one entry per
/// request read and not yet answered, in order, rather than one flag for the connection: a
/// single flag set by a later `Connection: close` closed the connection after the earlier
/// response, and the later requests, read already, were never answered.
final class ConnectionCloseHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// For each request read and not yet answered, oldest first: whether it asked for the
    /// connection to close. Responses go out in request order (Hummingbird answers one request
    /// at a time), so the front belongs to the response being written.
    private var closesAfterResponse = CircularBuffer<Bool>(initialCapacity: 4)

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        closesAfterResponse.append(!head.isKeepAlive)
        guard !head.isKeepAlive else {
            context.fireChannelRead(data)
            return
        }
        // Hummingbird stops reading further requests when it sees exactly this value.
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // A response with no request read (Hummingbird's own 400 for an unparsable one) is
        // passed on as it is: Hummingbird marks it `Connection: close` and closes itself.
        guard let closes = closesAfterResponse.first else {
            context.write(data, promise: promise)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(var head) where closes:
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .head, .body:
            context.write(data, promise: promise)
        case .end:
            closesAfterResponse.removeFirst()
            guard closes else {
                context.write(data, promise: promise)
                return
            }
            context.writeAndFlush(data, promise: promise)
            context.close(promise: nil)
        }
    }
}

@available(*, unavailable)
extension ConnectionCloseHandler: Sendable {}
