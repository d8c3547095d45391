extension SyncService {
    /// The error `connectSource` reports for a connector's validation failure.
    ///
    /// The spec allows only `InvalidCredentialsError` and `NetworkError` here. Following interpretation 6
    /// (Scenarios/README.md), a `SourceConnectionError` (the details do not reach a working platform) becomes
    /// `InvalidCredentialsError`; every other code (throttling included) becomes `NetworkError`. The
    /// message is kept.
    static func connectError(from error: SyncError) -> SyncError {
        switch error.code {
        case .invalidCredentialsError, .networkError:
            return error
        case .sourceConnectionError:
            return SyncError(code: .invalidCredentialsError, message: error.message)
        default:
            return SyncError(code: .networkError, message: error.message)
        }
    }

    /// The error `pollExternalSource` reports for a connector's fetch failure.
    ///
    /// The spec allows `NetworkError`, `ApiRateLimitError` and `SourceConnectionError` here. Following
    /// interpretation 6 (Scenarios/README.md), an `InvalidCredentialsError` (401 on a stored token) becomes
    /// `SourceConnectionError`; every other code becomes `NetworkError`. The message is kept.
    static func pollError(from error: SyncError) -> SyncError {
        switch error.code {
        case .networkError, .apiRateLimitError, .sourceConnectionError:
            return error
        case .invalidCredentialsError:
            return SyncError(code: .sourceConnectionError, message: error.message)
        default:
            return SyncError(code: .networkError, message: error.message)
        }
    }
}
