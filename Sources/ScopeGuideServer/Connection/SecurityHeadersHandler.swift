import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Adds the security headers to every response the connection writes that lacks them.
///
/// ``SecurityHeadersMiddleware`` covers everything the router answers; this covers what
/// Hummingbird answers itself below the router, such as the `400 Bad Request` for a request the
/// HTTP parser rejects, so that "every response, errors included" holds on the wire too.
final class SecurityHeadersHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let headers: HTTPFields

    init(headers: HTTPFields) {
        self.headers = headers
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var response) = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        for field in headers where response.headerFields[field.name] == nil {
            response.headerFields[field.name] = field.value
        }
        context.write(wrapOutboundOut(.head(response)), promise: promise)
    }
}

@available(*, unavailable)
extension SecurityHeadersHandler: Sendable {}
