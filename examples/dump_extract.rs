//! Print what `extract` finds in the given files (one requirement a line):
//! a debugging aid for working on the recognisers.
fn main() {
    for arg in std::env::args().skip(1) {
        let doc = match infrarch::ingest::load_file(std::path::Path::new(&arg)) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let set = infrarch::extract::extract("dump", std::slice::from_ref(&doc));
        for r in &set.requirements {
            println!(
                "{}\t{}\t{}\tp{:?}\t{}\t{}\t{:?}\t{:?}\t{}",
                r.id,
                r.kind,
                r.value,
                r.percentile,
                if r.primary { "*" } else { "" },
                r.source.line,
                r.phase,
                r.subject,
                r.source.excerpt.chars().take(90).collect::<String>()
            );
        }
        for t in &set.technologies {
            println!(
                "tech\t{}\t{:?}\t{}\t{}",
                t.name,
                t.stance,
                t.source.line,
                t.source.excerpt.chars().take(80).collect::<String>()
            );
        }
    }
}
