import EntityTagging
import Foundation
import LanguageIdentification
import StanceClassification
import Tokenization
import TolkCore

/// The stages an article goes through, in the order the design fixes: language identification, then
/// tokenization and normalization, then entities, then stance.
public struct Pipeline: Sendable {
  public let annotators: [any Annotator]

  /// Checks that every annotator's requirements are provided earlier (or by the reader, which provides
  /// `language` from metadata) and throws ``PipelineError/missingLayer(annotator:layer:)`` otherwise.
  public init(_ annotators: [any Annotator]) throws(PipelineError) {
    var available: Set<Layer> = [.language]
    for annotator in annotators {
      for layer in annotator.requires.sorted() where !available.contains(layer) {
        throw .missingLayer(annotator: annotator.name, layer: layer)
      }
      available.formUnion(annotator.provides)
    }
    self.annotators = annotators
  }

  /// Tolk's standard pipeline over the lexicons in `lexicons`; `languages` constrains and hints
  /// language identification (its document pass always keeps the word totals that the sentence stage
  /// reads), `entities` chooses the entity finders, and `entityModels` replaces the lexicon folder's
  /// trained models (for training and evaluation).
  public init(
    lexicons: LexiconSet, languages: LanguageIdentifier.Configuration = .init(),
    entities: EntityTagger.Configuration = .init(), entityModels: EntityModelSet? = nil
  ) throws(PipelineError) {
    var languages = languages
    languages.keepsWordTotals = true
    let identifier = LanguageIdentifier(model: lexicons.languageModel, configuration: languages)
    try self.init([
      identifier,
      ParagraphSegmenter(boilerplate: lexicons.boilerplate),
      Tokenizer(abbreviations: lexicons.abbreviations),
      SentenceLanguageIdentifier(identifier: identifier),
      EntityTagger(
        lexicon: lexicons.entities, models: entityModels ?? lexicons.entityModels, configuration: entities),
      StanceClassifier(lexicon: lexicons.stance),
    ])
  }

  /// Names of the annotators, in order, as written in each line's `pipeline.stages`.
  public var stageNames: [String] { annotators.map(\.name) }

  /// Runs every annotator on `document`; the first error stops this article only.
  public func annotate(_ document: inout Document) throws {
    for annotator in annotators { try annotator.annotate(&document) }
  }
}
