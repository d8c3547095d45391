extension SequentialSourceAccountIDGenerator {
    /// A generator that goes on after the highest `"<prefix><n>"` id `state` has ever issued: what a
    /// restarted process with a durable store needs, so that `source-1`, `source-2`, … keep counting
    /// instead of starting over (the core would refuse the repeats, and the service gives up after a
    /// few draws).
    ///
    /// ```swift
    /// let store = try SQLiteSyncStore(path: path)
    /// let ids = SequentialSourceAccountIDGenerator.resuming(after: try store.snapshot)   // source-8 after source-7
    /// ```
    /// - Parameters:
    ///   - state: The reopened state; its issued ids include disconnected ones.
    ///   - prefix: The ids' prefix.
    public static func resuming(after state: SyncState, prefix: String = "source-") -> SequentialSourceAccountIDGenerator {
        let highest = state.issuedSourceIDs.compactMap { id -> UInt64? in
            guard id.rawValue.hasPrefix(prefix) else { return nil }
            return UInt64(id.rawValue.dropFirst(prefix.count))
        }.max() ?? 0
        return SequentialSourceAccountIDGenerator(prefix: prefix, start: highest &+ 1)
    }
}
