import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to a loopback port, for tests that need what an HTTP client hides:
/// half-sent requests, HTTP/1.0, malformed requests, and whether and when the server closes.
///
/// Every wait is bounded (a receive timeout on the socket), so a server that never answers
/// fails the test instead of hanging it; and every wait runs on a dispatch thread, so it never
/// holds one of Swift's few cooperative threads that the other tests running meanwhile need.
final class RawConnection: @unchecked Sendable {
    private let fd: Int32

    /// Connects to 127.0.0.1:`port`.
    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(fd) }

    /// Sends `text`; false when the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// What arrives until the server closes the connection or `timeout` passes, and whether it
    /// closed (`recv` returned 0 or an error other than the timeout).
    func readUntilClosed(timeout: Duration) async -> (text: String, closed: Bool) {
        await Self.offCooperativePool { self.blockingReadUntilClosed(timeout: timeout) }
    }

    /// One response read up to the end of its body (by `Content-Length`), within `timeout`;
    /// nil when it does not arrive whole in time.
    func readResponse(timeout: Duration) async -> String? {
        await Self.offCooperativePool { self.blockingReadResponse(timeout: timeout) }
    }

    /// Sends `request` and reads one response (see ``readResponse(timeout:)``).
    func readResponseAfterSending(_ request: String, timeout: Duration) async -> String? {
        send(request) ? await readResponse(timeout: timeout) : nil
    }

    /// `body`'s result, computed on a dispatch thread.
    static func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    /// ``readUntilClosed(timeout:)`` on the calling thread, for callers already off the pool.
    func blockingReadUntilClosed(timeout: Duration) -> (text: String, closed: Bool) {
        var data = [UInt8]()
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return (String(decoding: data, as: UTF8.self), false) }
            setReceiveTimeout(left)
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                return (String(decoding: data, as: UTF8.self), true)
            }
        }
    }

    /// ``readResponse(timeout:)`` on the calling thread, for callers already off the pool.
    func blockingReadResponse(timeout: Duration) -> String? {
        var data = [UInt8]()
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)
        while ContinuousClock.now < deadline {
            let text = String(decoding: data, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = text[..<end.lowerBound].lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.count - text[..<end.upperBound].utf8.count >= length { return text }
            }
            setReceiveTimeout(deadline - ContinuousClock.now)
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 { data.append(contentsOf: buffer[0..<count]) } else if count == 0 { return nil }
        }
        return nil
    }

    private func setReceiveTimeout(_ duration: Duration) {
        let micros = max(1000, duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000)
        var value = timeval(tv_sec: Int(micros / 1_000_000), tv_usec: Int(micros % 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The status code of an HTTP response's status line.
    static func status(of response: String) -> Int? {
        let line = response.prefix { $0 != "\r" }.split(separator: " ")
        return line.count >= 2 ? Int(line[1]) : nil
    }

    /// The value of header `name` in a response, matched case-insensitively.
    static func header(_ name: String, in response: String) -> String? {
        let head = response.components(separatedBy: "\r\n\r\n").first ?? ""
        for line in head.components(separatedBy: "\r\n").dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() { return parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }
}
