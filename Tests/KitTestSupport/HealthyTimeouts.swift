/// The timeouts tests give success paths: far beyond any healthy answer on a loaded 2-core machine,
/// so that only a stall or delay a test injects on purpose can ever reach a timeout (the suite must
/// pass on a slow or busy machine). Tests about a timeout set their own short one and inject a stall
/// on every request that timeout covers.
public enum HealthyTimeouts {
    /// One platform request (connect, read, a connector's request timeout).
    public static let platformRequest: Duration = .seconds(30)
}
