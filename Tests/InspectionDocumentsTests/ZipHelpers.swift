import Foundation
import Testing
import ZIPFoundation

/// Builds a ZIP in memory from paths and texts, independently of the workbook writer under test.
func makeZip(_ parts: [(path: String, text: String)]) throws -> Data {
    let archive = try Archive(accessMode: .create)
    for (path, text) in parts {
        let data = Data(text.utf8)
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    return try #require(archive.data)
}

/// The text of one entry of a ZIP held in memory.
func unzippedText(_ zip: Data, _ path: String) throws -> String {
    let archive = try Archive(data: zip, accessMode: .read)
    let entry = try #require(archive[path], "missing \(path)")
    var bytes = Data()
    _ = try archive.extract(entry) { bytes.append($0) }
    return String(decoding: bytes, as: UTF8.self)
}

/// The paths of the entries of a ZIP held in memory.
func zipPaths(_ zip: Data) throws -> [String] {
    try Archive(data: zip, accessMode: .read).map(\.path)
}
