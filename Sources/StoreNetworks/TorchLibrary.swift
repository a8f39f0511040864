import CStoreTorch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// libStoreTorch.so — the C bridge over libtorch — opened with dlopen the
/// first time a network is trained or scored, so that every other command
/// keeps its start-up time (linking libtorch costs a process 0.4–1.4 s and
/// about 300 shared libraries).
///
/// (1) The library is looked for in `$STORE_TORCH_LIBRARY` when set, else
///     beside the binary that holds this code: the `store` executable, the
///     test bundle, or libStoreSQLite.so in a `sqlite3` shell.
/// (2) Before it loads, OpenMP is asked to wait passively
///     (`OMP_WAIT_POLICY=PASSIVE` unless already set): spinning threads made
///     two-thread training 3–75× slower on a busy two-core machine. This
///     takes effect only where libgomp is not loaded yet (a `sqlite3` shell
///     with libStoreSQLite); `store train` restarts itself with the variable
///     set, because libgomp arrives with libsoxr when `store` starts.
/// (3) It is opened once per process; a failure is kept and reported the
///     same way to every caller, with what to do about it.
public struct TorchLibrary: Sendable {
    typealias VersionFunction = @convention(c) () -> UnsafePointer<CChar>?
    typealias ThreadsFunction = @convention(c) (Int32) -> Void
    typealias TuneFunction = @convention(c) () -> Void
    typealias CreateFunction = @convention(c) (
        UnsafePointer<st_layer>?, Int32, UnsafePointer<Int64>?, Int32, UInt64, UnsafeMutablePointer<CChar>?, Int
    ) -> OpaquePointer?
    typealias FreeFunction = @convention(c) (OpaquePointer?) -> Void
    typealias OptimizerFunction = @convention(c) (OpaquePointer?, Int32, Double, Double, Double, UnsafeMutablePointer<CChar>?, Int) -> Int32
    typealias TrainFunction = @convention(c) (
        OpaquePointer?, UnsafePointer<Float>?, UnsafePointer<Int64>?, Int64, Int64, UnsafePointer<Int64>?, UnsafePointer<Float>?,
        UnsafePointer<Float>?, Int32, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<CChar>?, Int
    ) -> Int32
    typealias PredictFunction = @convention(c) (
        OpaquePointer?, UnsafePointer<Float>?, UnsafePointer<Int64>?, Int64, Int64, UnsafePointer<Int64>?, UnsafePointer<Float>?,
        UnsafeMutablePointer<Float>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<CChar>?, Int
    ) -> Int32
    typealias ArrayCountFunction = @convention(c) (OpaquePointer?) -> Int32
    typealias ArrayInfoFunction = @convention(c) (
        OpaquePointer?, Int32, UnsafeMutablePointer<CChar>?, Int, UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int32>?
    ) -> Int32
    typealias ArrayReadFunction = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<Float>?, Int64) -> Int32
    typealias ArrayWriteFunction = @convention(c) (OpaquePointer?, Int32, UnsafePointer<Float>?, Int64) -> Int32

    let torchVersion: VersionFunction
    let setThreads: ThreadsFunction
    let tuneAllocator: TuneFunction
    let create: CreateFunction
    let free: FreeFunction
    let setOptimizer: OptimizerFunction
    let trainBatch: TrainFunction
    let predict: PredictFunction
    let arrayCount: ArrayCountFunction
    let arrayInfo: ArrayInfoFunction
    let arrayRead: ArrayReadFunction
    let arrayWrite: ArrayWriteFunction

    /// The libtorch version the bridge was built against, e.g. "1.13.1".
    public var version: String {
        torchVersion().map { String(cString: $0) } ?? "unknown"
    }

    /// Sets torch's and OpenBLAS's thread counts together (`--threads`).
    public func useThreads(_ count: Int) {
        setThreads(Int32(clamping: count))
    }

    /// The bridge, opened on first use (rule 3).
    public static func shared() throws(StoreNetworkError) -> TorchLibrary {
        try opened.get()
    }

    private static let opened = Result<TorchLibrary, StoreNetworkError> { () throws(StoreNetworkError) in try open() }

    /// The file name of the bridge.
    public static let fileName = "libStoreTorch.so"

    /// Where rule (1) looks for the bridge.
    public static func location(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["STORE_TORCH_LIBRARY"], !path.isEmpty { return path }
        var info = store_image_info()
        let marker: @convention(c) () -> Void = {}
        if dladdr(unsafeBitCast(marker, to: UnsafeRawPointer.self), &info) != 0, let image = info.file {
            let folder = (String(cString: image) as NSString).deletingLastPathComponent
            return (folder as NSString).appendingPathComponent(fileName)
        }
        return fileName
    }

    private static func open() throws(StoreNetworkError) -> TorchLibrary {
        setenv("OMP_WAIT_POLICY", "PASSIVE", 0)
        let path = location()
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown reason"
            throw StoreNetworkError("cannot load the neural network library \(path) (\(reason)). Build it with `swift build` (it is the StoreTorch product) and install libtorch (scripts/install-deps installs libtorch-dev).")
        }
        func symbol<T>(_ name: String, as type: T.Type) throws(StoreNetworkError) -> T {
            guard let address = dlsym(handle, name) else {
                throw StoreNetworkError("\(path) has no function \(name); rebuild it with `swift build`.")
            }
            return unsafeBitCast(address, to: type)
        }
        let library = TorchLibrary(
            torchVersion: try symbol("st_torch_version", as: VersionFunction.self),
            setThreads: try symbol("st_set_threads", as: ThreadsFunction.self),
            tuneAllocator: try symbol("st_tune_allocator", as: TuneFunction.self),
            create: try symbol("st_network_create", as: CreateFunction.self),
            free: try symbol("st_network_free", as: FreeFunction.self),
            setOptimizer: try symbol("st_network_set_optimizer", as: OptimizerFunction.self),
            trainBatch: try symbol("st_network_train_batch", as: TrainFunction.self),
            predict: try symbol("st_network_predict", as: PredictFunction.self),
            arrayCount: try symbol("st_network_array_count", as: ArrayCountFunction.self),
            arrayInfo: try symbol("st_network_array_info", as: ArrayInfoFunction.self),
            arrayRead: try symbol("st_network_array_read", as: ArrayReadFunction.self),
            arrayWrite: try symbol("st_network_array_write", as: ArrayWriteFunction.self))
        library.tuneAllocator()
        return library
    }
}

/// Why a network cannot be built, trained or scored, as a sentence for the user.
public struct StoreNetworkError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
