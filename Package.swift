// swift-tools-version: 6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "liancha",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "liancha", targets: ["liancha"]),
        // For the fuzz targets (fuzz/Package.swift), which depend on this package by path.
        .library(name: "Inspection", targets: ["Inspection"]),
        .library(name: "InspectionDocuments", targets: ["InspectionDocuments"]),
        .library(name: "InspectionWeb", targets: ["InspectionWeb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.24.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        // libqrencode (Debian's libqrencode-dev): the QR codes of the visit codes (扫码入企).
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // Pure domain: no database, no files, no clock, no random source.
        .target(
            name: "Inspection",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: settings
        ),
        .target(
            name: "InspectionStore",
            dependencies: [
                "Inspection",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // PostgreSQL (and the 信创 databases that speak its protocol), chosen by a postgres:// URL.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "InspectionDocuments",
            dependencies: ["Inspection", "ZIPFoundation", "Yams", "CQRencode"],
            swiftSettings: settings
        ),
        // Query → view model: the documents (forms, tables, reports) built from what the store recorded.
        .target(
            name: "InspectionReports",
            dependencies: ["Inspection", "InspectionStore", "InspectionDocuments"],
            swiftSettings: settings
        ),
        // Hummingbird: JSON API, HTML pages (Mustache), sessions, roles.
        .target(
            name: "InspectionWeb",
            dependencies: [
                "Inspection", "InspectionStore", "InspectionDocuments", "InspectionReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "liancha",
            dependencies: [
                "Inspection", "InspectionStore", "InspectionDocuments", "InspectionReports", "InspectionWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: settings
        ),
        .testTarget(name: "InspectionTests", dependencies: ["Inspection"], swiftSettings: settings),
        .testTarget(name: "InspectionStoreTests", dependencies: ["InspectionStore", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: settings),
        .testTarget(name: "InspectionDocumentsTests", dependencies: ["InspectionDocuments"], exclude: ["Fuzz"], swiftSettings: settings),
        .testTarget(name: "InspectionReportsTests", dependencies: ["InspectionReports", "InspectionStore", "InspectionDocuments", "Inspection", "ZIPFoundation"], swiftSettings: settings),
        .testTarget(
            name: "InspectionWebTests",
            dependencies: [
                "InspectionWeb", "Inspection", "InspectionStore", "InspectionDocuments",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: settings
        ),
        .testTarget(name: "LianchaTests", dependencies: ["liancha", .product(name: "ArgumentParser", package: "swift-argument-parser"), "Inspection", "InspectionStore", "InspectionDocuments", "InspectionWeb", "ZIPFoundation"], swiftSettings: settings),
    ]
)
