import Foundation
import Hummingbird
import ScopeGuide

/// An error answer in the format the request asked for: a ``StatusPage`` for browsers, its
/// Markdown for `.md`, JSON for `.json` and `Accept: application/json`. The message may quote
/// request values: HTML and Markdown escape them through cmark, JSON through its encoder, with
/// `<`, `>` and `&` as `\u003c`… so no sniffing client can read markup into it.
struct ErrorResponse {
    var status: HTTPResponse.Status
    var title: String
    var message: String
    var headers: HTTPFields = [:]
    /// Links to the request with the error's suggestions in place (HTML and Markdown pages only).
    var corrections: [GuideURLCorrection] = []

    private struct JSONBody: Encodable {
        var status: Int
        var error: String
        var message: String
    }

    /// The answer to `request` in `format`: the one its path asked for (``RequestPath``).
    func response(for request: Request, format: RequestedFormat) -> Response {
        let body: String
        switch format {
        case .html:
            body = StatusPage(status: status.code, title: title, message: message, corrections: corrections).html()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let data = (try? encoder.encode(JSONBody(status: status.code, error: title, message: message))) ?? Data("{}".utf8)
            body = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
                .replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(of: "&", with: "\\u0026") + "\n"
        case .markdown:
            body = StatusPage(status: status.code, title: title, message: message, corrections: corrections).markdown()
        }
        var fields = headers
        fields[.contentType] = format.contentType
        fields[.cacheControl] = "no-store"
        let response = Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        return request.method == .head ? response.createHeadResponse() : response
    }
}
