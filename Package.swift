// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Tolk",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "tolk", targets: ["tolk"]),
    .library(name: "TolkPipeline", targets: ["TolkPipeline"]),
    // For the fuzz target in Fuzz/, a package of its own.
    .library(name: "TolkTesting", targets: ["TolkTesting"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // ICU cannot be imported into Swift directly (version-renamed symbols, clashes with
    // Foundation's bundled ICU), so a small C shim exposes only plain C types.
    .target(
      name: "CICU",
      linkerSettings: [
        .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
      ]
    ),
    .target(name: "TolkCore"),
    .target(name: "LanguageIdentification", dependencies: ["TolkCore", "CKernels"]),
    // Numeric kernels that need C (software prefetch); plain C types only.
    .target(name: "CKernels"),
    .target(name: "EntityTagging", dependencies: ["TolkCore", "CKernels"]),
    .target(name: "StanceClassification", dependencies: ["TolkCore"]),
    .target(name: "Tokenization", dependencies: ["TolkCore", "CICU"]),
    .target(
      name: "TolkPipeline",
      dependencies: [
        "TolkCore", "LanguageIdentification", "Tokenization", "EntityTagging", "StanceClassification",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(
      name: "TolkTesting",
      dependencies: [
        "TolkCore", "LanguageIdentification", "Tokenization", "EntityTagging", "StanceClassification", "TolkPipeline",
      ]),
    .executableTarget(
      name: "tolk",
      dependencies: ["TolkPipeline", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    .testTarget(name: "TolkCoreTests", dependencies: ["TolkCore", "TolkTesting"]),
    .testTarget(name: "LanguageIdentificationTests", dependencies: ["LanguageIdentification", "TolkTesting"]),
    .testTarget(
      name: "TokenizationTests",
      dependencies: ["Tokenization", "TolkTesting", .product(name: "PropertyBased", package: "swift-property-based")]
    ),
    .testTarget(name: "EntityTaggingTests", dependencies: ["EntityTagging", "TolkTesting"]),
    .testTarget(
      name: "StanceClassificationTests",
      dependencies: ["StanceClassification", "LanguageIdentification", "TolkTesting"]),
    .testTarget(name: "TolkPipelineTests", dependencies: ["TolkPipeline", "TolkTesting", "Tokenization"]),
    .testTarget(name: "TolkCLITests", dependencies: ["TolkTesting"]),
  ]
)
