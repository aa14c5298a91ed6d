import Hummingbird

extension Response {
    /// `200 OK` with `text` and an ``EntityTag`` of it, or `304 Not Modified` when the request's
    /// `If-None-Match` already names that tag.
    static func rendered(_ text: String, contentType: String, cacheControl: String, for request: Request, vary: String? = nil) -> Response {
        let body = ByteBuffer(string: text)
        let tag = EntityTag(body: body.readableBytesView)
        var headers: HTTPFields = [.eTag: tag.description, .cacheControl: cacheControl]
        if let vary { headers[.vary] = vary }
        if let condition = request.headers[.ifNoneMatch], tag.matches(ifNoneMatch: condition) {
            var response = Response(status: .notModified, headers: headers)
            // A 304 has no content; a Content-Length would have to be the 200's (RFC 9110 §8.6).
            response.headers[.contentLength] = nil
            return response
        }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
