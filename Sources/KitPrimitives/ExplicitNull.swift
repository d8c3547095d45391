/// An optional that Codable writes as an explicit JSON `null` when absent (Swift's synthesized
/// encoding leaves the key out) and reads from `null` or a missing key. The wire contract shows
/// absent values as `null` ("Missing due date: `null`"); marking a property states that once,
/// instead of writing `encode(to:)` out field by field:
///
/// ```swift
/// struct Details: Codable {
///     var name: String
///     @ExplicitNull var dueDate: Timestamp?   // {"name":"A","dueDate":null}
/// }
/// ```
@propertyWrapper
public struct ExplicitNull<Value> {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }
}

extension ExplicitNull: Sendable where Value: Sendable {}
extension ExplicitNull: Equatable where Value: Equatable {}
extension ExplicitNull: Hashable where Value: Hashable {}

extension ExplicitNull: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension ExplicitNull: Decodable where Value: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }
}

extension KeyedDecodingContainer {
    /// A missing key is an absent value (synthesized decoding calls this overload for
    /// ``ExplicitNull`` properties).
    public func decode<Value: Decodable>(_ type: ExplicitNull<Value>.Type, forKey key: Key) throws -> ExplicitNull<Value> {
        try decodeIfPresent(type, forKey: key) ?? ExplicitNull(wrappedValue: nil)
    }
}
