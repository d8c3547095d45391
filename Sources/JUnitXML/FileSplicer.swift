import Foundation

/// Copies a file written by one ``XMLTextWriter`` into another writer as raw bytes.
enum FileSplicer {
    static let chunkSize = 64 * 1024

    /// Copies the fragment `file` (written after ``XMLTextWriter/startFragment()``) into `writer`,
    /// without its XML declaration, in chunks that end on UTF-8 scalar boundaries. Returns whether
    /// anything was copied.
    static func splice(fragment file: String, into writer: XMLTextWriter) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw JUnitXMLError(code: .ioFailure, message: "cannot read temporary file \(file)", file: file)
        }
        defer { try? handle.close() }
        let declaration = XMLTextWriter.declaration
        let head: Data?
        do {
            head = try handle.read(upToCount: declaration.count)
        } catch {
            throw JUnitXMLError(code: .ioFailure, message: "reading \(file): \(error)", file: file)
        }
        guard let head, [UInt8](head) == declaration else {
            throw JUnitXMLError(code: .writeFailed, message: "temporary file \(file) is not a fragment", file: file)
        }
        var carry: [UInt8] = []
        var copied = false
        while true {
            let data: Data?
            do {
                data = try handle.read(upToCount: chunkSize)
            } catch {
                throw JUnitXMLError(code: .ioFailure, message: "reading \(file): \(error)", file: file)
            }
            guard let data, !data.isEmpty else { break }
            var chunk = carry
            chunk.append(contentsOf: data)
            let cut = scalarBoundary(in: chunk)
            carry = Array(chunk[cut...])
            try chunk[..<cut].withUnsafeBytes { try writer.splice($0) }
            copied = copied || cut > 0
        }
        if !carry.isEmpty {
            try carry.withUnsafeBytes { try writer.splice($0) }
            copied = true
        }
        return copied
    }

    /// The length of the longest prefix of `bytes` that does not end inside a UTF-8 sequence.
    static func scalarBoundary(in bytes: [UInt8]) -> Int {
        let end = bytes.count
        var lead = end
        var continuationBytes = 0
        while lead > 0, continuationBytes < 3, bytes[lead - 1] & 0xC0 == 0x80 {
            lead -= 1
            continuationBytes += 1
        }
        guard lead > 0, bytes[lead - 1] >= 0xC0 else { return end }
        let start = lead - 1
        let first = bytes[start]
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2
        return start + length <= end ? end : start
    }
}
