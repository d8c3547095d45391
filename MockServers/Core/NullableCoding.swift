/// Nullable fields of a patch (a change that edits some fields of a record) have three states:
/// absent (leave the value as it is), `null` (clear it) and a value (set it). A patch holds such a
/// field as `T??`: nil, `.some(nil)` and `.some(value)`.
extension KeyedDecodingContainer {
    /// Reads a nullable patch field: nil when `key` is absent, `.some(nil)` for an explicit `null`,
    /// else `.some(value)`.
    public func decodeNullable<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T?? {
        guard contains(key) else { return nil }
        return .some(try decodeNil(forKey: key) ? nil : try decode(T.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// Writes a nullable patch field: nothing when `value` is nil, `null` for `.some(nil)`, else the value.
    public mutating func encodeNullable<T: Encodable>(_ value: T??, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
}
