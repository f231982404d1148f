// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Minhu",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "minhu", targets: ["MinhuCLI"]),
        // libFuzzer entry points; see README, "Fuzzing". Without -DFUZZING it replays files.
        .executable(name: "minhu-fuzz", targets: ["MinhuFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3" ..< "5.0.0"),
    ],
    targets: [
        // The system ICU, behind a C header that exposes only stdint types, so that Swift
        // modules importing it can also import Foundation (see docs on the _FoundationICU clash).
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(name: "Segmentation", dependencies: ["CICU"], swiftSettings: optimizedInDebug),
        .target(
            name: "Understanding",
            dependencies: ["Segmentation", .product(name: "Yams", package: "Yams")],
            swiftSettings: optimizedInDebug
        ),
        .target(
            name: "DispatchStore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "DispatchStorePostgres",
            dependencies: [
                "DispatchStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Deploying.md"]
        ),
        .target(name: "Dialogue", dependencies: ["Understanding", "DispatchStore"]),
        .target(
            name: "LineServer",
            dependencies: [
                "Dialogue", "Understanding", "Segmentation",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Gateways",
            dependencies: [
                "Dialogue", "Understanding", "DispatchStore", "Segmentation",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "MinhuCLI",
            dependencies: [
                "Segmentation",
                "Understanding",
                "DispatchStore",
                "DispatchStorePostgres",
                "Dialogue",
                "LineServer",
                "Gateways",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // One function per fuzz target, shared by the libFuzzer executable and the corpus replay test.
        .target(
            name: "FuzzTargets",
            dependencies: [
                "LineServer", "Gateways", "Understanding", "Segmentation",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "MinhuFuzz", dependencies: ["FuzzTargets"]),
        .testTarget(name: "FuzzCorpusTests", dependencies: ["FuzzTargets"]),
        .testTarget(
            name: "PrivacyTests",
            dependencies: [
                "Understanding", "LineServer", "DispatchStore", "MinhuTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SegmentationTests", dependencies: ["Segmentation"]),
        .testTarget(name: "UnderstandingTests", dependencies: ["Understanding"]),
        // Test helpers shared by several suites: the PostgreSQL test server, a line client, seeded randomness.
        .target(
            name: "MinhuTestSupport",
            dependencies: [
                "DispatchStore", "DispatchStorePostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/MinhuTestSupport"),
        .testTarget(
            name: "DispatchStoreTests", dependencies: ["DispatchStore", "DispatchStorePostgres", "MinhuTestSupport"]),
        .testTarget(name: "DialogueTests", dependencies: ["Dialogue", "MinhuTestSupport"]),
        .testTarget(
            name: "MinhuCLITests",
            dependencies: ["DispatchStore", "DispatchStorePostgres", "MinhuTestSupport", "Dialogue", "Understanding"]),
        .testTarget(
            name: "GatewaysTests",
            dependencies: ["Gateways", "MinhuTestSupport", .product(name: "NIOEmbedded", package: "swift-nio")]
        ),
        .testTarget(
            name: "LineServerTests",
            dependencies: ["LineServer", "MinhuTestSupport", .product(name: "NIOEmbedded", package: "swift-nio")]
        ),
    ]
)

/// Segmentation and the classifier are optimized in debug builds too. Unoptimized, training
/// on intents/ took 16 s instead of 0.6, and the test suite trains one interpreter per test
/// module and per `minhu serve` it starts: minutes of the CI's two cores, enough to starve the
/// tests that wait on sockets.
var optimizedInDebug: [SwiftSetting] { [.unsafeFlags(["-O"], .when(configuration: .debug))] }
