import HummingbirdCore
import Logging

/// Hummingbird's connection cap, logged, that makes room: at ``maximum`` open connections the
/// one that has waited longest for a request (half-sent or idle, see ``WaitingConnections``) is
/// closed for the newcomer; when every connection is being answered the server stops accepting
/// (newcomers wait in the kernel's listen backlog) until one closes.
///
/// Without a cap, enough idle or slow connections use up the process's descriptors and the
/// server can no longer accept anything, `/healthz` included; with a plain cap, the same clients
/// lock everyone out until the timeouts close them. Reaching the cap is logged once per episode,
/// each connection closed to make room once.
struct ConnectionLimit: AvailableConnectionsDelegate {
    let maximum: Int
    let logger: Logger
    let waitingConnections: WaitingConnections
    private(set) var open = 0
    private var isFull = false

    init(maximum: Int, logger: Logger, waitingConnections: WaitingConnections) {
        self.maximum = max(1, maximum)
        self.logger = logger
        self.waitingConnections = waitingConnections
    }

    mutating func connectionOpened() {
        open += 1
        guard open >= maximum else { return }
        if !isFull {
            isFull = true
            logger.warning("connection limit reached: closing connections that wait longest for a request to make room", metadata: [
                "reason": "max_connections", "open": "\(open)", "limit": "\(maximum)",
            ])
        }
        // A newcomer past the cap: the connection waiting longest goes, so the count is back at it.
        guard open > maximum, let closed = waitingConnections.closeLongestWaiting() else { return }
        logger.notice("closed connection: made room at the connection limit", metadata: [
            "reason": "connection_limit_eviction", "peer": "\(closed.peer)", "waited_ms": "\(closed.waited.nanoseconds / 1_000_000)",
        ])
    }

    mutating func connectionClosed() {
        open -= 1
        // Logged again only once well below the cap, so a cap that flaps under load logs little.
        if isFull, open < maximum * 9 / 10 {
            isFull = false
            logger.notice("accepting connections again", metadata: ["open": "\(open)", "limit": "\(maximum)"])
        }
    }

    /// Below the cap; or at it while some connection only waits for a request and can make room
    /// (for a moment there is then one descriptor more than the cap).
    func isAcceptingNewConnections() -> Bool {
        open < maximum || (open == maximum && waitingConnections.count > 0)
    }
}
