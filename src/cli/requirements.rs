//! `infrarch requirements`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use infrarch::confirm;
use infrarch::ingest::{self, Loaded};
use infrarch::report;

use super::{Format, warn_problems};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Feature slug (e.g. `checkout`). Omit to list the features found.
    pub feature: Option<String>,
    /// Planning directory.
    #[arg(long, default_value = "docs/planning")]
    pub planning: PathBuf,
    /// Read just these files (repeatable) instead of discovering documents.
    #[arg(long = "file", value_name = "PATH")]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the governing values to `architecture/infrastructure/{feature}-requirements.toml`
    /// for a person to confirm; `design` reads that file first.
    #[arg(long)]
    pub write: bool,
    /// With `--write`: replace an existing confirm file (a backup is kept).
    #[arg(long, requires = "write")]
    pub force: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut out = anstream::stdout().lock();
    if !args.files.is_empty() {
        let loaded = ingest::load_paths(&args.files);
        warn_problems(&loaded.problems);
        if loaded.docs.is_empty() {
            anyhow::bail!("none of the given files could be read");
        }
        let feature = match &args.feature {
            Some(f) => f.clone(),
            None => args
                .files
                .iter()
                .find_map(|p| ingest::feature_from_name(p))
                .unwrap_or_else(|| "files".to_string()),
        };
        let confirm = args.write.then_some(args.force);
        return print_set(
            &mut out,
            &feature,
            loaded,
            Vec::new(),
            args.format,
            &args.planning,
            confirm,
        );
    }

    let inventory = ingest::discover(&args.planning)?;
    warn_problems(&inventory.problems);
    let Some(name) = &args.feature else {
        match args.format {
            Format::Json => {
                let json = serde_json::json!({
                    "schema": "infrarch.features/v1",
                    "planning": ingest::display(&inventory.planning),
                    "features": inventory.features.iter().map(|f| serde_json::json!({
                        "name": f.name,
                        "documents": f.docs.iter().map(|d| serde_json::json!({
                            "path": ingest::display(&d.path), "kind": d.kind, "date": d.date, "layout": d.layout,
                        })).collect::<Vec<_>>(),
                        "superseded": f.superseded.iter().map(|d| ingest::display(&d.path)).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                });
                serde_json::to_writer_pretty(&mut out, &json)?;
                writeln!(out)?;
            }
            Format::Text => report::requirements::write_features(&mut out, &inventory)?,
        }
        return Ok(ExitCode::SUCCESS);
    };
    let feature = inventory.feature(name)?;
    let loaded = ingest::load_feature(feature);
    warn_problems(&loaded.problems);
    if loaded.docs.is_empty() {
        anyhow::bail!("no document of feature `{}` could be read", feature.name);
    }
    let superseded = feature
        .superseded
        .iter()
        .map(|d| ingest::display(&d.path))
        .collect();
    let confirm = args.write.then_some(args.force);
    print_set(
        &mut out,
        &feature.name,
        loaded,
        superseded,
        args.format,
        &args.planning,
        confirm,
    )
}

fn print_set(
    out: &mut dyn Write,
    feature: &str,
    loaded: Loaded,
    superseded: Vec<String>,
    format: Format,
    planning: &std::path::Path,
    write: Option<bool>,
) -> anyhow::Result<ExitCode> {
    let mut set = infrarch::extract::extract(feature, &loaded.docs);
    set.superseded = superseded;
    let slug = infrarch::write::slug(feature)?;
    let path = confirm::path(planning, &slug);
    // Status lines go to stderr so `--format json` stays parseable.
    let mut err = anstream::stderr().lock();
    if let Some(force) = write {
        let mut file = confirm::ConfirmFile::from_set(&set);
        // What a person confirmed or rejected (or a reviewer set) outranks a
        // fresh extraction: a rewrite keeps it.
        let kept = match confirm::load(&path) {
            Ok(Some(old)) if force => keep_decided(&mut file, old),
            _ => 0,
        };
        let written = confirm::write(&path, &file, force)?;
        if let Some(b) = &written.backup {
            writeln!(err, "Kept the previous file as {}", ingest::display(b))?;
        }
        if kept > 0 {
            writeln!(
                err,
                "Kept {kept} confirmed or rejected value(s) from the previous file"
            )?;
        }
        writeln!(
            err,
            "Wrote {}: check each value, set status = \"confirmed\" (or correct it), then run `infrarch design {slug}`",
            ingest::display(&written.path)
        )?;
    } else if let Some(file) = confirm::load(&path)? {
        // The requirements as confirmed (and as revised on review) govern.
        confirm::apply(&file, &mut set, &ingest::display(&path));
        writeln!(
            err,
            "Confirmed values from {} govern over the extraction",
            ingest::display(&path)
        )?;
    }
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &set).context("writing JSON")?;
            writeln!(out)?;
        }
        Format::Text => report::requirements::write_text(out, &set)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Carry the decided (confirmed or rejected) values of `old` into a fresh
/// file: each replaces the fresh value of its kind (or, for a label kind, the
/// same label). Returns how many were kept.
fn keep_decided(file: &mut confirm::ConfirmFile, old: confirm::ConfirmFile) -> usize {
    let mut kept = 0;
    for v in old
        .values
        .into_iter()
        .filter(|v| v.status != confirm::Status::Extracted)
    {
        file.values
            .retain(|w| !(w.kind == v.kind && (!v.kind.is_set() || w.value == v.value)));
        file.values.push(v);
        kept += 1;
    }
    kept
}
