import Hummingbird

/// A tailored guide as the server answers it, ready to send again: the body and the headers that
/// depend on the request (`ETag`, `Cache-Control`, `Vary`, `Content-Type`). The security headers
/// are added by ``SecurityHeadersMiddleware`` to every answer, fresh or cached alike.
struct CachedAnswer: Sendable {
    /// The ``GuideRequestKey`` of the canonical request.
    let key: String
    let tag: EntityTag
    /// The `200`'s headers; a `304` sends them without `Content-Type`.
    let headers: HTTPFields
    let body: ByteBuffer

    /// Bytes held by the header values (the names are static).
    var headerBytes: Int { headers.reduce(0) { $0 + $1.value.utf8.count } }

    /// The answer to `text`, tagged by `generation` and `key` rather than by its bytes.
    init(key: String, text: String, tag: EntityTag, contentType: String, cacheControl: String, vary: String?) {
        self.key = key
        self.tag = tag
        headers = Self.headers(tag: tag, contentType: contentType, cacheControl: cacheControl, vary: vary)
        // Exactly the body's size: the cache counts the capacity it keeps.
        var body = ByteBufferAllocator().buffer(capacity: text.utf8.count)
        body.writeString(text)
        self.body = body
    }

    static func headers(tag: EntityTag, contentType: String, cacheControl: String, vary: String?) -> HTTPFields {
        var headers: HTTPFields = [.eTag: tag.description, .cacheControl: cacheControl]
        if let vary { headers[.vary] = vary }
        headers[.contentType] = contentType
        return headers
    }

    /// `200` with the body, or `304 Not Modified` when the request's `If-None-Match` names the tag.
    func response(for request: Request) -> Response {
        if let condition = request.headers[.ifNoneMatch], tag.matches(ifNoneMatch: condition) {
            return Self.notModified(headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// `304 Not Modified` with the `200`'s validator and caching headers. A 304 has no content,
    /// and a `Content-Length` would have to be the `200`'s (RFC 9110 §8.6).
    static func notModified(_ headers: HTTPFields) -> Response {
        var response = Response(status: .notModified, headers: headers)
        response.headers[.contentType] = nil
        response.headers[.contentLength] = nil
        return response
    }
}
