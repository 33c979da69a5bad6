// The Fluent strings in locales/ are embedded at compile time; rebuild when any of them changes,
// including when a new file appears.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
