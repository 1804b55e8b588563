// swift-tools-version: 6.1
// The libFuzzer target over Tolk's reader, pipeline and writer, built only by `make fuzz` (with
// `-sanitize=fuzzer,address`, which must reach every module of the main package). A package of its own,
// so that `swift build` and `make test` in the main package never see a target without a `main`.
import PackageDescription

// A path dependency's identity is its folder's name, whatever the checkout is called.
let tolk = Context.packageDirectory + "/.."
let tolkIdentity = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "tolk").lowercased()

let package = Package(
  name: "TolkFuzz",
  platforms: [.macOS(.v15)],
  dependencies: [.package(path: tolk)],
  targets: [
    .target(name: "LibFuzzer"),
    .executableTarget(
      name: "TolkFuzz",
      dependencies: [
        "LibFuzzer",
        .product(name: "TolkPipeline", package: tolkIdentity),
        .product(name: "TolkTesting", package: tolkIdentity),
      ]
    ),
  ]
)
