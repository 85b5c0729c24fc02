//! The game carries its levels and assets inside the binary (so a copied binary runs anywhere):
//! rebuild when any of them changes.

fn main() {
    println!("cargo:rerun-if-changed=assets");
    println!("cargo:rerun-if-changed=levels");
}
