import HummingbirdCore
import Logging

/// Hummingbird's connection cap, logged: at ``maximum`` open connections the server stops
/// accepting (newcomers wait in the kernel's listen backlog, and past it are not answered) until
/// one closes.
///
/// Without a cap, enough idle or slow connections use up the process's descriptors and the
/// server can no longer accept anything, `/healthz` included; with it, that can only last until
/// the timeouts close them. Reaching the cap is logged once per episode, not per connection, so a
/// flood cannot flood the log too.
struct ConnectionLimit: AvailableConnectionsDelegate {
    let maximum: Int
    let logger: Logger
    private(set) var open = 0
    private var isFull = false

    init(maximum: Int, logger: Logger) {
        self.maximum = max(1, maximum)
        self.logger = logger
    }

    mutating func connectionOpened() {
        open += 1
        if open >= maximum, !isFull {
            isFull = true
            logger.warning("connection limit reached: not accepting until a connection closes", metadata: [
                "reason": "max_connections", "open": "\(open)", "limit": "\(maximum)",
            ])
        }
    }

    mutating func connectionClosed() {
        open -= 1
        // Logged again only once well below the cap, so a cap that flaps under load logs little.
        if isFull, open < maximum * 9 / 10 {
            isFull = false
            logger.notice("accepting connections again", metadata: ["open": "\(open)", "limit": "\(maximum)"])
        }
    }

    func isAcceptingNewConnections() -> Bool { open < maximum }
}
