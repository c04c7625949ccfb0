// `sqlx::migrate!` (also inside `#[sqlx::test]`) embeds the migration files at compile time;
// without this, adding a migration would not rebuild the crate and it would run the old set.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
