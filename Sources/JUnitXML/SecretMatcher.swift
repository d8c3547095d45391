/// A secret prepared for matching: its Unicode scalars and each scalar's UTF-8 bytes.
struct SecretPattern: Sendable {
    let scalars: [UInt32]
    let utf8: [[UInt8]]

    init(_ secret: String) {
        scalars = secret.unicodeScalars.map(\.value)
        utf8 = secret.unicodeScalars.map { Array(String($0).utf8) }
    }
}

/// Finds one secret in UTF-8 text in the forms ``Redactor`` documents (raw, escaped, percent-encoded,
/// split across lines). Matching is a depth-first search with an explicit stack, so long secrets
/// (PEM keys) cannot overflow the call stack.
struct SecretMatcher {
    let pattern: SecretPattern
    let text: UnsafeBufferPointer<UInt8>

    private static let backslash = UInt8(ascii: "\\")
    private static let percent = UInt8(ascii: "%")

    /// The end of a match that starts exactly at `start`, or `nil`.
    func match(from start: Int) -> Int? {
        guard let firstBytes = pattern.utf8.first else { return nil }
        let lead = text[start]
        guard lead == firstBytes[0] || lead == Self.backslash || lead == Self.percent else { return nil }

        // Each frame holds the candidate positions after matching scalar `index - 1`.
        var stack: [(index: Int, candidates: Candidates, next: Int)] = []
        stack.append((0, Candidates(start), 0))
        while let top = stack.last {
            if top.next >= top.candidates.count {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            let position = top.candidates[top.next]
            if top.index == pattern.scalars.count { return position }
            var nextCandidates = consumptions(of: top.index, at: position)
            if top.index > 0, let afterBreak = lineBreakGap(at: position) {
                nextCandidates.append(contentsOf: consumptions(of: top.index, at: afterBreak))
            }
            if nextCandidates.count > 0 {
                stack.append((top.index + 1, nextCandidates, 0))
            }
        }
        return nil
    }

    /// Positions just after one encoding of secret scalar `index` starting at `position`.
    private func consumptions(of index: Int, at position: Int) -> Candidates {
        var result = Candidates()
        guard position < text.count else { return result }
        let scalar = pattern.scalars[index]
        let raw = pattern.utf8[index]
        if position + raw.count <= text.count,
           raw.indices.allSatisfy({ text[position + $0] == raw[$0] }) {
            result.append(position + raw.count)
        }
        let byte = text[position]
        if byte == Self.backslash {
            let run = backslashRun(at: position)
            if scalar == 0x5C {
                if run >= 2 { result.append(position + 2) }
                if run >= 4 { result.append(position + 4) }
            }
            if let (value, end) = escapedScalar(afterBackslashesAt: position + run), value == scalar {
                result.append(end)
            }
        } else if byte == Self.percent, scalar < 0x80,
                  let value = hexValue(at: position + 1, digits: 2), value == scalar {
            result.append(position + 3)
        }
        return result
    }

    /// Decodes the escape whose letter is at `position` (just after a run of backslashes).
    private func escapedScalar(afterBackslashesAt position: Int) -> (UInt32, Int)? {
        guard position < text.count else { return nil }
        switch text[position] {
        case UInt8(ascii: "u"):
            guard let value = hexValue(at: position + 1, digits: 4) else { return nil }
            let end = position + 5
            guard (0xD800...0xDBFF).contains(value) else { return (value, end) }
            let run = backslashRun(at: end)
            guard run > 0, end + run < text.count, text[end + run] == UInt8(ascii: "u"),
                  let low = hexValue(at: end + run + 1, digits: 4), (0xDC00...0xDFFF).contains(low)
            else { return nil }
            return (0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00), end + run + 5)
        case UInt8(ascii: "x"):
            guard let value = hexValue(at: position + 1, digits: 2) else { return nil }
            return (value, position + 3)
        case UInt8(ascii: "/"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            return (UInt32(text[position]), position + 1)
        case UInt8(ascii: "n"): return (0x0A, position + 1)
        case UInt8(ascii: "r"): return (0x0D, position + 1)
        case UInt8(ascii: "t"): return (0x09, position + 1)
        case UInt8(ascii: "b"): return (0x08, position + 1)
        case UInt8(ascii: "f"): return (0x0C, position + 1)
        default: return nil
        }
    }

    /// The position after `[ \t]* linebreak [ \t]*` at `position`, or `nil` when there is no line break.
    private func lineBreakGap(at position: Int) -> Int? {
        var index = skipBlanks(from: position)
        guard index < text.count else { return nil }
        if text[index] == 0x0D {
            index += 1
            if index < text.count, text[index] == 0x0A { index += 1 }
        } else if text[index] == 0x0A {
            index += 1
        } else if text[index] == Self.backslash {
            let run = backslashRun(at: index)
            let letter = index + run
            guard letter < text.count else { return nil }
            if text[letter] == UInt8(ascii: "n") {
                index = letter + 1
            } else if text[letter] == UInt8(ascii: "r") {
                index = letter + 1
                let nextRun = backslashRun(at: index)
                if nextRun > 0, index + nextRun < text.count, text[index + nextRun] == UInt8(ascii: "n") {
                    index += nextRun + 1
                }
            } else {
                return nil
            }
        } else {
            return nil
        }
        return skipBlanks(from: index)
    }

    private func skipBlanks(from position: Int) -> Int {
        var index = position
        while index < text.count, text[index] == 0x20 || text[index] == 0x09 { index += 1 }
        return index
    }

    private func backslashRun(at position: Int) -> Int {
        var index = position
        while index < text.count, text[index] == Self.backslash { index += 1 }
        return index - position
    }

    private func hexValue(at position: Int, digits: Int) -> UInt32? {
        guard position + digits <= text.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<digits {
            let byte = text[position + offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}

/// Up to eight candidate positions, stored inline so matching does not allocate per byte.
struct Candidates {
    private var storage: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
    private(set) var count = 0

    init() {}

    init(_ single: Int) {
        append(single)
    }

    mutating func append(_ position: Int) {
        guard count < 8 else { return }
        withUnsafeMutableBytes(of: &storage) { raw in
            raw.storeBytes(of: position, toByteOffset: count * MemoryLayout<Int>.stride, as: Int.self)
        }
        count += 1
    }

    mutating func append(contentsOf other: Candidates) {
        for index in 0..<other.count { append(other[index]) }
    }

    subscript(index: Int) -> Int {
        withUnsafeBytes(of: storage) { raw in
            raw.load(fromByteOffset: index * MemoryLayout<Int>.stride, as: Int.self)
        }
    }
}
