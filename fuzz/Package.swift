// swift-tools-version: 6.1
// The fuzz targets of liancha (issue 9): one libFuzzer executable per parser, built only by
// scripts/fuzz.sh with `swift build -c release --sanitize=fuzzer`. Not part of `swift test`.
import PackageDescription

let targets = ["csv", "csvstream", "xlsx", "policy", "plan", "form", "json", "uscc", "date", "ratio", "draw"]

let package = Package(
    name: "liancha-fuzz",
    platforms: [.macOS(.v14)],
    products: targets.map { .executable(name: "fuzz-\($0)", targets: ["fuzz-\($0)"]) },
    dependencies: [.package(name: "liancha", path: "..")],
    targets: targets.map { name in
        .executableTarget(
            name: "fuzz-\(name)",
            dependencies: [
                .product(name: "Inspection", package: "liancha"),
                .product(name: "InspectionDocuments", package: "liancha"),
                .product(name: "InspectionWeb", package: "liancha"),
            ],
            path: "Sources/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    }
)
