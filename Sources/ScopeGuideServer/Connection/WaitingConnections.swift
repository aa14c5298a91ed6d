import NIOConcurrencyHelpers
import NIOCore

/// The open connections that are waiting for a request (half-sent, or idle between requests),
/// with the time each started waiting, so that at the connection cap the one waiting longest
/// can make room for a newcomer.
///
/// Without this, a client holding the cap's worth of slow or idle connections locks everyone
/// out, `/healthz` included, until the timeouts close them. Connections being answered are never
/// listed: closing one would throw work away.
final class WaitingConnections: Sendable {
    private struct Entry {
        var channel: any Channel
        var since: NIODeadline
    }
    private let entries = NIOLockedValueBox([ObjectIdentifier: Entry]())

    /// `channel` waits for a request from `since` on (kept if it already waits).
    func waiting(_ channel: any Channel, since: NIODeadline = .now()) {
        entries.withLockedValue { entries in
            if entries[ObjectIdentifier(channel)] == nil { entries[ObjectIdentifier(channel)] = Entry(channel: channel, since: since) }
        }
    }

    /// `channel` is being answered, or closed: not a candidate.
    func remove(_ channel: any Channel) {
        _ = entries.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    var count: Int { entries.withLockedValue(\.count) }

    /// Closes the connection that has waited longest, if any; returns its peer for the log.
    func closeLongestWaiting() -> (peer: String, waited: TimeAmount)? {
        let oldest: Entry? = entries.withLockedValue { entries in
            guard let (key, entry) = entries.min(by: { $0.value.since < $1.value.since }) else { return nil }
            entries.removeValue(forKey: key)
            return entry
        }
        guard let oldest else { return nil }
        oldest.channel.close(promise: nil)
        return (oldest.channel.remoteAddress?.description ?? "-", .now() - oldest.since)
    }
}
