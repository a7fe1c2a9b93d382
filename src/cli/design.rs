//! `infrarch design`: the main job. Design a feature, write its document and
//! model, print the agent definition's summary and approval prompt.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use infrarch::design::DesignOptions;
use infrarch::render;
use infrarch::write::{self, WriteError};
use infrarch::{ingest, pipeline};

use super::{Format, parse_date, warn_problems};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Feature slug (e.g. `checkout`); `infrarch requirements` lists them.
    pub feature: String,
    /// Planning directory.
    #[arg(long, default_value = "docs/planning")]
    pub planning: PathBuf,
    /// Date of the document (`YYYY-MM-DD`), for reproducible runs; default today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Replace an existing document; the previous one is kept as a backup beside it.
    #[arg(long)]
    pub force: bool,
    /// Print the document (or, with `--format json`, the model) instead of writing.
    #[arg(long)]
    pub stdout: bool,
    /// `json` prints the design model (`infrarch.design/v1`) instead of the summary.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Read just these files (repeatable) instead of discovering documents,
    /// as `requirements --file` does.
    #[arg(long = "file", value_name = "PATH")]
    pub files: Vec<PathBuf>,
    /// A catalog file whose rows override or extend the built-in provider catalog.
    #[arg(long, value_name = "PATH")]
    pub catalog: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let date = parse_date(args.date.as_deref())?;
    let slug = write::slug(&args.feature)?;
    let options = DesignOptions {
        catalog_override: args.catalog.clone(),
        ..DesignOptions::default()
    };
    let designed = if args.files.is_empty() {
        pipeline::design(&args.planning, &slug, &[], options)?
    } else {
        let extracted = pipeline::requirements_from_files(&slug, &args.files)?;
        pipeline::design_extracted(&args.planning, extracted, &[], options)?
    };
    warn_problems(&designed.extracted.problems);
    let design = &designed.design;

    let mut out = anstream::stdout().lock();
    if args.stdout {
        // Nothing is written: the document alone, no sidecar.
        match args.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut out, design)?;
                writeln!(out)?;
            }
            Format::Text => {
                let document = pipeline::render_document(&args.planning, &designed, date);
                out.write_all(document.as_bytes())?;
            }
        }
        return Ok(ExitCode::SUCCESS);
    }

    let rendered = pipeline::render(&args.planning, &designed, date)?;
    let document = rendered.document;

    let path = rendered.path;
    let model = rendered.sidecar_json;
    super::warn_symlinks(&args.planning, &[&path, &write::model_path(&path)]);
    let written = match write::write_document(&path, &document, &model, args.force) {
        Ok(w) => w,
        Err(e @ WriteError::Exists { .. }) => {
            // Not bad input: the user's document is safe and they choose what next.
            let mut err = anstream::stderr().lock();
            writeln!(err, "infrarch: {e}")?;
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, design)?;
            writeln!(out)?;
        }
        Format::Text => {
            for b in &written.backups {
                writeln!(out, "Kept the previous file as {}", ingest::display(b))?;
            }
            let summary = render::summary(design, ingest::display(&written.document));
            write::write_approval_prompt(&mut out, &summary)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
