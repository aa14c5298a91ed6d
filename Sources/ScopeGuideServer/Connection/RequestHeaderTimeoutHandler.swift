import Logging
import NIOCore
import NIOHTTP1

/// Closes a connection whose request does not arrive whole within a timeout, and logs it.
///
/// A slow client that opens connections and sends requests a byte at a time ("slowloris") holds
/// a descriptor and a task per connection for as long as the server waits. Hummingbird's idle
/// timeout does not help once the first bytes of a request arrived, so this handler, sitting
/// between NIO's HTTP/1 decoder and Hummingbird's codec, gives each request `timeout` to arrive
/// (headers and any body): counted from the connection opening for the first request, and from
/// the request's first bytes on a kept-alive connection. Waiting between requests is the idle
/// timeout's business. The decoder passes on every read's completion even when it could not
/// decode anything yet, which is how a partial request is seen to start.
///
/// As it knows whether its connection is waiting for a request or being answered, it also keeps
/// the connection's entry in ``WaitingConnections`` up to date for the connection cap.
final class RequestHeaderTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        /// A request is arriving; the timer runs.
        case receiving
        /// Every request received is being answered; no timer.
        case answering
        /// Everything answered, nothing arriving: the idle timeout applies.
        case idle
    }

    let timeout: TimeAmount
    let logger: Logger
    let waitingConnections: WaitingConnections?
    private var state = State.receiving {
        didSet { listWhileWaiting() }
    }
    private var requestsInFlight = 0
    /// When the request now arriving started to (meaningful while ``State/receiving``).
    private var receivingSince = NIODeadline.now()
    /// At most one per connection, left running while requests are answered: scheduling and
    /// cancelling a timer for every request of a kept-alive connection was 3% of a cached answer's CPU.
    private var timer: Scheduled<Void>?
    private var channel: (any Channel)?

    init(timeout: TimeAmount, logger: Logger, waitingConnections: WaitingConnections? = nil) {
        self.timeout = timeout
        self.logger = logger
        self.waitingConnections = waitingConnections
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
        listWhileWaiting()
        if context.channel.isActive { arm(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
        if let channel { waitingConnections?.remove(channel) }
    }

    func channelActive(context: ChannelHandlerContext) {
        listWhileWaiting()
        if timer == nil, state == .receiving { arm(context) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        waitingConnections?.remove(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) {
            requestsInFlight += 1
            state = .answering
        } else if state != .receiving {
            state = .receiving
            arm(context)
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Bytes arrived on an idle connection that did not make a whole request part yet.
        if state == .idle {
            state = .receiving
            arm(context)
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), requestsInFlight > 0 {
            requestsInFlight -= 1
            if requestsInFlight == 0, state == .answering { state = .idle }
        }
        context.write(data, promise: promise)
    }

    /// Lists the connection while it waits for a request (from when it started waiting), and
    /// takes it off while it is answered.
    private func listWhileWaiting() {
        guard let waitingConnections, let channel, channel.isActive else { return }
        if state == .answering { waitingConnections.remove(channel) } else { waitingConnections.waiting(channel) }
    }

    /// Starts the timeout of a request that starts arriving now. A timer still pending from an
    /// earlier request is kept: when it fires it checks this request's own deadline.
    private func arm(_ context: ChannelHandlerContext) {
        receivingSince = .now()
        guard timer == nil else { return }
        schedule(context, at: receivingSince + timeout)
    }

    private func schedule(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: deadline) {
            let (handler, context) = loopBound.value
            handler.timer = nil
            // Answering or idle: no request is late (the next one arms a timer again).
            guard handler.state == .receiving else { return }
            let due = handler.receivingSince + handler.timeout
            guard due <= .now() else { return handler.schedule(context, at: due) }
            handler.logger.notice("closed connection: request not received in time", metadata: [
                "reason": "request_header_timeout",
                "timeout_ms": "\(handler.timeout.nanoseconds / 1_000_000)",
                "peer": "\(context.channel.remoteAddress?.description ?? "-")",
            ])
            context.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}

@available(*, unavailable)
extension RequestHeaderTimeoutHandler: Sendable {}
