import MockServerCore

/// What the requests behind a failing call suggest about its cause, for the failure message: the
/// platform saw the mistake before the answer showed it.
///
/// One clue so far: an id read through a double. Above 2^53 a double holds only some integers, so
/// a client that parses Canvas's JSON numbers as doubles (every JavaScript `JSON.parse`) turns
/// `9007199254740997` into `9007199254740996` and asks for a course that does not exist. A 404 on a
/// path with an integer segment above 2^53 that a double holds exactly is that mistake's footprint.
///
/// ```swift
/// RequestClue.first(in: journal)
/// // "clue: the implementation asked for /api/v1/courses/9007199254740996/assignments and got 404; …"
/// ```
package enum RequestClue {
    /// The first clue in `requests` (in arrival order), or nil.
    package static func first(in requests: [JournalEntry]) -> String? {
        for entry in requests where entry.status == 404 {
            if let id = entry.path.split(separator: "/").lazy.compactMap({ UInt64($0) }).first(where: isRoundedThroughADouble) {
                return "clue: the implementation asked for \(entry.path) and got 404; unless the platform listed \(id), that is an id "
                    + "read through a double (JSON.parse): ask Canvas for string ids (Accept: application/json+canvas-string-ids)"
            }
        }
        return nil
    }

    /// Whether `id` is above 2^53 and a double holds it exactly (as every id that went through one does).
    static func isRoundedThroughADouble(_ id: UInt64) -> Bool {
        id > 1 << 53 && UInt64(exactly: Double(id)) == id
    }
}
