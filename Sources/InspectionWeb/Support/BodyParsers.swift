import Foundation
import Hummingbird
import NIOCore

/// The web application's body parsers behind one public door, for the fuzz targets (`fuzz/`):
/// the same code the handlers run on a request's body.
public enum BodyParsers {
    /// Decodes `body` as the results form (the richest one: arrays, maps, loose values) by its
    /// content type: JSON, URL-encoded or multipart. Throws what a request would get.
    public static func decodeResults(_ body: [UInt8], contentType: String) throws {
        _ = try Request.decode(ResultsController.ResultsInput.self, body: ByteBuffer(bytes: body), contentType: contentType)
    }

    /// Reads `body` as a form (URL-encoded or multipart) into the object the handlers decode.
    public static func formObject(_ body: [UInt8], contentType: String) throws -> Int {
        try FormFields(body: ByteBuffer(bytes: body), contentType: contentType).jsonObject().count
    }
}
