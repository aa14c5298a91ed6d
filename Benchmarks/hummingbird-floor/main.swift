// The floor for any server built on Hummingbird on this machine: a plain Hummingbird application
// with no middleware that answers every GET with the bytes of one file, read once at start.
// `Benchmarks/run.sh server` measures it with wrk beside nginx and `scopeguide serve`, on the
// built Front Markdown and on a tailored Front page, so the table shows what the framework itself
// can answer with each body. The content type follows the file's extension.
//
//   hummingbird-floor <file> <port>
import Foundation
import Hummingbird

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[2]), let body = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: hummingbird-floor <file> <port>\n".utf8))
    exit(1)
}
let bytes = ByteBuffer(bytes: body)
let contentType = arguments[1].hasSuffix(".html") ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8"
let router = Router()
router.get("**") { _, _ in
    Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: bytes))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "hummingbird-floor"))
try await app.runService()
