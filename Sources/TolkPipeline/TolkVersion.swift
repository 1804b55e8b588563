/// Tolk's release version, written into every output line's `pipeline.tolk_version`.
public enum TolkVersion {
  public static let current = "0.1.0"
}
