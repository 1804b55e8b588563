import Foundation

/// A horizontal bar chart drawn as inline SVG, one row per item with one bar per series (group),
/// for `coverage.html`. Values are drawn to scale from zero, or from the middle for ``diverging``
/// charts (−1...1 scores); every bar has a tooltip and a value beside it, and a row's label can link
/// to an anchor of the page.
struct BarChart {
  /// One series: a group and its colour.
  struct Series {
    var label: String
    var color: String
  }

  /// One row: a label and a value per series (nil where the series has none).
  struct Row {
    var label: String
    var link: String?
    var values: [Double?]
    /// Text beside each bar.
    var valueTexts: [String]
    /// Tooltip of each bar.
    var tooltips: [String]
  }

  var series: [Series]
  var rows: [Row]
  /// Describes the chart for screen readers (the SVG's title).
  var title: String
  /// Bars grow from the middle: negative values to the left, positive to the right; values −1...1.
  var diverging = false
  /// Words under the two ends of a diverging chart's axis.
  var axisEnds = ("", "")
  /// The values are counts: ticks are whole numbers.
  var integerValues = false
  var width = 900.0

  private let labelWidth = 210.0
  private let valueWidth = 120.0
  private let barHeight = 14.0
  private let barGap = 2.0
  private let rowGap = 12.0
  private let axisHeight = 26.0

  /// The chart as an `<svg>` element (XML-well-formed, with the SVG namespace).
  var svg: String {
    let plotWidth = width - labelWidth - valueWidth
    let barsPerRow = Double(series.count)
    let rowHeight = barsPerRow * barHeight + (barsPerRow - 1) * barGap + rowGap
    let height = axisHeight + Double(rows.count) * rowHeight + 4
    let maximum = diverging ? 1 : max(rows.flatMap { $0.values.compactMap { $0 } }.max() ?? 0, 1e-9)
    let ticks = diverging ? [-1, -0.5, 0, 0.5, 1] : Self.ticks(upTo: maximum, integers: integerValues)
    let top = ticks.last ?? maximum
    func x(_ value: Double) -> Double {
      diverging ? labelWidth + plotWidth * (value + 1) / 2 : labelWidth + plotWidth * value / top
    }
    var out = ""
    out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\" "
    out += "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">"
    out += "<title>\(HTMLText.escape(title))</title>"
    for tick in ticks {
      let position = x(tick)
      out +=
        "<line class=\"grid\" x1=\"\(Self.f(position))\" y1=\"\(Self.f(axisHeight - 6))\" x2=\"\(Self.f(position))\" "
      out += "y2=\"\(Self.f(height - 4))\"/>"
      out += "<text class=\"tick\" x=\"\(Self.f(position))\" y=\"\(Self.f(axisHeight - 10))\" text-anchor=\"middle\">"
      out += "\(HTMLText.escape(Self.tickLabel(tick, signed: diverging)))</text>"
    }
    if diverging {
      out += "<text class=\"tick end\" x=\"\(Self.f(labelWidth))\" y=\"\(Self.f(height - 6))\">"
      out += "\(HTMLText.escape(axisEnds.0))</text>"
      out += "<text class=\"tick end\" x=\"\(Self.f(labelWidth + plotWidth))\" y=\"\(Self.f(height - 6))\" "
      out += "text-anchor=\"end\">\(HTMLText.escape(axisEnds.1))</text>"
    }
    for (rowIndex, row) in rows.enumerated() {
      let rowTop = axisHeight + Double(rowIndex) * rowHeight
      let middle = rowTop + (rowHeight - rowGap) / 2
      let label =
        "<text class=\"label\" x=\"\(Self.f(labelWidth - 8))\" y=\"\(Self.f(middle + 4))\" text-anchor=\"end\">"
        + "\(HTMLText.escape(Self.shortened(row.label, to: 30)))<title>\(HTMLText.escape(row.label))</title></text>"
      if let link = row.link {
        out += "<a href=\"#\(HTMLText.escape(link))\">\(label)</a>"
      } else {
        out += label
      }
      for (seriesIndex, item) in series.enumerated() {
        let y = rowTop + Double(seriesIndex) * (barHeight + barGap)
        let tooltip = seriesIndex < row.tooltips.count ? row.tooltips[seriesIndex] : item.label
        let text = seriesIndex < row.valueTexts.count ? row.valueTexts[seriesIndex] : ""
        guard seriesIndex < row.values.count, let value = row.values[seriesIndex] else {
          out += "<text class=\"value none\" x=\"\(Self.f(x(0) + 4))\" y=\"\(Self.f(y + barHeight - 3))\">"
          out += "\(HTMLText.escape(text.isEmpty ? "–" : text))<title>\(HTMLText.escape(tooltip))</title></text>"
          continue
        }
        let clamped = diverging ? min(1, max(-1, value)) : max(0, value)
        let start = diverging ? min(x(0), x(clamped)) : x(0)
        let barWidth = max(abs(x(clamped) - x(0)), value == 0 ? 0 : 1.5)
        out += "<rect class=\"bar\" x=\"\(Self.f(start))\" y=\"\(Self.f(y))\" width=\"\(Self.f(barWidth))\" "
        out +=
          "height=\"\(Self.f(barHeight))\" fill=\"\(item.color)\"><title>\(HTMLText.escape(tooltip))</title></rect>"
        // Beside the bar's end; for a bar to the left of a diverging chart's middle, right of the middle.
        let textX = diverging && clamped < 0 ? x(0) + 4 : start + barWidth + 4
        out += "<text class=\"value\" x=\"\(Self.f(textX))\" y=\"\(Self.f(y + barHeight - 3))\">"
        out += "\(HTMLText.escape(text))</text>"
      }
    }
    if diverging {
      out += "<line class=\"zero\" x1=\"\(Self.f(x(0)))\" y1=\"\(Self.f(axisHeight - 6))\" x2=\"\(Self.f(x(0)))\" "
      out += "y2=\"\(Self.f(height - 4))\"/>"
    }
    out += "</svg>"
    return out
  }

  /// Round tick values from 0 to at least `maximum`: steps of 1, 2 or 5 times a power of ten (at
  /// least 1 for `integers`).
  static func ticks(upTo maximum: Double, integers: Bool = false) -> [Double] {
    let rough = maximum / 4
    let power = pow(10, floor(log10(rough)))
    let nice = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
    let step = integers ? max(1, nice.rounded(.up)) : nice
    let count = Int((maximum / step).rounded(.up))
    return (0...max(count, 1)).map { Double($0) * step }
  }

  private static func tickLabel(_ value: Double, signed: Bool) -> String {
    let text = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%g", value)
    return signed && value > 0 ? "+" + text : text.replacingOccurrences(of: "-", with: "−")
  }

  static func shortened(_ text: String, to length: Int) -> String {
    text.count <= length ? text : String(text.prefix(length - 1)) + "…"
  }

  /// A coordinate with at most one decimal.
  static func f(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
  }
}

/// Escaping for text and attribute values of HTML that is also well-formed XML.
enum HTMLText {
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      // Characters XML 1.0 does not allow at all (C0 controls but tab and line breaks, U+FFFE, U+FFFF).
      case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": result += "\u{FFFD}"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
