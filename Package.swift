// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "entraide",
    platforms: [.macOS(.v13)],
    products: [
        // The tool is the product. EntraideKit is no library product: its unsafe flag below
        // would make it unusable as a versioned dependency, and nothing depends on it (the
        // tests use the target directly).
        .executable(name: "entraide", targets: ["entraide"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libxlsxwriter from Debian (libxlsxwriter-dev), found through pkg-config.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // The only module that sees libxlsxwriter's C pointers.
        .target(
            name: "XlsxWriter",
            dependencies: ["CXlsxWriter"]
        ),
        // All of the tool's logic.
        .target(
            name: "EntraideKit",
            dependencies: [
                "XlsxWriter",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: [
                // The importer's hot loop touches class properties millions of times; their
                // run-time exclusivity checks cost a tenth of an import. Debug builds keep them.
                // An unsafe flag is why EntraideKit is no library product (see above); and since
                // the shipped build then differs from the debug one, scripts/test runs the tests
                // on a release build too.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        // Thin command-line front.
        .executableTarget(
            name: "entraide",
            dependencies: [
                "EntraideKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What both test targets use: the .xlsx reader and its text dump (golden files),
        // temporary folders, a thread-local locale.
        .target(
            name: "SharedTestSupport",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/SharedTestSupport"
        ),
        .testTarget(
            name: "EntraideKitTests",
            dependencies: [
                "EntraideKit",
                "XlsxWriter",
                "SharedTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "XlsxWriterTests",
            dependencies: [
                "XlsxWriter",
                "SharedTestSupport",
            ]
        ),
    ]
)

// libFuzzer targets (Fuzz/NAME/NAME.swift, run by scripts/fuzz), declared only when ENTRAIDE_FUZZ
// is set, for a build with `-sanitize=fuzzer,address`: they have no Swift `main`
// (-parse-as-library); SwiftPM's `main` alias, `NAME_main`, starts libFuzzer's driver, which an
// ordinary build does not link.
if Context.environment["ENTRAIDE_FUZZ"] != nil {
    package.targets.append(.target(
        name: "FuzzSupport",
        dependencies: ["EntraideKit", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
        path: "Fuzz/FuzzSupport"
    ))
    for name in ["FuzzCSV", "FuzzXLSX", "FuzzODS", "FuzzValues"] {
        package.targets.append(.executableTarget(
            name: name,
            dependencies: ["EntraideKit", "FuzzSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Fuzz/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ))
    }
}
