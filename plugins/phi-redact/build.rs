//! Builds the lexicon table (`src/lexicon.rs`) at compile time: every word
//! of the lists in `data/` and of the name vocabulary, keyed by its word
//! hash, with the entry bits a lookup answers. The table is written as raw
//! little-endian bytes (layout in `src/lexicon/layout.rs`) and embedded
//! with `include_bytes!`, so a plugin instance builds nothing at start-up
//! and the table sits in the wasm data segment (mapped copy-on-write,
//! shared between instances).

use std::collections::HashMap;
use std::path::Path;

// The word hash and the table layout, shared with the crate.
#[allow(dead_code)]
mod layout {
    include!("src/lexicon/layout.rs");
}

// The name detector's vocabulary, shared with the crate.
#[allow(dead_code)]
mod name_vocabulary {
    include!("src/name_vocabulary.rs");
}

use layout::{bits, first_slot, next_slot, word_hash};

/// The rank given to the surnames of other countries: after every census
/// surname (a rare surname).
const WORLD_SURNAME_RANK: u64 = 100_000;

/// The highest load factor: the table gets the smallest power-of-two slot
/// count that keeps it at or below this. For the ~200,000 words today,
/// 2^18 slots (a load of 0.77, 4 MB): every plugin instance maps the table,
/// so 2^19 (load 0.38) would cost each one 4 MB more of resident memory,
/// for probes that are short either way (keys lie side by side).
const MAX_LOAD: f64 = 0.8;

fn main() {
    for input in [
        "build.rs",
        "src/lexicon/layout.rs",
        "src/name_vocabulary.rs",
        "data/drug_names.txt",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    let entries = entries();
    let table = table(&entries);
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("lexicon.bin");
    std::fs::write(&out, table).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// The non-empty, non-comment lines of `data/{name}`.
fn list(name: &str) -> Vec<String> {
    println!("cargo:rerun-if-changed=data/{name}");
    let path = Path::new("data").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Every word's entry bits, by word hash (the lists in this order; a
/// later list adds its bits to the earlier ones').
fn entries() -> HashMap<u64, u64> {
    let mut map: HashMap<u64, u64> = HashMap::new();
    for word in list("first_names.txt") {
        add(&mut map, &word, bits::FIRST);
    }
    for (rank, word) in (1u64..).zip(list("surnames.txt")) {
        assert!(rank <= bits::RANK_MASK, "too many surnames");
        add(&mut map, &word, bits::SURNAME | (rank << bits::RANK_SHIFT));
    }
    // Names of other countries that no list has (no word among them).
    for word in list("world_first_names.txt")
        .into_iter()
        .chain(list("nicknames.txt"))
    {
        add(&mut map, &word, bits::FIRST);
    }
    // A surname of another country only where no census surname is.
    for word in list("world_surnames.txt") {
        let entry = map.entry(word_hash(&word)).or_default();
        if *entry & bits::SURNAME == 0 {
            *entry |= bits::SURNAME | (WORLD_SURNAME_RANK << bits::RANK_SHIFT);
        }
    }
    for word in list("ordinary_words.txt") {
        add(&mut map, &word, bits::ORDINARY);
    }
    for word in list("known_words.txt") {
        add(&mut map, &word, bits::KNOWN);
    }
    // Ordinary Spanish words are ordinary words too: "pero" and "hija"
    // (census surnames) are names only by context.
    for word in list("spanish_words.txt") {
        let entry = map.entry(word_hash(&word)).or_default();
        if *entry & bits::ORDINARY == 0 {
            *entry |= bits::SPANISH_ONLY;
        }
        *entry |= bits::ORDINARY;
    }
    for word in list("name_words.txt") {
        add(&mut map, &word, bits::NAME_FIRST);
    }
    for (word, flags) in name_vocabulary::entries() {
        add(&mut map, word, u64::from(flags) << bits::VOCABULARY_SHIFT);
    }
    map
}

fn add(map: &mut HashMap<u64, u64>, word: &str, bits: u64) {
    *map.entry(word_hash(word)).or_default() |= bits;
}

/// The open-addressing table of `entries` (see `layout.rs`): all keys,
/// then all values, as little-endian bytes.
fn table(entries: &HashMap<u64, u64>) -> Vec<u8> {
    assert!(
        !entries.contains_key(&0),
        "a word hashes to 0 (the empty key)"
    );
    let mut slots = 1usize;
    while (entries.len() as f64) > MAX_LOAD * slots as f64 {
        slots *= 2;
    }
    let mut keys = vec![0u64; slots];
    let mut values = vec![0u64; slots];
    // Sorted, so the same lists always give the same bytes.
    let mut sorted: Vec<(u64, u64)> = entries.iter().map(|(&k, &v)| (k, v)).collect();
    sorted.sort_unstable();
    for (key, value) in sorted {
        let mut slot = first_slot(key, slots);
        while keys[slot] != 0 {
            slot = next_slot(slot, slots);
        }
        keys[slot] = key;
        values[slot] = value;
    }
    keys.iter()
        .chain(&values)
        .flat_map(|v| v.to_le_bytes())
        .collect()
}
