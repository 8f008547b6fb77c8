public import ArgumentParser
public import RedactionFollow

/// `--from beginning|end`.
extension FollowStartPosition: ExpressibleByArgument {}
