// swift-tools-version:6.1
import PackageDescription

/// The per-byte and per-row loops of ingest, and the per-row steps of the SQL
/// aggregates, touch a few class properties millions of times; run-time
/// exclusivity checks on them cost about a fifth of an ingest (measured with
/// perf, see bench/README.md). The checks stay on in debug builds, where the
/// tests run.
let hotLoops: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "store",
    products: [
        .executable(name: "store", targets: ["store"]),
        // The SQL functions as a SQLite loadable extension: libStoreSQLite.so.
        .library(name: "StoreSQLite", type: .dynamic, targets: ["StoreSQLite"]),
        // The C bridge over libtorch, loaded with dlopen only when a network is
        // trained or scored (StoreNetworks/TorchLibrary.swift): libStoreTorch.so.
        .library(name: "StoreTorch", type: .dynamic, targets: ["StoreTorch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // libcrypto from OpenSSL, for SHA-256 of ingested sources.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        // OpenBLAS (CBLAS) and LAPACKE, for the linear models.
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        // libsvm 3.24 (Debian's; no pkg-config file), for support vector machines.
        .systemLibrary(
            name: "CLibSVM",
            providers: [.apt(["libsvm-dev"])]),
        // FFTW 3 (double and single precision), for the short-time Fourier transforms of audio.
        .systemLibrary(
            name: "CFFTW",
            pkgConfig: "fftw3",
            providers: [.apt(["libfftw3-dev"])]),
        // libsndfile, for decoding WAV, FLAC and Ogg audio files.
        .systemLibrary(
            name: "CSndFile",
            pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"])]),
        // libsamplerate (Secret Rabbit Code), for resampling audio.
        .systemLibrary(
            name: "CSampleRate",
            pkgConfig: "samplerate",
            providers: [.apt(["libsamplerate0-dev"])]),
        // libsoxr, the resampler librosa itself uses (res_type "soxr_hq"), for --resample soxr.
        .systemLibrary(
            name: "CSoxr",
            pkgConfig: "soxr",
            providers: [.apt(["libsoxr-dev"])]),
        // libpng 1.6, for decoding and encoding PNG images.
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]),
        // libjpeg-turbo: the libjpeg 6.2 API and TurboJPEG (which reports errors
        // by return value, not longjmp), for decoding and encoding JPEG images.
        .systemLibrary(
            name: "CJPEG",
            pkgConfig: "libturbojpeg",
            providers: [.apt(["libjpeg-dev", "libturbojpeg0-dev"])]),
        // libtorch 1.13 (Debian's libtorch-dev) behind a plain C header: networks
        // built from a layer list, training steps, prediction, parameters as
        // arrays. C++17 (torch's headers fail under C++20 with libstdc++ 12).
        .target(
            name: "StoreTorch",
            cxxSettings: [
                .unsafeFlags(["-I/usr/include/torch/csrc/api/include"]),
                .define("_GLIBCXX_USE_CXX11_ABI", to: "1"),
            ],
            linkerSettings: [
                .linkedLibrary("torch"),
                .linkedLibrary("torch_cpu"),
                .linkedLibrary("c10"),
            ]),
        // The declarations of libStoreTorch's C functions, for dlsym; links nothing.
        .systemLibrary(name: "CStoreTorch"),
        // Networks on top of the bridge: layer lists and their shapes, batching,
        // augmentation and the epoch loop. Loads libStoreTorch.so on first use.
        .target(
            name: "StoreNetworks",
            dependencies: ["StoreCore", "CStoreTorch"],
            swiftSettings: hotLoops),
        // GSL 2.7, for the distribution functions (incomplete beta and gamma
        // functions, Brent's root finder). Linked as libgsl alone, not through
        // pkg-config, whose flags add -lgslcblas: that CBLAS would then sit
        // beside OpenBLAS among the executable's own libraries, and the
        // linear models' cblas_* calls could bind to it. libgsl still loads
        // libgslcblas, but after OpenBLAS, so every cblas_* call, GSL's own
        // included, binds to OpenBLAS (LD_DEBUG=bindings shows it).
        .systemLibrary(
            name: "CGSL",
            providers: [.apt(["libgsl-dev"])]),
        // cairo (anti-aliased paths, PNG output) with pango through pangocairo
        // (text layout and shaping), for the plots.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "fonts-dejavu-core"])]),
        .target(
            name: "StoreCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            resources: [.embedInCode("schema")]),
        .target(
            name: "StoreFunctions",
            dependencies: ["StoreCore", "StoreImages", "CGSL"],
            swiftSettings: hotLoops),
        // Audio: decoding, resampling, trimming and librosa's features (MFCC, mel, chroma, …).
        .target(
            name: "StoreAudio",
            dependencies: ["StoreCore", "CFFTW", "CSndFile", "CSampleRate", "CSoxr", "COpenBLAS"],
            swiftSettings: hotLoops),
        // Images: PNG and JPEG decoding and encoding, resizing as Pillow does.
        .target(
            name: "StoreImages",
            dependencies: ["StoreCore", "CPNG", "CJPEG"],
            swiftSettings: hotLoops),
        .target(
            name: "StoreIngest",
            dependencies: [
                "StoreCore",
                "StoreAudio",
                "StoreImages",
                "COpenSSL",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: hotLoops),
        .target(
            name: "StoreLearn",
            dependencies: ["StoreCore", "StoreFunctions", "StoreNetworks", "COpenBLAS", "CLibSVM"],
            swiftSettings: hotLoops),
        // Plots: scales, ticks, bins, colour maps, layout and legends, drawn to
        // PNG by cairo and to SVG as text; the data read from tables and models.
        .target(
            name: "StorePlots",
            dependencies: ["StoreCore", "StoreFunctions", "StoreLearn", "CPangoCairo"],
            swiftSettings: hotLoops),
        .target(
            name: "StoreSamples",
            dependencies: ["StoreCore", "StoreImages"]),
        .target(
            name: "StoreSQLite",
            dependencies: [
                "StoreLearn",
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .executableTarget(
            name: "store",
            dependencies: [
                "StoreCore",
                "StoreFunctions",
                "StoreIngest",
                "StoreLearn",
                "StorePlots",
                "StoreSamples",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Fixture helpers shared by the test targets.
        .target(name: "StoreTestSupport", dependencies: ["StoreCore", "CSndFile"], path: "Tests/StoreTestSupport"),
        .testTarget(name: "StoreCoreTests", dependencies: ["StoreCore", "StoreTestSupport"]),
        .testTarget(name: "StoreFunctionsTests", dependencies: ["StoreFunctions", "StoreLearn", "StoreNetworks", "StoreTestSupport"]),
        .testTarget(name: "StoreAudioTests", dependencies: ["StoreAudio", "StoreTestSupport", "CSndFile"]),
        .testTarget(name: "StoreImagesTests", dependencies: ["StoreImages", "StoreTestSupport", "CPNG", "CJPEG"]),
        .testTarget(name: "StoreIngestTests", dependencies: ["StoreIngest", "StoreAudio", "StoreImages", "StoreTestSupport"]),
        .testTarget(name: "StoreNetworksTests", dependencies: ["StoreNetworks", "StoreTestSupport"]),
        .testTarget(name: "StoreLearnTests", dependencies: ["StoreLearn", "StoreFunctions", "StoreNetworks", "StoreTestSupport"]),
        .testTarget(name: "StorePlotsTests", dependencies: ["StorePlots", "StoreLearn", "StoreFunctions", "StoreImages", "StoreTestSupport"]),
        .testTarget(name: "StoreSamplesTests", dependencies: ["StoreSamples", "StoreIngest", "StoreFunctions", "StoreLearn", "StoreTestSupport"]),
        .testTarget(name: "StoreCLITests", dependencies: ["store", "StoreTestSupport", "StoreImages"]),
    ],
    cxxLanguageStandard: .cxx17
)
