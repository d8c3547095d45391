import Foundation

/// The package's root directory, found by walking up from this file to `Package.swift`, so tests
/// find `Scenarios/`, `Tests/Interop/` and the built binary wherever the checkout is.
public enum PackageRoot {
    public static let path: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()
}
