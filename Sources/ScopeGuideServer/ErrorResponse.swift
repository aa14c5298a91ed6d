import Foundation
import Hummingbird
import ScopeGuide

/// An error answer in the format the request asked for: a ``StatusPage`` for browsers, its
/// Markdown for `.md`, JSON for `.json` and `Accept: application/json`. The message may quote
/// request values: HTML and Markdown escape them through cmark, JSON through `PrettyJSON`, with
/// `<`, `>` and `&` as `\u003c`… so no sniffing client can read markup into it.
struct ErrorResponse {
    var status: HTTPResponse.Status
    var title: String
    var message: String
    var headers: HTTPFields = [:]
    /// Links to the request with the error's suggestions in place (HTML and Markdown pages only).
    var corrections: [GuideURLCorrection] = []

    /// The answer to `request` in `format`: the one its path asked for (``RequestPath``).
    func response(for request: Request, format: RequestedFormat) -> Response {
        let body: String
        switch format {
        case .html:
            body = StatusPage(status: status.code, title: title, message: message, corrections: corrections).html()
        case .json:
            let json = PrettyJSON.object([("status", .integer(status.code)), ("error", .string(title)), ("message", .string(message))])
            body = json.text(.pretty, escapingMarkup: true) + "\n"
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
