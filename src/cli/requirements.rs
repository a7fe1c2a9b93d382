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
        let confirm = args.write.then_some((args.planning.as_path(), args.force));
        return print_set(&mut out, &feature, loaded, Vec::new(), args.format, confirm);
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
    let confirm = args.write.then_some((args.planning.as_path(), args.force));
    print_set(
        &mut out,
        &feature.name,
        loaded,
        superseded,
        args.format,
        confirm,
    )
}

fn print_set(
    out: &mut dyn Write,
    feature: &str,
    loaded: Loaded,
    superseded: Vec<String>,
    format: Format,
    confirm: Option<(&std::path::Path, bool)>,
) -> anyhow::Result<ExitCode> {
    let mut set = infrarch::extract::extract(feature, &loaded.docs);
    set.superseded = superseded;
    if let Some((planning, force)) = confirm {
        let slug = infrarch::write::slug(feature)?;
        let path = confirm::path(planning, &slug);
        let file = confirm::ConfirmFile::from_set(&set);
        super::warn_symlinks(planning, &[&path]);
        let written = confirm::write(&path, &file, force)?;
        // Status lines go to stderr so `--format json` stays parseable.
        let mut err = anstream::stderr().lock();
        if let Some(b) = &written.backup {
            writeln!(err, "Kept the previous file as {}", ingest::display(b))?;
        }
        writeln!(
            err,
            "Wrote {}: check each value, set status = \"confirmed\" (or correct it), then run `infrarch design {slug}`",
            ingest::display(&written.path)
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
