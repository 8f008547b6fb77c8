@main
struct Redact {
    static func main() {}
}
