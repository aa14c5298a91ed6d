import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 channel with ScopeGuide's connection policy: the idle timeout, the
/// request header timeout (``RequestHeaderTimeoutHandler``), closing after HTTP/1.0 answers
/// (``ConnectionCloseHandler``) and the security headers on Hummingbird's own answers
/// (``SecurityHeadersHandler``).
///
/// The first two handlers need the request's HTTP version and the reads the decoder could not
/// decode yet, which Hummingbird's `additionalChannelHandlers` (placed after its codec) never
/// see, so they go in just before the codec once Hummingbird has built the pipeline.
struct LimitedHTTP1Channel: ServerChildChannel {
    let base: HTTP1Channel
    let headerTimeout: TimeAmount
    let waitingConnections: WaitingConnections

    init(responder: @escaping HTTPChannelHandler.Responder, limits: ServerLimits, securityHeaders: HTTPFields,
         waitingConnections: WaitingConnections) {
        self.waitingConnections = waitingConnections
        base = HTTP1Channel(responder: responder, configuration: .init(
            additionalChannelHandlers: [SecurityHeadersHandler(headers: securityHeaders)],
            idleTimeout: TimeAmount(limits.idleTimeout)))
        headerTimeout = TimeAmount(limits.headerTimeout)
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        let headerTimeout = headerTimeout, waitingConnections = waitingConnections
        return base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let codec = try pipeline.handler(type: HTTP1ToHTTPServerCodec.self)
            try pipeline.addHandler(RequestHeaderTimeoutHandler(timeout: headerTimeout, logger: logger, waitingConnections: waitingConnections), position: .before(codec))
            try pipeline.addHandler(ConnectionCloseHandler(), position: .before(codec))
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with ``LimitedHTTP1Channel``'s timeouts and connection policy.
    static func limitedHTTP1(limits: ServerLimits, securityHeaders: HTTPFields, waitingConnections: WaitingConnections) -> HTTPServerBuilder {
        .init { responder in
            LimitedHTTP1Channel(responder: responder, limits: limits, securityHeaders: securityHeaders, waitingConnections: waitingConnections)
        }
    }
}
