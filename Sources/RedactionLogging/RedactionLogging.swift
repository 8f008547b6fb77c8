// Placeholder until the LogHandler lands (issue 3).
@_exported public import Redaction
