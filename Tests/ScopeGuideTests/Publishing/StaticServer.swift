import Foundation
import TestTools

#if canImport(Glibc)
import Glibc
#endif

/// A plain static file server over a folder: Python's `http.server`, the server anyone has, which
/// knows nothing of ScopeGuide (no rewrites, no `.html` guessing; a folder is redirected to its
/// `/` form, query kept, and answered with its `index.html`).
final class StaticServer {
    let process: Process
    let port: Int

    /// Starts the server on a free port of 127.0.0.1 over `folder`.
    init(serving folder: URL) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try ExternalTool.python3.required())
        // Unbuffered, so the "Serving HTTP on … port N" line arrives while the server runs.
        process.arguments = ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        let text = String(decoding: line, as: UTF8.self)
        guard let match = text.firstMatch(of: /port (\d+)/), let port = Int(match.1) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "http.server said: \(text)"])
        }
        self.port = port
    }

    /// Stops the server. With SIGKILL: a child inherits the test process's blocked signals, and
    /// SIGTERM (`Process.terminate()`) left servers running after the tests; not waited for, as
    /// Foundation's `waitUntilExit` on Linux hung here once the server had gone.
    func stop() { kill(process.processIdentifier, SIGKILL) }

    deinit { stop() }

    var origin: String { "http://127.0.0.1:\(port)" }

    /// The status and body of `url` (on 127.0.0.1), redirects followed as a browser follows them.
    ///
    /// A plain HTTP/1.0 exchange over a socket: Foundation's URLSession on Linux resolves the
    /// server's `Location: /…/api-token/?actions=…` back to the address it came from and gives up
    /// after "too many HTTP redirects", which a browser or curl does not.
    static func get(_ url: String) throws -> (status: Int, body: String) {
        var address = url
        for _ in 0..<5 {
            guard let parsed = URL(string: address), parsed.host == "127.0.0.1", let port = parsed.port else { return (-1, "") }
            let query = parsed.query.map { "?" + $0 } ?? ""
            let path = (parsed.path(percentEncoded: true).isEmpty ? "/" : parsed.path(percentEncoded: true)) + query
            let response = try exchange("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\n\r\n", port: port)
            guard let headerEnd = response.range(of: "\r\n\r\n") else { return (-1, "") }
            let head = response[..<headerEnd.lowerBound], body = String(response[headerEnd.upperBound...])
            let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? -1
            guard (300..<400).contains(status) else { return (status, body) }
            guard let location = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("location:") }),
                let next = URL(string: location.dropFirst("location:".count).trimmingCharacters(in: .whitespaces), relativeTo: parsed)
            else { return (status, body) }
            address = next.absoluteString
        }
        return (-2, "")
    }

    /// Sends `request` to 127.0.0.1:`port` and reads the answer to the end of the connection,
    /// trying again (a GET is safe to repeat) when the connection or the send fails: under a
    /// loaded CI run one send in several thousand failed with EIO while Python's server was busy.
    private static func exchange(_ request: String, port: Int) throws -> String {
        var lastError: Error = POSIXError(.EIO)
        for attempt in 0..<5 {
            do {
                return try exchangeOnce(request, port: port)
            } catch {
                lastError = error
                usleep(useconds_t(100_000 * (attempt + 1)))
            }
        }
        throw lastError
    }

    private static func exchangeOnce(_ request: String, port: Int) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EIO) }
        defer { close(socket) }
        // A server that never answers fails the test instead of hanging it.
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(port).bigEndian)
        target.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(request.utf8)
        // MSG_NOSIGNAL: a connection the server closed fails the send instead of raising SIGPIPE.
        guard send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw POSIXError(.EIO) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while case let count = recv(socket, &buffer, buffer.count, 0), count > 0 { answer += buffer[0..<count] }
        return String(decoding: answer, as: UTF8.self)
    }
}
