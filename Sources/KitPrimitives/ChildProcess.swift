#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A child process started with `posix_spawn`, in a process group of its own.
///
/// Foundation's `Process.run()` on Linux (swift-corelibs-foundation up to the 6.3 toolchains) scans
/// `/proc/self/fd` copying a fixed 256 bytes of each directory entry's name, reading past short
/// records; when the last record ends near an unmapped page the whole process crashes
/// (swiftlang/swift-corelibs-foundation#5472). A test process with hundreds of sockets open hits
/// it now and then, serialized launches or not. The kit starts its children here instead.
///
/// ```swift
/// let child = try ChildProcess.spawn("/bin/sh", ["-c", "exit 3"])
/// child.waitUntilExit()   // 3
/// ```
public final class ChildProcess: Sendable {
    /// The child's pid (also its process group).
    public let processIdentifier: pid_t
    /// The raw wait status once reaped.
    private let reaped = Mutex<Int32?>(nil)

    private init(processIdentifier: pid_t) {
        self.processIdentifier = processIdentifier
    }

    /// Why a child could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public var executable: String
        public var code: Int32
        public var description: String { "could not start \(executable): \(String(cString: strerror(code)))" }
    }

    /// Starts `executable` with `arguments` (not including argv[0]) and `environment` (nil: this
    /// process's). `input`, `output` and `error` are descriptors the child gets as 0, 1 and 2 (nil:
    /// `/dev/null`); every other inheritable descriptor (the given ones too, once copied) is closed in the child. Signal dispositions
    /// are reset and the mask emptied. The launch goes through ``ProcessLaunch``.
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        input: Int32? = nil, output: Int32? = nil, error: Int32? = nil
    ) throws(SpawnError) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, source, mode) in [(Int32(0), input, O_RDONLY), (1, output, O_WRONLY), (2, error, O_WRONLY)] {
            if let source {
                posix_spawn_file_actions_adddup2(&actions, source, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", mode, 0)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        var noSignal = sigset_t()
        sigemptyset(&noSignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setsigmask(&attributes, &noSignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { for pointer in envp ?? [] { free(pointer) } }
        var pid: pid_t = 0
        let status = ProcessLaunch.serialized {
            // After the dup2s above, so the given descriptors reach the child as 0, 1 and 2 only.
            // glibc (2.34+) closes every descriptor from 3 up in the child, whatever another
            // thread opened meanwhile; elsewhere the inheritable ones are listed under the lock,
            // so none opened by another launch slips in.
            if let closeFrom = Self.closeFromAction {
                _ = closeFrom(&actions, 3)
            } else {
                for fd in inheritableDescriptors() { posix_spawn_file_actions_addclose(&actions, fd) }
            }
            if envp != nil {
                return envp!.withUnsafeMutableBufferPointer { posix_spawn(&pid, executable, &actions, &attributes, &argv, $0.baseAddress) }
            }
            return posix_spawn(&pid, executable, &actions, &attributes, &argv, environ)
        }
        guard status == 0 else { throw SpawnError(executable: executable, code: status) }
        return ChildProcess(processIdentifier: pid)
    }

    /// Whether the child has not exited yet (reaps it when it has).
    public var isRunning: Bool {
        reaped.withLock { stored in
            guard stored == nil else { return false }
            var status: Int32 = 0
            let result = waitpid(processIdentifier, &status, WNOHANG)
            if result == processIdentifier { stored = status }
            return result == 0
        }
    }

    /// Blocks until the child exits; returns its exit code, or the signal that ended it (as
    /// Foundation's `terminationStatus` does).
    /// Returns -1 if the child was reaped elsewhere (nothing in the kit does) and its status is lost.
    @discardableResult
    public func waitUntilExit() -> Int32 {
        var lost = 0
        while true {
            if let status = reaped.withLock({ $0 }) { return Self.terminationStatus(status) }
            var status: Int32 = 0
            let result = waitpid(processIdentifier, &status, 0)
            if result == processIdentifier {
                reaped.withLock { if $0 == nil { $0 = status } }
            } else if result == -1, errno != EINTR {
                // Reaped by `isRunning` on another thread: its status is about to be stored.
                lost += 1
                guard lost < 1_000 else { return -1 }
                usleep(1_000)
            }
        }
    }

    /// Whether the child was ended by a signal (after ``waitUntilExit()``).
    public var wasSignaled: Bool {
        guard let status = reaped.withLock({ $0 }) else { return false }
        return status & 0x7F != 0 && status & 0x7F != 0x7F
    }

    static func terminationStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : signal
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does
    /// not declare; nil where the C library has none.
    static let closeFromAction: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        #if os(Linux)
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Open descriptors above 2 without close-on-exec (the ones a child would inherit).
    public static func inheritableDescriptors() -> [Int32] {
        #if os(Linux)
        guard let directory = opendir("/proc/self/fd") else { return [] }
        defer { closedir(directory) }
        // The name is read in place: copying `d_name` (256 bytes) reads past short records.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19
        var found: [Int32] = []
        while let entry = readdir(directory) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            guard let fd = Int32(name), fd > 2, fd != dirfd(directory) else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0, flags & FD_CLOEXEC == 0 { found.append(fd) }
        }
        return found
        #else
        return (3..<256).filter { fd in
            let flags = fcntl(fd, F_GETFD)
            return flags >= 0 && flags & FD_CLOEXEC == 0
        }
        #endif
    }
}
