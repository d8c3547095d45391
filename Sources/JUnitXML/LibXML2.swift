import CLibXML2

/// Process-wide libxml2 set-up.
enum LibXML2 {
    /// Runs `xmlInitParser()` exactly once; Swift initialises `static let` lazily and thread-safely.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Call before any other libxml2 function.
    static func ensureInitialized() {
        _ = initialized
    }
}
