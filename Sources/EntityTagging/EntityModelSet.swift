import Foundation
import TolkCore

/// The trained entity models and the word clusters they share, as loaded from `lexicons/ner/`:
/// `en.bin` for English, `no.bin` for Bokmål and Nynorsk (trained on both), `clusters.tsv`.
public struct EntityModelSet: Sendable {
  /// Models by file stem (`en`, `no`).
  public let models: [String: EntityModel]
  public let clusters: WordClusters?

  public init(models: [String: EntityModel], clusters: WordClusters?) {
    self.models = models
    self.clusters = clusters
  }

  /// Loads whatever model files `directory/ner/` holds (none is fine: the tagger then uses lexicon and
  /// rules only).
  public init(directory: URL) throws(LexiconError) {
    let folder = directory.appendingPathComponent("ner")
    var models: [String: EntityModel] = [:]
    for stem in ["en", "no"] {
      let url = folder.appendingPathComponent("\(stem).bin")
      guard FileManager.default.fileExists(atPath: url.path) else { continue }
      models[stem] = try EntityModel(contentsOf: url, name: "ner/\(stem).bin")
    }
    let clustersURL = folder.appendingPathComponent("clusters.tsv")
    let clusters =
      FileManager.default.fileExists(atPath: clustersURL.path) ? try WordClusters(contentsOf: clustersURL) : nil
    self.init(models: models, clusters: clusters)
  }

  /// The model file stem for text in `language`: English (and the Romance languages, which write names
  /// the same way) use `en`; Norwegian, the other Scandinavian languages and undetermined text `no`.
  /// German capitalises every noun, so it gets no model.
  public static func stem(for language: Language) -> String? {
    switch language {
    case .english, .spanish, .french: "en"
    case .german: nil
    default: "no"
    }
  }

  /// The model for text in `language`, with its file stem.
  public func model(for language: Language) -> (stem: String, model: EntityModel)? {
    guard let stem = Self.stem(for: language), let model = models[stem] else { return nil }
    return (stem, model)
  }

  /// The model for `document`: by its language, or, where that is undetermined (a short or name-heavy
  /// text), by its most probable language hypothesis ("Mike Pompeo met Iván Duque in Bogotá").
  public func model(for document: Document) -> (stem: String, model: EntityModel)? {
    guard document.language == .undetermined,
      let likeliest = document.languageHypotheses.max(by: { $0.score < $1.score })
    else { return model(for: document.language) }
    return model(for: likeliest.language)
  }
}
