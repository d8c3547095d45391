import KitPrimitives

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension SyncService {
    /// The system's wall-clock time, for production.
    ///
    /// Simulated runs must not use it (README, "Determinism"): pass the virtual clock's reading instead.
    public static let systemWallTime: @Sendable () -> Timestamp = {
        let secondsSinceEpoch = Date().timeIntervalSince1970
        let wholeSeconds = secondsSinceEpoch.rounded(.down)
        return Timestamp(
            seconds: Int64(wholeSeconds),
            nanoseconds: Int64(((secondsSinceEpoch - wholeSeconds) * 1e9).rounded(.down))
        )
    }
}
